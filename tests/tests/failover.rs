//! Several nodes of one cluster: a node that is down or answers 503 does not stop a request, the client
//! sticks to the node that answered, and a request that may have reached a node moves on only when the
//! spec says its operation is idempotent.

use redis_enterprise_client::models::{Bdb, BdbAction};
use redis_enterprise_client::Client;
use serde_json::json;

mod support;
use support::{hanging_up_server, node, refused_address, requests};

fn client(nodes: &[String]) -> Client {
    Client::builder().nodes(nodes).build().unwrap()
}

#[tokio::test]
async fn a_503_moves_on_to_the_next_node_and_the_client_sticks_to_it() {
    let inactive = node(503, json!({"uid": 1})).await;
    let active = node(200, json!({"uid": 1})).await;
    let client = client(&[inactive.uri(), active.uri()]);

    client.bdbs().get(1).await.unwrap();
    client.clone().bdbs().get(1).await.unwrap();

    assert_eq!(requests(&inactive).await, 1);
    assert_eq!(requests(&active).await, 2);
    assert_eq!(client.base_url().as_str(), format!("{}/", active.uri()));
}

#[tokio::test]
async fn a_node_that_is_down_is_skipped_even_for_a_post() {
    let active = node(200, json!({"uid": 1})).await;
    let client = client(&[refused_address(), active.uri()]);

    client.bdbs().create("db", 1 << 30).await.unwrap();

    assert_eq!(requests(&active).await, 1);
}

#[tokio::test]
async fn when_every_node_fails_the_last_error_is_returned_after_one_round() {
    let first = node(503, json!({"uid": 1})).await;
    let second = node(503, json!({"uid": 1})).await;
    let client = client(&[first.uri(), second.uri()]);

    let error = client.bdbs().get(1).await.unwrap_err();

    assert_eq!(error.status().map(|status| status.as_u16()), Some(503));
    assert_eq!((requests(&first).await, requests(&second).await), (1, 1));
}

#[tokio::test]
async fn a_request_that_may_have_arrived_moves_on_only_if_idempotent() {
    let (flaky, _) = hanging_up_server().await;
    let active = node(200, json!({"uid": 1})).await;

    // `PUT /v1/bdbs/{uid}` is idempotent.
    let idempotent = client(&[flaky.clone(), active.uri()]);
    idempotent.bdbs().update(1, Bdb::default()).await.unwrap();
    assert_eq!(requests(&active).await, 1);

    // `PUT /v1/bdbs/{uid}/{action}` is not (`x-idempotent: false`): the error is returned.
    let not_idempotent = client(&[flaky, active.uri()]);
    let error = not_idempotent
        .bdbs()
        .update_with_action(1, BdbAction::Flush, Bdb::default())
        .await
        .unwrap_err();
    assert!(!error.is_retryable(), "{error:?}");
    assert_eq!(requests(&active).await, 1);
}
