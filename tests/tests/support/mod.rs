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

/// An operation called on a client; its result encoded back to JSON (`null` for an empty answer).
pub type Call = fn(
    redis_enterprise_client::Client,
) -> std::pin::Pin<
    Box<
        dyn std::future::Future<Output = Result<serde_json::Value, redis_enterprise_client::Error>>
            + Send,
    >,
>;

/// A result encoded back to JSON, to compare with what the server sent.
pub fn encoded<T: serde::Serialize>(
    result: Result<T, redis_enterprise_client::Error>,
) -> Result<serde_json::Value, redis_enterprise_client::Error> {
    result.map(|value| serde_json::to_value(value).unwrap())
}

/// One operation of a table-driven test: what it must send, what the server answers, and the call.
pub struct Case {
    /// The operation id, named in failures.
    pub id: &'static str,
    pub verb: &'static str,
    /// The path as sent, percent-encoded.
    pub route: &'static str,
    pub query: Option<&'static str>,
    /// The exact JSON body sent; `None`: no body at all.
    pub body: Option<serde_json::Value>,
    /// The server's answer; `None`: an empty 200.
    pub response: Option<serde_json::Value>,
    pub call: Call,
}

/// Runs `case` against a fresh mock server: the request must be exactly the one described, and the
/// answer must come back whole, members the spec does not know included.
pub async fn check(case: &Case) {
    let server = MockServer::start().await;
    let mut mock = expect(case.verb, case.route, case.query);
    mock = match &case.body {
        Some(body) => mock
            .and(wiremock::matchers::header(
                "content-type",
                "application/json",
            ))
            .and(wiremock::matchers::body_json(body)),
        None => mock.and(NoBody),
    };
    let answer = match &case.response {
        Some(response) => ResponseTemplate::new(200).set_body_json(response),
        None => ResponseTemplate::new(200),
    };
    mock.respond_with(answer)
        .expect(1)
        .named(case.id)
        .mount(&server)
        .await;

    let decoded = (case.call)(client(&server))
        .await
        .unwrap_or_else(|error| panic!("{}: {error}", case.id));

    let expected = case.response.clone().unwrap_or(serde_json::Value::Null);
    assert_eq!(decoded, expected, "{}", case.id);
    server.verify().await;
}
