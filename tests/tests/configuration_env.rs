//! `ClientBuilder::from_env` against a mock server. It sets process environment variables, so it is the
//! only test of its binary: no other test runs beside it (reqwest reads proxy variables too).

use redis_enterprise_client::ClientBuilder;
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn from_env_reads_url_and_credentials() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/bdbs/1"))
        .and(header(
            "authorization",
            "Basic YWRtaW5AZXhhbXBsZS5jb206aHVudGVyMg==",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"uid": 1})))
        .expect(1)
        .mount(&server)
        .await;
    std::env::set_var("REDIS_ENTERPRISE_URL", server.uri());
    std::env::set_var("REDIS_ENTERPRISE_USER", "admin@example.com");
    std::env::set_var("REDIS_ENTERPRISE_PASSWORD", "hunter2");
    std::env::set_var("REDIS_ENTERPRISE_INSECURE", "false");

    let builder = ClientBuilder::from_env().unwrap();
    assert!(!format!("{builder:?}").contains("hunter2"));
    let bdb = builder.build().unwrap().bdbs().get(1).await.unwrap();
    assert_eq!(bdb.uid, Some(1));

    std::env::remove_var("REDIS_ENTERPRISE_URL");
    let error = ClientBuilder::from_env().unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid client configuration: REDIS_ENTERPRISE_URL is not set"
    );
    for name in ["USER", "PASSWORD", "INSECURE"] {
        std::env::remove_var(format!("REDIS_ENTERPRISE_{name}"));
    }
}
