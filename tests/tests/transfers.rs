//! Bodies that are not JSON, and headers: debug-info archives stream to the caller as they arrive
//! (never held whole), save to a file that is complete or absent; module artifacts upload as
//! multipart forms, from disk, whole again when the request is sent again; header parameters go over
//! the wire.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use std::time::Duration;

use redis_enterprise_client::models::Bdb;
use redis_enterprise_client::{Client, Error, RetryPolicy, Upload};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

fn client(url: &str) -> Client {
    Client::builder()
        .base_url(url)
        .basic_auth("admin@example.com", "s3cret-pass")
        .build()
        .expect("a valid configuration")
}

/// The byte at `offset` of the archives the streaming server sends.
fn byte_at(offset: u64) -> u8 {
    (offset % 251) as u8
}

/// A server answering one request with a `length`-byte archive, of which it writes only `sent` bytes
/// before closing, written in 64 KiB blocks as the client reads them. It counts the bytes written so
/// far and keeps the request head it received.
struct ArchiveServer {
    url: String,
    written: Arc<AtomicU64>,
    request: tokio::task::JoinHandle<String>,
}

impl ArchiveServer {
    async fn start(length: u64, sent: u64) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let written = Arc::new(AtomicU64::new(0));
        let counter = written.clone();
        let request = tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut head = Vec::new();
            while !head.ends_with(b"\r\n\r\n") {
                let mut byte = [0];
                socket.read_exact(&mut byte).await.unwrap();
                head.push(byte[0]);
            }
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/x-gzip\r\nContent-Length: {length}\r\n\
                 Content-Disposition: attachment; filename=debuginfo.tar.gz\r\n\r\n"
            );
            socket.write_all(response.as_bytes()).await.unwrap();
            let mut offset = 0;
            while offset < sent {
                let block: Vec<u8> = (offset..sent.min(offset + 65536)).map(byte_at).collect();
                if socket.write_all(&block).await.is_err() {
                    break;
                }
                offset += block.len() as u64;
                counter.store(offset, Ordering::SeqCst);
            }
            String::from_utf8(head).unwrap()
        });
        Self {
            url,
            written,
            request,
        }
    }
}

#[tokio::test]
async fn an_archive_arrives_chunk_by_chunk_while_the_server_is_still_sending() {
    const LENGTH: u64 = 64 << 20;
    let server = ArchiveServer::start(LENGTH, LENGTH).await;

    let mut download = client(&server.url).bdbs().debuginfo(7).await.unwrap();

    assert_eq!(download.content_length(), Some(LENGTH));
    assert_eq!(download.file_name(), Some("debuginfo.tar.gz"));
    let (mut received, mut largest, mut written_at_first) = (0u64, 0, None);
    while let Some(chunk) = download.chunk().await.unwrap() {
        written_at_first.get_or_insert(server.written.load(Ordering::SeqCst));
        assert!(
            chunk
                .iter()
                .enumerate()
                .all(|(index, byte)| *byte == byte_at(received + index as u64)),
            "the bytes at {received} are not what the server sent"
        );
        received += chunk.len() as u64;
        largest = largest.max(chunk.len());
    }
    assert_eq!(received, LENGTH);
    // Had the client buffered the body, the whole 64 MiB would have been written before the first
    // chunk reached the caller, and chunks would not stay small.
    let written_at_first = written_at_first.unwrap();
    assert!(
        written_at_first < LENGTH / 4,
        "the server had written {written_at_first} bytes when the first chunk arrived"
    );
    assert!(largest <= 1 << 20, "a chunk of {largest} bytes");

    let head = server.request.await.unwrap();
    assert!(
        head.starts_with("GET /v1/bdbs/7/debuginfo HTTP/1.1\r\n"),
        "{head}"
    );
    assert!(
        head.to_ascii_lowercase()
            .contains("\r\naccept: application/x-gzip\r\n"),
        "{head}"
    );
}

#[tokio::test]
async fn an_archive_saves_to_a_file() {
    const LENGTH: u64 = 3 << 20;
    let server = ArchiveServer::start(LENGTH, LENGTH).await;
    let directory = std::env::temp_dir().join(format!("transfers-save-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let file = directory.join("all.tar.gz");

    let download = client(&server.url).bdbs().debuginfo_all().await.unwrap();
    let written = download.save(&file).await.unwrap();

    let saved = std::fs::read(&file).unwrap();
    std::fs::remove_dir_all(&directory).unwrap();
    assert_eq!(written, LENGTH);
    assert_eq!(saved.len() as u64, LENGTH);
    assert!(saved
        .iter()
        .enumerate()
        .all(|(offset, byte)| *byte == byte_at(offset as u64)));
}

#[tokio::test]
async fn an_archive_that_breaks_off_leaves_no_file_and_says_so() {
    let server = ArchiveServer::start(1 << 20, 100 << 10).await;
    let directory = std::env::temp_dir().join(format!("transfers-broken-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let file = directory.join("broken.tar.gz");

    let download = client(&server.url).bdbs().debuginfo(1).await.unwrap();
    let error = download.save(&file).await.unwrap_err();

    let exists = file.exists();
    std::fs::remove_dir_all(&directory).unwrap();
    assert!(
        matches!(&error, Error::Transport { status: Some(status), .. } if status.as_u16() == 200),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .starts_with("bdbs_debuginfo (GET /v1/bdbs/{bdb_uid}/debuginfo)"),
        "{error}"
    );
    assert!(!exists, "a partial archive was left behind");
}

#[tokio::test]
async fn an_archive_that_cannot_be_saved_names_the_file() {
    let server = ArchiveServer::start(1024, 1024).await;
    let file = std::env::temp_dir()
        .join(format!("transfers-missing-{}", std::process::id()))
        .join("nested/out.tar.gz");

    let download = client(&server.url).bdbs().debuginfo(1).await.unwrap();
    let error = download.save(&file).await.unwrap_err();

    assert!(
        matches!(&error, Error::File { path, .. } if *path == file),
        "{error:?}"
    );
    assert!(error.to_string().contains("out.tar.gz"), "{error}");
}

#[tokio::test]
async fn a_failed_download_is_an_api_error_with_its_code() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/bdbs/debuginfo"))
        .respond_with(ResponseTemplate::new(500).set_body_json(
            json!({"error_code": "debuginfo_failed", "description": "no space left"}),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server.uri())
        .bdbs()
        .debuginfo_all()
        .await
        .unwrap_err();

    assert_eq!(error.status().map(|status| status.as_u16()), Some(500));
    assert_eq!(error.raw_error_code(), Some("debuginfo_failed"));
}

#[tokio::test]
async fn a_header_parameter_is_sent_only_when_set() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/v1/bdbs/3"))
        .and(header("cluster-state-id", "30"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"uid": 3})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/v1/bdbs/4"))
        .and(|request: &Request| !request.headers.contains_key("cluster-state-id"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"uid": 4})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server.uri());
    let change = Bdb {
        shards_count: Some(2),
        ..Bdb::default()
    };

    let with = client
        .bdbs()
        .update(3, change.clone())
        .cluster_state_id(30)
        .await
        .unwrap();
    let without = client.bdbs().update(4, change).await.unwrap();

    assert_eq!((with.uid, without.uid), (Some(3), Some(4)));
}

/// Answers 503 first, then 200.
struct UnavailableOnce(std::sync::atomic::AtomicUsize);

impl Respond for UnavailableOnce {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        match self.0.fetch_add(1, Ordering::SeqCst) {
            0 => ResponseTemplate::new(503),
            _ => ResponseTemplate::new(200),
        }
    }
}

/// Where `needle` starts in `haystack`, if it does.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[tokio::test]
async fn a_module_artifact_uploads_from_disk_whole_on_every_attempt() {
    let directory = std::env::temp_dir().join(format!("transfers-upload-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let artifact = directory.join("search-2.10.zip");
    let contents: Vec<u8> = (0..(1u64 << 20) + 7).map(byte_at).collect();
    std::fs::write(&artifact, &contents).unwrap();
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/local/modules/user-defined/artifacts"))
        .respond_with(UnavailableOnce(Default::default()))
        .expect(2)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .basic_auth("admin@example.com", "s3cret-pass")
        .retry(RetryPolicy::default().initial_backoff(Duration::from_millis(1)))
        .build()
        .unwrap();

    client
        .modules()
        .user_defined_artifacts_upload(Upload::from_path(&artifact))
        .await
        .unwrap();

    std::fs::remove_dir_all(&directory).unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        let content_type = request.headers["content-type"].to_str().unwrap();
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap_or_else(|| panic!("{content_type}"));
        let body = &request.body;
        let disposition = b"Content-Disposition: form-data; name=\"module\"; \
            filename=\"search-2.10.zip\"\r\nContent-Type: application/zip\r\n";
        let part = find(body, disposition).expect("the module part, named after the file");
        let start = part + find(&body[part..], b"\r\n\r\n").unwrap() + 4;
        let end = start + contents.len();
        assert_eq!(
            &body[start..end],
            &contents[..],
            "the whole file, as it is on disk"
        );
        assert_eq!(&body[end..], format!("\r\n--{boundary}--\r\n").as_bytes());
        assert_eq!(
            request.headers["content-length"].to_str().unwrap(),
            body.len().to_string(),
            "a known length, from the file's size"
        );
    }
}

#[tokio::test]
async fn an_artifact_in_memory_uploads_under_its_given_name() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/local/modules/user-defined/artifacts"))
        .and(|request: &Request| {
            find(&request.body, b"name=\"module\"; filename=\"module.zip\"").is_some()
                && find(&request.body, b"\r\n\r\nPK\x03\x04zip\r\n").is_some()
        })
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;

    client(&server.uri())
        .modules()
        .user_defined_artifacts_upload(Upload::from_bytes("module.zip", &b"PK\x03\x04zip"[..]))
        .await
        .unwrap();
}
