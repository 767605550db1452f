//! Opt-in retries against local servers: which failures are sent again (from the spec's idempotency, not
//! the method alone), how often, and with which waits, measured on a paused tokio clock.

use std::sync::atomic::Ordering;
use std::time::Duration;

use redis_enterprise_client::models::{Bdb, BdbAction};
use redis_enterprise_client::{Client, RetryPolicy};
use serde_json::json;
use tokio::time::Instant;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;
use support::{hanging_up_server, refused_address, requests, timerless_http};

const SECOND: Duration = Duration::from_secs(1);

/// Waits of 1 s, 2 s, 4 s (each minus up to half), at most 5 attempts.
fn policy() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(5)
        .initial_backoff(SECOND)
        .max_backoff(4 * SECOND)
        .max_elapsed(60 * SECOND)
}

/// A client whose only timers are the retry waits, so the paused clock moves only for them: no request
/// timeouts, and no pooled connections (whose idle timers would also advance it).
fn client(base_url: &str, policy: Option<RetryPolicy>) -> Client {
    let builder = Client::builder()
        .base_url(base_url)
        .http_client(timerless_http());
    match policy {
        Some(policy) => builder.retry(policy),
        None => builder,
    }
    .build()
    .unwrap()
}

async fn answer(
    server: &MockServer,
    verb: &str,
    route: &str,
    response: ResponseTemplate,
    times: u64,
) {
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(response)
        .up_to_n_times(times)
        .mount(server)
        .await;
}

#[tokio::test(start_paused = true)]
async fn a_503_is_retried_with_growing_waits_until_it_succeeds() {
    let server = MockServer::start().await;
    answer(&server, "GET", "/v1/bdbs/1", ResponseTemplate::new(503), 2).await;
    let ok = ResponseTemplate::new(200).set_body_json(json!({"uid": 1}));
    answer(&server, "GET", "/v1/bdbs/1", ok, 1).await;
    let client = client(&server.uri(), Some(policy()));

    let started = Instant::now();
    let bdb = client.bdbs().get(1).await.unwrap();

    assert_eq!(bdb.uid, Some(1));
    assert_eq!(requests(&server).await, 3);
    let waited = started.elapsed();
    assert!(
        waited >= 1500 * Duration::from_millis(1) && waited <= 3 * SECOND,
        "waits of 1 s and 2 s, minus up to half: {waited:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn without_a_policy_a_503_is_returned_at_once() {
    let server = MockServer::start().await;
    answer(&server, "GET", "/v1/bdbs/1", ResponseTemplate::new(503), 5).await;

    let error = client(&server.uri(), None).bdbs().get(1).await.unwrap_err();

    assert!(error.is_retryable());
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test(start_paused = true)]
async fn retries_stop_after_max_attempts_and_within_max_elapsed() {
    let server = MockServer::start().await;
    answer(
        &server,
        "GET",
        "/v1/bdbs/1",
        ResponseTemplate::new(503),
        100,
    )
    .await;

    let few = client(&server.uri(), Some(policy().max_attempts(3)));
    let started = Instant::now();
    let error = few.bdbs().get(1).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(requests(&server).await, 3);
    assert!(started.elapsed() <= 3 * SECOND);

    server.reset().await;
    answer(
        &server,
        "GET",
        "/v1/bdbs/1",
        ResponseTemplate::new(503),
        100,
    )
    .await;
    let short = client(&server.uri(), Some(policy().max_elapsed(2 * SECOND)));
    let started = Instant::now();
    short.bdbs().get(1).await.unwrap_err();
    let sent = requests(&server).await;
    assert!((2..=3).contains(&sent), "{sent} requests");
    assert!(started.elapsed() <= 2 * SECOND, "{:?}", started.elapsed());
}

#[tokio::test(start_paused = true)]
async fn busy_is_retried_but_other_client_errors_are_not() {
    let server = MockServer::start().await;
    let busy = ResponseTemplate::new(406).set_body_json(json!({"error_code": "busy"}));
    answer(&server, "POST", "/v1/bdbs", busy, 1).await;
    let created = ResponseTemplate::new(200).set_body_json(json!({"uid": 2}));
    answer(&server, "POST", "/v1/bdbs", created, 1).await;
    let client = client(&server.uri(), Some(policy()));

    let bdb = client.bdbs().create("db", 1 << 30).await.unwrap();
    assert_eq!(bdb.uid, Some(2));
    assert_eq!(requests(&server).await, 2);

    server.reset().await;
    let invalid =
        ResponseTemplate::new(406).set_body_json(json!({"error_code": "invalid_sharding"}));
    answer(&server, "POST", "/v1/bdbs", invalid, 5).await;
    let error = client.bdbs().create("db", 1 << 30).await.unwrap_err();
    assert!(!error.is_retryable());
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test(start_paused = true)]
async fn a_request_that_may_have_arrived_is_resent_only_when_the_spec_says_it_is_idempotent() {
    let (url, accepted) = hanging_up_server().await;
    let client = client(&url, Some(policy().max_attempts(3)));

    // `PUT /v1/bdbs/{uid}` is idempotent: sent again.
    let error = client.bdbs().update(1, Bdb::default()).await.unwrap_err();
    assert!(error.is_retryable(), "{error:?}");
    assert_eq!(accepted.swap(0, Ordering::SeqCst), 3);

    // `PUT /v1/bdbs/{uid}/{action}` is a PUT, but `x-idempotent: false` in the spec: sent once.
    let error = client
        .bdbs()
        .update_with_action(1, BdbAction::Flush, Bdb::default())
        .await
        .unwrap_err();
    assert!(!error.is_retryable(), "{error:?}");
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
}

#[tokio::test(start_paused = true)]
async fn a_refused_connection_is_retried_for_any_operation() {
    let client = client(&refused_address(), Some(policy().max_attempts(3)));

    let started = Instant::now();
    let error = client.bdbs().create("db", 1 << 30).await.unwrap_err();

    assert!(error.is_retryable(), "{error:?}");
    assert!(
        started.elapsed() >= 1500 * Duration::from_millis(1),
        "two waits: {:?}",
        started.elapsed()
    );
}
