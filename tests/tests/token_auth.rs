//! Token authentication against a mock cluster: one login, the token on every request, shared renewal
//! before expiry, a refused token replaced once, failures surfaced clearly, secrets never shown.

use std::sync::Arc;
use std::time::Duration;

use redis_enterprise_client::jwt::Jwt;
use redis_enterprise_client::{Client, Error, StatusCode};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

mod support;
use support::{timerless_http, AUTHORIZATION as BASIC, PASSWORD, USER};

fn token(value: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"access_token": value}))
}

/// `POST /v1/users/authorize` with Basic auth and the ttl, answering `answer`.
async fn login(server: &MockServer, ttl: u64, answer: ResponseTemplate, times: u64) {
    Mock::given(method("POST"))
        .and(path("/v1/users/authorize"))
        .and(header("authorization", BASIC))
        .and(body_json(json!({"ttl": ttl})))
        .respond_with(answer)
        .expect(times)
        .mount(server)
        .await;
}

/// `GET /v1/bdbs` with token `value`, answering `answer`.
async fn databases_with(server: &MockServer, value: &str, answer: ResponseTemplate, times: u64) {
    Mock::given(method("GET"))
        .and(path("/v1/bdbs"))
        .and(header("authorization", format!("JWT {value}").as_str()))
        .respond_with(answer)
        .expect(times)
        .mount(server)
        .await;
}

fn client(server: &MockServer, jwt: Jwt) -> Client {
    Client::builder()
        .base_url(server.uri())
        .token_source(Arc::new(jwt))
        .http_client(timerless_http())
        .build()
        .unwrap()
}

#[tokio::test]
async fn logs_in_once_and_sends_the_token_on_every_request() {
    let server = MockServer::start().await;
    login(&server, 300, token("t1"), 1).await;
    databases_with(
        &server,
        "t1",
        ResponseTemplate::new(200).set_body_json(json!([])),
        3,
    )
    .await;
    let client = Client::builder()
        .base_url(server.uri())
        .jwt_auth(USER, PASSWORD)
        .build()
        .unwrap();

    for _ in 0..3 {
        assert!(client.bdbs().list().await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn concurrent_requests_share_one_login() {
    let server = MockServer::start().await;
    let slow = token("t1").set_delay(Duration::from_millis(200));
    login(&server, 300, slow, 1).await;
    databases_with(
        &server,
        "t1",
        ResponseTemplate::new(200).set_body_json(json!([])),
        8,
    )
    .await;
    let client = Client::builder()
        .base_url(server.uri())
        .jwt_auth(USER, PASSWORD)
        .build()
        .unwrap();

    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let client = client.clone();
        requests.spawn(async move { client.bdbs().list().await });
    }
    while let Some(result) = requests.join_next().await {
        result.unwrap().unwrap();
    }
}

#[tokio::test(start_paused = true)]
async fn the_token_is_renewed_before_it_expires() {
    let server = MockServer::start().await;
    login(&server, 100, token("t1"), 1).await;
    Mock::given(method("POST"))
        .and(path("/v1/users/refresh_jwt"))
        .and(header("authorization", "JWT t1"))
        .and(body_json(json!({"ttl": 100})))
        .respond_with(token("t2"))
        .expect(1)
        .mount(&server)
        .await;
    databases_with(
        &server,
        "t1",
        ResponseTemplate::new(200).set_body_json(json!([])),
        2,
    )
    .await;
    databases_with(
        &server,
        "t2",
        ResponseTemplate::new(200).set_body_json(json!([])),
        1,
    )
    .await;
    let client = client(
        &server,
        Jwt::new(USER, PASSWORD).ttl(Duration::from_secs(100)),
    );

    client.bdbs().list().await.unwrap();
    tokio::time::advance(Duration::from_secs(70)).await;
    client.bdbs().list().await.unwrap(); // still fresh: t1
    tokio::time::advance(Duration::from_secs(15)).await;
    client.bdbs().list().await.unwrap(); // past four fifths of its life: renewed, t2
}

#[tokio::test(start_paused = true)]
async fn an_expired_token_means_a_new_login() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/users/refresh_jwt"))
        .respond_with(token("never"))
        .expect(0)
        .mount(&server)
        .await;
    login(&server, 10, token("t1"), 2).await;
    databases_with(
        &server,
        "t1",
        ResponseTemplate::new(200).set_body_json(json!([])),
        2,
    )
    .await;
    let client = client(
        &server,
        Jwt::new(USER, PASSWORD).ttl(Duration::from_secs(10)),
    );

    client.bdbs().list().await.unwrap();
    tokio::time::advance(Duration::from_secs(11)).await;
    client.bdbs().list().await.unwrap();
}

#[tokio::test]
async fn a_refused_token_is_replaced_and_the_request_sent_once_more() {
    let server = MockServer::start().await;
    let answers = std::sync::Mutex::new(vec!["t2", "t1"]);
    Mock::given(method("POST"))
        .and(path("/v1/users/authorize"))
        .and(header("authorization", BASIC))
        .respond_with(move |_: &Request| token(answers.lock().unwrap().pop().unwrap()))
        .expect(2)
        .mount(&server)
        .await;
    databases_with(&server, "t1", ResponseTemplate::new(401), 1).await;
    databases_with(
        &server,
        "t2",
        ResponseTemplate::new(200).set_body_json(json!([])),
        1,
    )
    .await;
    let client = client(&server, Jwt::new(USER, PASSWORD));

    assert!(client.bdbs().list().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_token_refused_twice_is_a_401() {
    let server = MockServer::start().await;
    login(&server, 300, token("t1"), 2).await;
    databases_with(&server, "t1", ResponseTemplate::new(401), 2).await;
    let client = client(&server, Jwt::new(USER, PASSWORD));

    let error = client.bdbs().list().await.unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED));
    assert!(
        error
            .to_string()
            .starts_with("bdbs_list (GET /v1/bdbs): the server answered 401 Unauthorized"),
        "{error}"
    );
}

#[tokio::test]
async fn a_refused_login_names_the_login_and_its_error_code() {
    let server = MockServer::start().await;
    let refused = ResponseTemplate::new(401).set_body_json(
        json!({"error_code": "password_expired", "description": "The password has expired"}),
    );
    login(&server, 300, refused, 1).await;
    let client = client(&server, Jwt::new(USER, PASSWORD));

    let error = client.bdbs().list().await.unwrap_err();

    let Error::Api(api) = &error else {
        panic!("an API error, not {error:?}");
    };
    assert_eq!(api.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error.raw_error_code(), Some("password_expired"));
    let message = error.to_string();
    assert!(message.contains("POST /v1/users/authorize"), "{message}");
    assert!(!message.contains(PASSWORD), "{message}");
}

#[tokio::test]
async fn neither_password_nor_token_is_shown() {
    let server = MockServer::start().await;
    login(&server, 300, token("t0ps3cr3t-token"), 1).await;
    databases_with(
        &server,
        "t0ps3cr3t-token",
        ResponseTemplate::new(200).set_body_json(json!([])),
        1,
    )
    .await;
    let client = client(&server, Jwt::new(USER, PASSWORD));
    client.bdbs().list().await.unwrap();

    let shown = format!("{client:?}");
    assert!(shown.contains(USER), "{shown}");
    assert!(
        !shown.contains(PASSWORD) && !shown.contains("t0ps3cr3t"),
        "{shown}"
    );
}

#[tokio::test]
async fn a_fixed_bearer_token_is_sent_as_is() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/bdbs"))
        .and(header("authorization", "Bearer fixed"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("fixed")
        .build()
        .unwrap();

    client.bdbs().list().await.unwrap();
    assert!(!format!("{client:?}").contains("fixed"));
}

#[test]
fn basic_auth_and_a_token_are_not_both_allowed() {
    let error = Client::builder()
        .basic_auth(USER, PASSWORD)
        .bearer_token("fixed")
        .build()
        .unwrap_err();
    assert!(error.to_string().contains("choose one"), "{error}");
}
