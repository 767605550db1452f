//! Client configuration as automation sets it up: from the environment, with a user agent, through a
//! proxy, or with a caller-built `reqwest` client. `from_env` has a binary of its own
//! (`configuration_env`), as it changes the process environment.

use redis_enterprise_client::{Client, Error};
use serde_json::json;
use wiremock::matchers::{header, header_regex, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server_expecting(matcher: impl wiremock::Match + 'static) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/bdbs/1"))
        .and(matcher)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"uid": 1})))
        .expect(1)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn the_user_agent_names_the_crate_unless_set() {
    let default = server_expecting(header_regex(
        "user-agent",
        r"^redis-enterprise-client/\d+\.\d+\.\d+$",
    ))
    .await;
    let client = Client::builder().base_url(default.uri()).build().unwrap();
    client.bdbs().get(1).await.unwrap();

    let custom = server_expecting(header("user-agent", "backup-job/2.1")).await;
    let client = Client::builder()
        .base_url(custom.uri())
        .user_agent("backup-job/2.1")
        .build()
        .unwrap();
    client.bdbs().get(1).await.unwrap();
}

#[tokio::test]
async fn requests_go_through_the_proxy() {
    // The mock server plays the proxy: the cluster's host name does not resolve, so only a request sent
    // through the proxy can succeed.
    let proxy = server_expecting(header("host", "cluster.invalid:9443")).await;
    let client = Client::builder()
        .base_url("http://cluster.invalid:9443")
        .proxy(proxy.uri())
        .build()
        .unwrap();

    client.bdbs().get(1).await.unwrap();
}

#[test]
fn a_bad_proxy_url_is_refused_without_being_echoed() {
    let error = Client::builder()
        .proxy("proxy-user:pa55@")
        .build()
        .unwrap_err();
    assert!(matches!(error, Error::Config(_)), "{error:?}");
    assert!(!error.to_string().contains("pa55"), "{error}");
    assert!(!format!("{:?}", Client::builder().proxy("http://u:pa55@proxy:1")).contains("pa55"));
}

#[tokio::test]
async fn a_caller_built_reqwest_client_is_used() {
    let server = server_expecting(header("x-team", "storage")).await;
    let mut headers = redis_enterprise_client::reqwest::header::HeaderMap::new();
    headers.insert("x-team", "storage".parse().unwrap());
    let http = redis_enterprise_client::reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap();
    let client = Client::builder()
        .base_url(server.uri())
        .http_client(http.clone())
        .build()
        .unwrap();
    client.bdbs().get(1).await.unwrap();

    let conflicting = Client::builder()
        .http_client(http)
        .danger_accept_invalid_certs(true)
        .build()
        .unwrap_err();
    assert!(conflicting
        .to_string()
        .contains("configure them on that client"));
}
