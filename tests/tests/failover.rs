//! Several nodes of one cluster: a node that is down or answers 503 does not stop a request, the client
//! sticks to the node that answered, and a request that may have reached a node moves on only when the
//! spec says its operation is idempotent.

use std::future::{Future, IntoFuture};
use std::sync::Arc;

use redis_enterprise_client::models::{Bdb, BdbAction};
use redis_enterprise_client::Client;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::Notify;

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

/// A node answering each request with the status `answer` gives for its path, whenever `answer`'s
/// future completes, so a test decides the order in which concurrent requests finish.
async fn scripted_node<F, Fut>(answer: F) -> String
where
    F: Fn(String) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = u16> + Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let answer = Arc::new(answer);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let answer = answer.clone();
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut byte = [0; 1];
                while !head.ends_with(b"\r\n\r\n") && socket.read(&mut byte).await.unwrap() == 1 {
                    head.push(byte[0]);
                }
                let head = String::from_utf8_lossy(&head);
                let path = head
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or_default()
                    .to_owned();
                let status = answer(path).await;
                let body = r#"{"uid": 1}"#;
                let response = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                socket.write_all(response.as_bytes()).await.unwrap();
            });
        }
    });
    url
}

#[tokio::test]
async fn a_round_tries_every_node_even_when_another_request_sticks_to_one_it_left() {
    let b_at_first = Arc::new(Notify::new());
    let a_at_second = Arc::new(Notify::new());
    let b_done = Arc::new(Notify::new());
    // Node 0: request A (uid 1) fails at once; request B (uid 2) succeeds once A has moved on to node 1.
    let first = scripted_node({
        let (b_at_first, a_at_second) = (b_at_first.clone(), a_at_second.clone());
        move |path: String| {
            let (b_at_first, a_at_second) = (b_at_first.clone(), a_at_second.clone());
            async move {
                if path.ends_with("/1") {
                    return 503;
                }
                b_at_first.notify_one();
                a_at_second.notified().await;
                200
            }
        }
    })
    .await;
    // Node 1: fails A, but only after B has succeeded on node 0 and made the client stick to it.
    let second = scripted_node({
        let (a_at_second, b_done) = (a_at_second.clone(), b_done.clone());
        move |_| {
            let (a_at_second, b_done) = (a_at_second.clone(), b_done.clone());
            async move {
                a_at_second.notify_one();
                b_done.notified().await;
                503
            }
        }
    })
    .await;
    let third = node(200, json!({"uid": 1})).await;
    let client = client(&[first, second, third.uri()]);

    let b = tokio::spawn(client.bdbs().get(2).into_future());
    b_at_first.notified().await;
    let a = tokio::spawn(client.bdbs().get(1).into_future());
    b.await.unwrap().unwrap();
    b_done.notify_one();

    a.await
        .unwrap()
        .expect("node 2 is healthy and must be tried");
    assert_eq!(requests(&third).await, 1);
}
