//! The ways people write automation compile and behave: a body built inline, a request stored and awaited
//! later, a request returned from a function, spawned on tokio, and many built in a loop and joined.

use std::future::IntoFuture;

use redis_enterprise_client::apis::bdbs::Update;
use redis_enterprise_client::models::Bdb;
use redis_enterprise_client::Client;
use serde_json::json;
use tokio::task::JoinSet;
use wiremock::matchers::{body_json, method, path_regex, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().unwrap()
}

/// Answers every `PUT /v1/bdbs/<uid>` with `{"uid": 1}`, expecting `calls` of them.
async fn accept_updates(server: &MockServer, calls: u64) {
    Mock::given(method("PUT"))
        .and(path_regex(r"^/v1/bdbs/\d+$"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"uid": 1})))
        .expect(calls)
        .mount(server)
        .await;
}

/// Builds the body itself and hands back the request, which owns it.
fn rename(client: &Client, uid: i64) -> Update {
    client.bdbs().update(
        uid,
        Bdb {
            name: Some(format!("database{uid}")),
            ..Bdb::default()
        },
    )
}

fn assert_send_static<T: Send + 'static>(value: T) -> T {
    value
}

#[tokio::test]
async fn a_request_with_an_inline_body_can_be_stored_and_awaited_later() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path_regex("^/v1/bdbs/1$"))
        .and(query_param("dry_run", "true"))
        .and(body_json(json!({"name": "db"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"uid": 1})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let request = client
        .bdbs()
        .update(
            1,
            Bdb {
                name: Some("db".to_owned()),
                ..Bdb::default()
            },
        )
        .dry_run(true);

    assert_eq!(request.await.unwrap().uid, Some(1));
}

#[tokio::test]
async fn a_function_can_build_the_body_and_return_the_request() {
    let server = MockServer::start().await;
    accept_updates(&server, 1).await;
    let client = client(&server);

    let request = rename(&client, 7);
    drop(client); // The request keeps its own handle on the client.

    request.await.unwrap();
    let received = server.received_requests().await.unwrap();
    assert_eq!(received[0].url.path(), "/v1/bdbs/7");
    assert_eq!(
        received[0].body_json::<serde_json::Value>().unwrap(),
        json!({"name": "database7"})
    );
}

#[tokio::test]
async fn requests_can_be_spawned_as_they_are_or_inside_a_task() {
    let server = MockServer::start().await;
    accept_updates(&server, 2).await;
    let client = client(&server);

    let request = assert_send_static(rename(&client, 1));
    let as_is = tokio::spawn(request.into_future());
    let cloned = client.clone();
    let inside = tokio::spawn(async move { rename(&cloned, 2).await });

    as_is.await.unwrap().unwrap();
    inside.await.unwrap().unwrap();
}

#[tokio::test]
async fn requests_built_in_a_loop_can_be_joined() {
    let server = MockServer::start().await;
    accept_updates(&server, 5).await;
    let client = client(&server);

    let mut requests = JoinSet::new();
    for uid in 1..=5 {
        requests.spawn(rename(&client, uid).into_future());
    }
    let mut done = 0;
    while let Some(result) = requests.join_next().await {
        result.unwrap().unwrap();
        done += 1;
    }

    assert_eq!(done, 5);
}
