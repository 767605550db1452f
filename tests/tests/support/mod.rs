//! Local servers and clients shared by the client behaviour tests (`mod support;` in each test that
//! uses them; not every test uses every helper).
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::net::TcpListener;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A node that answers every request with `status` and `body`.
pub async fn node(status: u16, body: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(&server)
        .await;
    server
}

/// How many requests the mock server has received.
pub async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

/// An address where nothing listens: connections are refused.
pub fn refused_address() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}", listener.local_addr().unwrap())
}

/// A server that accepts connections and closes them without answering, counting them: a request sent
/// there may have reached it.
pub async fn hanging_up_server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = accepted.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            drop(socket);
        }
    });
    (url, accepted)
}

/// An HTTP client without timers of its own (no request timeouts, no pooled connections whose idle
/// timers would fire), so that a paused tokio clock moves only for the client's own waits.
pub fn timerless_http() -> redis_enterprise_client::reqwest::Client {
    redis_enterprise_client::reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap()
}

/// The user the client behaviour tests log in as.
pub const USER: &str = "admin@example.com";
/// Their password.
pub const PASSWORD: &str = "s3cret-pass";
/// `Basic base64("admin@example.com:s3cret-pass")`.
pub const AUTHORIZATION: &str = "Basic YWRtaW5AZXhhbXBsZS5jb206czNjcmV0LXBhc3M=";

/// A client of `server` with Basic auth as [`USER`].
pub fn client(server: &MockServer) -> redis_enterprise_client::Client {
    redis_enterprise_client::Client::builder()
        .base_url(server.uri())
        .basic_auth(USER, PASSWORD)
        .build()
        .expect("a valid configuration")
}

/// Matches the query string exactly as sent (`None`: no query at all), so encoding is checked too.
pub struct RawQuery(pub Option<&'static str>);

impl wiremock::Match for RawQuery {
    fn matches(&self, request: &wiremock::Request) -> bool {
        request.url.query() == self.0
    }
}

/// Matches a request that has no body.
pub struct NoBody;

impl wiremock::Match for NoBody {
    fn matches(&self, request: &wiremock::Request) -> bool {
        request.body.is_empty()
    }
}

/// A mock of the request `verb route?query` as the client sends it: authenticated as [`USER`],
/// accepting JSON.
pub fn expect(verb: &str, route: &str, query: Option<&'static str>) -> wiremock::MockBuilder {
    Mock::given(wiremock::matchers::method(verb))
        .and(wiremock::matchers::path(route))
        .and(RawQuery(query))
        .and(wiremock::matchers::header("authorization", AUTHORIZATION))
        .and(wiremock::matchers::header("accept", "application/json"))
}
