//! TLS behaviour of the client against a small local HTTPS server.
//!
//! The server uses the test-only certificates in `tests/fixtures/tls` (see `generate.sh` there):
//! `server.pem` is issued for `localhost` and `127.0.0.1` by `ca.pem`; `other-ca.pem` is unrelated.
//! Nothing here touches the network beyond 127.0.0.1.

use std::error::Error as StdError;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use redis_enterprise_client::models::Bdb;
use redis_enterprise_client::{Client, ClientBuilder, Error};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::TlsAcceptor;

const CA_PEM: &[u8] = include_bytes!("../fixtures/tls/ca.pem");
const OTHER_CA_PEM: &[u8] = include_bytes!("../fixtures/tls/other-ca.pem");
const SERVER_PEM: &[u8] = include_bytes!("../fixtures/tls/server.pem");
const SERVER_KEY: &[u8] = include_bytes!("../fixtures/tls/server.key");

/// What the server answers to every request.
const BODY: &str = r#"[{"uid":1,"name":"db1"}]"#;
/// The server stops accepting after this many connections.
const MAX_CONNECTIONS: usize = 16;
/// The server gives up on a request head longer than this.
const MAX_HEAD_BYTES: usize = 64 * 1024;
/// Limit on serving one connection, and on each request made by the tests.
const IO_TIMEOUT: Duration = Duration::from_secs(10);

/// An HTTPS server on 127.0.0.1, running as a tokio task until dropped.
struct TestServer {
    port: u16,
    connections: Arc<AtomicUsize>,
    task: JoinHandle<()>,
}

impl TestServer {
    /// Listens on an ephemeral port with `server.pem`/`server.key`.
    async fn start() -> Self {
        let certificates = CertificateDer::pem_slice_iter(SERVER_PEM)
            .collect::<Result<Vec<_>, _>>()
            .expect("server.pem holds certificates");
        let key = PrivateKeyDer::from_pem_slice(SERVER_KEY).expect("server.key holds a key");
        // The provider is passed explicitly: no process-wide default is installed.
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("the provider supports the default protocol versions")
            .with_no_client_auth()
            .with_single_cert(certificates, key)
            .expect("server.pem and server.key match");
        let acceptor = TlsAcceptor::from(Arc::new(config));

        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let port = listener.local_addr().expect("local address").port();
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&connections);
        let task = tokio::spawn(async move {
            for _ in 0..MAX_CONNECTIONS {
                let Ok((tcp, _)) = listener.accept().await else {
                    return;
                };
                counter.fetch_add(1, Ordering::SeqCst);
                let acceptor = acceptor.clone();
                // A handshake the client aborts (certificate rejected) just ends that connection.
                tokio::spawn(async move {
                    let _ = tokio::time::timeout(IO_TIMEOUT, serve(acceptor, tcp)).await;
                });
            }
        });
        Self {
            port,
            connections,
            task,
        }
    }

    /// `https://localhost:{port}`: `localhost` is the certificate's DNS name.
    fn url(&self) -> String {
        format!("https://localhost:{}", self.port)
    }

    /// How many TCP connections the server has accepted.
    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Completes the TLS handshake, reads one request head and answers [`BODY`].
async fn serve(acceptor: TlsAcceptor, tcp: TcpStream) -> std::io::Result<()> {
    let mut tls = acceptor.accept(tcp).await?;
    let mut head = Vec::new();
    let mut buffer = [0_u8; 4096];
    while !head.windows(4).any(|window| window == b"\r\n\r\n") {
        if head.len() > MAX_HEAD_BYTES {
            return Err(std::io::Error::other("request head too long"));
        }
        let read = tls.read(&mut buffer).await?;
        if read == 0 {
            return Ok(());
        }
        head.extend_from_slice(&buffer[..read]);
    }
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         connection: close\r\n\r\n{BODY}",
        BODY.len()
    );
    tls.write_all(response.as_bytes()).await?;
    tls.shutdown().await
}

/// A client for `base_url` with credentials, configured further by `configure`.
fn client(base_url: &str, configure: impl FnOnce(ClientBuilder) -> ClientBuilder) -> Client {
    configure(
        Client::builder()
            .base_url(base_url)
            .basic_auth("admin@example.com", "secret")
            .timeout(Some(IO_TIMEOUT))
            .connect_timeout(Some(IO_TIMEOUT)),
    )
    .build()
    .expect("the client builds")
}

/// `client.bdbs().list()`.
async fn list(client: &Client) -> Result<Vec<Bdb>, Error> {
    client.bdbs().list().await
}

/// The error's Debug output and its chain of Display messages, for assertion messages.
fn describe(error: &Error) -> String {
    let mut text = format!("{error:?}\nchain:");
    let mut current: Option<&(dyn StdError + 'static)> = Some(error);
    while let Some(cause) = current {
        text.push_str(&format!("\n  - {cause}"));
        current = cause.source();
    }
    text
}

/// Checks that `result` is a certificate rejection reported as [`Error::Tls`].
fn assert_certificate_rejected(result: Result<Vec<Bdb>, Error>) {
    let error = match result {
        Ok(bdbs) => panic!(
            "expected a certificate rejection, got Ok with {} database(s)",
            bdbs.len()
        ),
        Err(error) => error,
    };
    assert!(
        matches!(error, Error::Tls { .. }),
        "expected Error::Tls, got:\n{}",
        describe(&error)
    );
    let message = error.to_string();
    assert!(
        message.contains("certificate was rejected"),
        "the message does not say the certificate was rejected: {message}"
    );
    assert!(
        !message.to_lowercase().contains("connection refused"),
        "the message mentions a refused connection: {message}"
    );
    assert!(
        !error.is_retryable(),
        "a certificate rejection is not retryable"
    );
}

/// Checks that `result` is the server's single database.
fn assert_listed(result: Result<Vec<Bdb>, Error>) {
    let bdbs = result.unwrap_or_else(|error| panic!("request failed:\n{}", describe(&error)));
    assert_eq!(bdbs.len(), 1, "{bdbs:?}");
    assert_eq!(bdbs[0].uid, Some(1));
    assert_eq!(bdbs[0].name.as_deref(), Some("db1"));
}

#[tokio::test]
async fn default_client_rejects_an_unknown_ca() {
    let server = TestServer::start().await;
    let client = client(&server.url(), |builder| builder);
    assert_certificate_rejected(list(&client).await);
    assert!(server.connections() >= 1, "the server saw no connection");
}

#[tokio::test]
async fn trusting_the_ca_accepts_the_server() {
    let server = TestServer::start().await;
    let client = client(&server.url(), |builder| {
        builder.root_certificate_pem(CA_PEM.to_vec())
    });
    assert_listed(list(&client).await);
}

#[tokio::test]
async fn trusting_an_unrelated_ca_rejects_the_server() {
    let server = TestServer::start().await;
    let client = client(&server.url(), |builder| {
        builder.root_certificate_pem(OTHER_CA_PEM.to_vec())
    });
    assert_certificate_rejected(list(&client).await);
    assert!(server.connections() >= 1, "the server saw no connection");
}

#[tokio::test]
async fn accepting_invalid_certs_skips_verification() {
    let server = TestServer::start().await;
    let client = client(&server.url(), |builder| {
        builder.danger_accept_invalid_certs(true)
    });
    assert_listed(list(&client).await);
}

#[tokio::test]
async fn closed_port_is_a_retryable_transport_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener.local_addr().expect("local address").port()
    };
    // An IP address, so that only the (now closed) IPv4 port is tried.
    let client = client(&format!("https://127.0.0.1:{port}"), |builder| {
        builder.root_certificate_pem(CA_PEM.to_vec())
    });
    let error = match list(&client).await {
        Ok(bdbs) => panic!(
            "expected a connection failure, got Ok with {} database(s)",
            bdbs.len()
        ),
        Err(error) => error,
    };
    assert!(
        matches!(error, Error::Transport { .. }),
        "expected Error::Transport, got:\n{}",
        describe(&error)
    );
    assert!(
        error.is_retryable(),
        "a refused connection should be retryable:\n{}",
        describe(&error)
    );
    assert!(
        !error.to_string().contains("certificate"),
        "the message mentions certificates: {error}"
    );
}

#[tokio::test]
async fn invalid_root_certificate_is_a_config_error() {
    let result = Client::builder()
        .root_certificate_pem(b"not a pem".to_vec())
        .build();
    match result {
        Err(Error::Config(message)) => {
            assert!(
                message.contains("root certificate #1"),
                "unexpected message: {message}"
            );
        }
        Err(error) => panic!("expected Error::Config, got:\n{}", describe(&error)),
        Ok(client) => panic!("expected Error::Config, got Ok({client:?})"),
    }
}
