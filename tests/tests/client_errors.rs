//! Failures as the caller sees them: status, typed `error_code`, description, raw body, decode paths,
//! retry hints, and no password anywhere.

use redis_enterprise_client::models::{Bdb, BdbAction, ErrorCode};
use redis_enterprise_client::{Client, Error, Method, StatusCode};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;
use support::PASSWORD;

async fn server_answering(verb: &str, route: &str, response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(response)
        .expect(1)
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .basic_auth("admin@example.com", PASSWORD)
        .build()
        .unwrap()
}

fn api_error(error: &Error) -> &redis_enterprise_client::ApiError {
    match error {
        Error::Api(api) => api,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn not_found_keeps_an_undocumented_error_code() {
    let body =
        json!({"error_code": "db_moved_to_another_cluster", "description": "Database 9 has moved"});
    let server = server_answering(
        "GET",
        "/v1/bdbs/9",
        ResponseTemplate::new(404).set_body_json(&body),
    )
    .await;

    let error = client(&server).bdbs().get(9).await.unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    let code = error.error_code().unwrap();
    assert!(matches!(code, ErrorCode::Unknown(_)), "{code:?}");
    assert_eq!(code.as_str(), "db_moved_to_another_cluster");
    let api = api_error(&error);
    assert_eq!(api.description(), Some("Database 9 has moved"));
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(api.body()).unwrap(),
        body
    );
    assert_eq!(
        error.to_string(),
        "bdbs_get (GET /v1/bdbs/{uid}): the server answered 404 Not Found: db_moved_to_another_cluster: Database 9 has moved"
    );
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn not_acceptable_maps_a_documented_code_and_reads_message() {
    let body = json!({"error_code": "invalid_sharding", "message": "shard_key_regex is required"});
    let server = server_answering(
        "PUT",
        "/v1/bdbs/1",
        ResponseTemplate::new(406).set_body_json(body),
    )
    .await;

    let error = client(&server)
        .bdbs()
        .update(1, Bdb::default())
        .await
        .unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::NOT_ACCEPTABLE));
    assert_eq!(error.error_code(), Some(ErrorCode::InvalidSharding));
    assert_eq!(
        api_error(&error).description(),
        Some("shard_key_regex is required")
    );
}

#[tokio::test]
async fn conflict_reports_busy() {
    let body = json!({"error_code": "busy", "description": "Another action is in progress"});
    let server = server_answering(
        "DELETE",
        "/v1/bdbs/1",
        ResponseTemplate::new(409).set_body_json(body),
    )
    .await;

    let error = client(&server).bdbs().delete(1).await.unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::CONFLICT));
    assert_eq!(error.error_code(), Some(ErrorCode::Busy));
}

#[tokio::test]
async fn unavailable_with_a_non_json_body_keeps_the_body_and_is_retryable() {
    let html = "<html><body>503 Service Unavailable</body></html>";
    let server = server_answering(
        "GET",
        "/v1/bdbs",
        ResponseTemplate::new(503).set_body_string(html),
    )
    .await;

    let error = client(&server).bdbs().list().await.unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(error.error_code(), None);
    assert_eq!(api_error(&error).body(), html.as_bytes());
    assert!(
        error
            .to_string()
            .ends_with(&format!("503 Service Unavailable: {html}")),
        "{error}"
    );
    assert!(error.is_retryable());
}

#[tokio::test]
async fn an_empty_error_body_is_said_to_be_empty() {
    let server = server_answering("POST", "/v1/bdbs", ResponseTemplate::new(403)).await;

    let error = client(&server)
        .bdbs()
        .create("db", 1 << 30)
        .await
        .unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::FORBIDDEN));
    assert!(api_error(&error).body().is_empty());
    assert_eq!(
        error.to_string(),
        "bdbs_create (POST /v1/bdbs): the server answered 403 Forbidden with an empty body"
    );
}

#[tokio::test]
async fn a_bad_field_is_named_by_its_path() {
    let body = json!([{"uid": 1}, {"uid": 2, "endpoints": [{"port": 12000}, {"port": "twelve"}]}]);
    let server = server_answering(
        "GET",
        "/v1/bdbs",
        ResponseTemplate::new(200).set_body_json(body),
    )
    .await;

    let error = client(&server).bdbs().list().await.unwrap_err();

    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert_eq!(decode.path(), "[1].endpoints[1].port");
    assert_eq!(decode.status(), StatusCode::OK);
    assert!(decode.message().contains("twelve"), "{}", decode.message());
    assert!(
        error.to_string().starts_with("bdbs_list (GET /v1/bdbs): cannot decode the 200 OK response at `[1].endpoints[1].port`"),
        "{error}"
    );
}

#[tokio::test]
async fn a_success_without_the_expected_body_is_a_decode_error() {
    let server = server_answering("GET", "/v1/bdbs/1", ResponseTemplate::new(200)).await;

    let error = client(&server).bdbs().get(1).await.unwrap_err();

    assert!(matches!(error, Error::Decode(_)), "{error:?}");
}

#[tokio::test]
async fn the_password_appears_in_no_debug_output_or_message() {
    let server = server_answering(
        "GET",
        "/v1/bdbs",
        ResponseTemplate::new(401).set_body_string("Unauthorized"),
    )
    .await;
    let builder = Client::builder()
        .base_url(server.uri())
        .basic_auth("admin@example.com", PASSWORD);
    let api = builder.clone().build().unwrap();

    let error = api.bdbs().list().await.unwrap_err();

    for text in [
        format!("{builder:?}"),
        format!("{api:?}"),
        format!("{error}"),
        format!("{error:?}"),
    ] {
        assert!(!text.contains(PASSWORD), "password leaked in: {text}");
    }
    assert!(format!("{api:?}").contains("admin@example.com"));
    assert!(format!("{api:?}").contains("<redacted>"));
}

#[test]
fn database_passwords_are_redacted_in_debug_but_sent_as_is() {
    let bdb: Bdb =
        serde_json::from_value(json!({"uid": 1, "authentication_redis_pass": PASSWORD})).unwrap();

    assert!(!format!("{bdb:?}").contains(PASSWORD), "{bdb:?}");
    assert_eq!(
        bdb.authentication_redis_pass
            .as_ref()
            .map(|secret| secret.expose()),
        Some(PASSWORD)
    );
    assert_eq!(
        serde_json::to_value(&bdb).unwrap()["authentication_redis_pass"],
        PASSWORD
    );
}

#[tokio::test]
async fn error_debug_output_shows_the_body_length_not_the_body() {
    let body = json!({"uid": 1, "authentication_redis_pass": PASSWORD, "port": "not a port"});
    let server = server_answering(
        "GET",
        "/v1/bdbs/1",
        ResponseTemplate::new(200).set_body_json(&body),
    )
    .await;
    let decode = client(&server).bdbs().get(1).await.unwrap_err();
    assert!(matches!(decode, Error::Decode(_)), "{decode:?}");

    let server = server_answering(
        "GET",
        "/v1/bdbs/1",
        ResponseTemplate::new(500).set_body_json(&body),
    )
    .await;
    let api = client(&server).bdbs().get(1).await.unwrap_err();

    for error in [decode, api] {
        let debug = format!("{error:?}");
        assert!(!debug.contains(PASSWORD), "{debug}");
        assert!(debug.contains("bytes>"), "{debug}");
    }
}

#[tokio::test]
async fn dot_segments_in_path_parameters_are_refused() {
    // Nothing is mounted: a request that reached the server would be answered 404.
    let server = MockServer::start().await;
    let api = client(&server);
    for action in [".", ".."] {
        let error = api
            .bdbs()
            .update_with_action(1, BdbAction::from(action), Bdb::default())
            .await
            .unwrap_err();
        assert!(matches!(error, Error::Request { .. }), "{error:?}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[test]
fn base_urls_that_cannot_take_a_path_or_would_leak_the_password_are_refused() {
    let build = |url: &str| {
        Client::builder()
            .base_url(url)
            .basic_auth("admin@example.com", PASSWORD)
            .build()
    };
    for url in [
        "https://cluster:9443/api?x=1",
        "https://cluster:9443/#top",
        "http://cluster.example.com:9443",
        "ftp://cluster:9443",
    ] {
        let error = build(url).unwrap_err();
        assert!(matches!(error, Error::Config(_)), "{url}: {error:?}");
    }
    for url in [
        "http://localhost:9443",
        "http://127.0.0.1:9443",
        "http://[::1]:9443",
    ] {
        assert!(build(url).is_ok(), "{url} is this machine");
    }
    let opted_in = Client::builder()
        .base_url("http://cluster.example.com:9443")
        .basic_auth("admin@example.com", PASSWORD)
        .danger_allow_http(true)
        .build();
    assert!(opted_in.is_ok());
}

#[tokio::test]
async fn a_timed_out_post_is_not_retryable_but_a_timed_out_get_is() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_delay(std::time::Duration::from_secs(5)))
        .mount(&server)
        .await;
    let api = Client::builder()
        .base_url(server.uri())
        .timeout(Some(std::time::Duration::from_millis(200)))
        .build()
        .unwrap();

    let get = api.bdbs().get(1).await.unwrap_err();
    let post = api.bdbs().create("db", 1 << 30).await.unwrap_err();

    assert!(get.is_retryable(), "{get:?}");
    assert!(
        !post.is_retryable(),
        "a POST may have taken effect: {post:?}"
    );
}

#[tokio::test]
async fn a_request_timeout_replaces_the_clients() {
    let server = MockServer::start().await;
    let slow = |delay| {
        ResponseTemplate::new(200)
            .set_body_json(json!({"uid": 1}))
            .set_delay(std::time::Duration::from_millis(delay))
    };
    Mock::given(path("/v1/bdbs/1"))
        .respond_with(slow(5_000))
        .mount(&server)
        .await;
    Mock::given(path("/v1/bdbs/2"))
        .respond_with(slow(500))
        .mount(&server)
        .await;
    let patient = client(&server); // 60 s
    let hasty = Client::builder()
        .base_url(server.uri())
        .timeout(Some(std::time::Duration::from_millis(100)))
        .build()
        .unwrap();

    let timed_out = patient
        .bdbs()
        .get(1)
        .timeout(std::time::Duration::from_millis(200))
        .await
        .unwrap_err();
    let raw_timed_out = patient
        .raw(Method::GET, "/v1/bdbs/1")
        .timeout(std::time::Duration::from_millis(200))
        .send_bytes()
        .await
        .unwrap_err();
    let given_time = hasty
        .bdbs()
        .get(2)
        .timeout(std::time::Duration::from_secs(10))
        .await
        .unwrap();
    let without = hasty.bdbs().get(2).await.unwrap_err();

    assert!(timed_out.is_timeout(), "{timed_out:?}");
    assert!(raw_timed_out.is_timeout(), "{raw_timed_out:?}");
    assert_eq!(given_time.uid, Some(1));
    assert!(without.is_timeout(), "{without:?}");
    assert!(timed_out.to_string().contains("bdbs_get"), "{timed_out}");
}

#[test]
fn credentials_in_the_base_url_are_refused() {
    let error = Client::builder()
        .base_url(format!("https://admin:{PASSWORD}@cluster:9443"))
        .build()
        .unwrap_err();
    assert!(matches!(error, Error::Config(_)), "{error:?}");
    assert!(!error.to_string().contains(PASSWORD));
}

#[test]
fn the_default_base_url_is_the_local_node() {
    let api = Client::builder().build().unwrap();
    assert_eq!(api.base_url().as_str(), "https://localhost:9443/");
}

#[tokio::test]
async fn a_body_that_breaks_off_keeps_the_status_of_its_response() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = [0; 4096];
        let _ = socket.read(&mut request).await;
        // Promises 100 bytes, sends 1, hangs up.
        let _ = socket
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{")
            .await;
    });
    let client = Client::builder().base_url(url).build().unwrap();

    let error = client.bdbs().get(1).await.unwrap_err();

    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(error.status(), Some(StatusCode::OK));
    assert!(error.is_retryable(), "a GET is idempotent: {error:?}");
}
