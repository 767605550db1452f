//! The escape hatch for routes the spec lacks (`Client::raw`), and responses that come with their status
//! and headers (`send_with_response`), against a local mock server.

use redis_enterprise_client::models::Bdb;
use redis_enterprise_client::{Client, Error, Method, RetryPolicy};
use serde_json::{json, Value};
use std::sync::atomic::Ordering;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;
use support::{hanging_up_server, requests, timerless_http};

/// `Basic base64("admin:pw")`.
const AUTHORIZATION: &str = "Basic YWRtaW46cHc=";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .basic_auth("admin", "pw")
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_raw_get_encodes_segments_and_query_and_authenticates() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/bdbs/a%2Fb%20c/shards"))
        .and(query_param("extended", "true"))
        .and(header("authorization", AUTHORIZATION))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"uid": "1"}])))
        .expect(2)
        .mount(&server)
        .await;
    let request = client(&server)
        .raw(Method::GET, "/v1/bdbs")
        .segment("a/b c")
        .segment("shards")
        .query("extended", true);

    let value: Value = request.clone().send().await.unwrap();
    assert_eq!(value, json!([{"uid": "1"}]));
    let shards: Vec<Bdb> = request.send().await.unwrap();
    assert_eq!(shards[0].uid, Some(1));
}

#[tokio::test]
async fn a_raw_post_sends_json_and_returns_the_body_as_bytes() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/bdbs/1/actions/backup"))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"location": "s3"})))
        .respond_with(ResponseTemplate::new(202))
        .expect(1)
        .mount(&server)
        .await;

    let body = client(&server)
        .raw(Method::POST, "/v1/bdbs/1/actions/backup")
        .json(&json!({"location": "s3"}))
        .send_bytes()
        .await
        .unwrap();

    assert!(body.is_empty());
}

#[tokio::test]
async fn a_raw_download_streams_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/nodes/1/debuginfo"))
        .and(header("accept", "*/*"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-disposition", "attachment; filename=node.tar.gz")
                .set_body_bytes(vec![7u8; 100_000]),
        )
        .expect(1)
        .mount(&server)
        .await;

    let mut download = client(&server)
        .raw(Method::GET, "/v1/nodes/1/debuginfo")
        .send_download()
        .await
        .unwrap();

    assert_eq!(download.file_name(), Some("node.tar.gz"));
    let mut received = Vec::new();
    while let Some(chunk) = download.chunk().await.unwrap() {
        received.extend_from_slice(&chunk);
    }
    assert_eq!(received, vec![7u8; 100_000]);
}

#[tokio::test]
async fn raw_errors_are_mapped_like_generated_ones() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/nodes/9"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"error_code": "node_not_found", "description": "No node 9"})),
        )
        .mount(&server)
        .await;

    let error = client(&server)
        .raw(Method::GET, "/v1/nodes")
        .segment(9)
        .send::<Value>()
        .await
        .unwrap_err();

    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.status().as_u16(), 404);
    assert_eq!(api.raw_error_code(), Some("node_not_found"));
    assert_eq!(
        error.to_string(),
        "raw request (GET /v1/nodes/9): the server answered 404 Not Found: node_not_found: No node 9"
    );
    assert!(!error.to_string().contains("pw"));
}

#[tokio::test]
async fn bad_raw_paths_are_refused_before_sending() {
    let server = MockServer::start().await;
    let client = client(&server);

    for request in [
        client.raw(Method::GET, "v1/nodes"),
        client.raw(Method::GET, "/v1/nodes").segment(".."),
    ] {
        let error = request.send_bytes().await.unwrap_err();
        assert!(matches!(error, Error::Request { .. }), "{error:?}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test(start_paused = true)]
async fn raw_requests_use_the_retry_policy() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .http_client(timerless_http())
        .retry(RetryPolicy::default())
        .build()
        .unwrap();

    let value: Value = client
        .raw(Method::POST, "/v1/bootstrap")
        .send()
        .await
        .unwrap();

    assert_eq!(value, json!({"ok": true}));
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test(start_paused = true)]
async fn a_raw_request_that_may_have_arrived_is_sent_again_only_when_said_idempotent() {
    let (url, accepted) = hanging_up_server().await;
    let client = Client::builder()
        .base_url(url)
        .http_client(timerless_http())
        .retry(RetryPolicy::default().max_attempts(3))
        .build()
        .unwrap();

    // A POST defaults to not idempotent: the connection broke after sending, so it is not repeated.
    let error = client
        .raw(Method::POST, "/v1/bootstrap")
        .send_bytes()
        .await
        .unwrap_err();
    assert!(!error.is_retryable(), "{error:?}");
    assert_eq!(accepted.swap(0, Ordering::SeqCst), 1);

    // Declared idempotent, it is sent again up to the policy's attempts.
    let error = client
        .raw(Method::POST, "/v1/bootstrap")
        .idempotent(true)
        .send_bytes()
        .await
        .unwrap_err();
    assert!(error.is_retryable(), "{error:?}");
    assert_eq!(accepted.load(Ordering::SeqCst), 3);
}

#[test]
fn the_debug_output_of_a_raw_request_leaves_its_body_out() {
    let client = Client::builder()
        .base_url("https://cluster.example.com:9443")
        .build()
        .unwrap();
    let request = client
        .raw(Method::POST, "/v1/users")
        .json(&json!({"name": "ops", "password": "userpw-1234"}));

    let debug = format!("{request:?}");

    assert!(debug.contains("/v1/users"), "{debug}");
    assert!(!debug.contains("userpw-1234"), "{debug}");
}

#[tokio::test]
async fn send_with_response_gives_the_status_and_headers() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/bdbs"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("location", "/v1/bdbs/7")
                .insert_header("set-cookie", "session=tok-1234")
                .set_body_json(json!({"uid": 7})),
        )
        .mount(&server)
        .await;

    let response = client(&server)
        .bdbs()
        .create("db", 1 << 30)
        .send_with_response()
        .await
        .unwrap();

    assert_eq!(response.status().as_u16(), 201);
    assert_eq!(response.headers()["location"], "/v1/bdbs/7");
    assert_eq!(response.value().uid, Some(7));
    let debug = format!("{response:?}");
    assert!(debug.contains("\"location\""), "{debug}");
    assert!(!debug.contains("tok-1234"), "{debug}");
    let (bdb, status, _) = response.into_parts();
    assert_eq!((bdb.uid, status.as_u16()), (Some(7), 201));
}
