//! Waiting for actions against a mock server, on a paused tokio clock so that no test sleeps for real.
//! The client has no timers of its own here, so virtual time moves only for the waits between polls;
//! the exact pacing is tested on the polling loop itself, in `generated-client/src/wait.rs`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use redis_enterprise_client::models::{ActionV2Status, Bdb, BdbActionOrBlueprint, CrdbTaskStatus};
use redis_enterprise_client::wait::{WaitError, WaitOptions};
use redis_enterprise_client::Client;
use serde_json::{json, Value};
use tokio::time::Instant;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

mod support;
use support::timerless_http;

const UID: &str = "6155403f-c26f-40ab-8afc-23ed663973f6";

/// Answers each request with the next response of a list, repeating the last one.
#[derive(Clone)]
struct Sequence {
    responses: Arc<Vec<ResponseTemplate>>,
    seen: Arc<AtomicUsize>,
}

impl Sequence {
    fn new(responses: Vec<ResponseTemplate>) -> Self {
        Self {
            responses: Arc::new(responses),
            seen: Arc::default(),
        }
    }

    fn polls(&self) -> usize {
        self.seen.load(Ordering::SeqCst)
    }
}

impl Respond for Sequence {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let index = self.seen.fetch_add(1, Ordering::SeqCst);
        self.responses[index.min(self.responses.len() - 1)].clone()
    }
}

fn action(status: &str, progress: f64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "action_uid": UID,
        "action_type": "task",
        "name": "retry_bdb",
        "creation_time": 1742595918,
        "progress": progress,
        "status": status,
    }))
}

fn failed(error: &str) -> ResponseTemplate {
    let mut body: Value = json!({
        "action_uid": UID, "name": "retry_bdb", "progress": 40.0, "status": "failed",
        "additional_info": {"error": error},
    });
    body["creation_time"] = json!(1742595918);
    ResponseTemplate::new(200).set_body_json(body)
}

async fn serve(sequence: &Sequence) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v2/actions/{UID}")))
        .respond_with(sequence.clone())
        .mount(&server)
        .await;
    // Only the waits between polls move the paused clock.
    let client = Client::builder()
        .base_url(server.uri())
        .http_client(timerless_http())
        .build()
        .unwrap();
    (server, client)
}

fn options() -> WaitOptions {
    WaitOptions::default()
        .interval(Duration::from_secs(1))
        .max_interval(Duration::from_secs(4))
        .timeout(Duration::from_secs(60))
}

#[tokio::test(start_paused = true)]
async fn polls_through_queued_and_running_until_completed() {
    let sequence = Sequence::new(vec![
        action("queued", 0.0),
        action("running", 30.0),
        action("running", 60.0),
        action("running", 90.0),
        action("completed", 100.0),
    ]);
    let (_server, client) = serve(&sequence).await;
    let started = Instant::now();

    let done = client.actions().wait_with(UID, options()).await.unwrap();

    assert_eq!(done.status, Some(ActionV2Status::Completed));
    assert_eq!(done.progress, Some(100.0));
    assert_eq!(sequence.polls(), 5);
    // At least the four pauses: 1 s doubling to the 4 s maximum.
    assert!(started.elapsed() >= Duration::from_secs(1 + 2 + 4 + 4));
}

#[tokio::test(start_paused = true)]
async fn a_failed_action_is_an_error_with_its_status_progress_and_message() {
    let sequence = Sequence::new(vec![action("running", 10.0), failed("disk full")]);
    let (_server, client) = serve(&sequence).await;

    let error = client
        .actions()
        .wait_with(UID, options())
        .await
        .unwrap_err();

    let WaitError::Failed(state) = &error else {
        panic!("expected a failure, got {error:?}");
    };
    assert_eq!(state.status.as_deref(), Some("failed"));
    assert_eq!(state.progress, Some(40.0));
    assert_eq!(state.message.as_deref(), Some("disk full"));
    assert_eq!(
        error.to_string(),
        format!("action {UID} (retry_bdb) is failed at 40%: disk full")
    );
}

#[tokio::test(start_paused = true)]
async fn the_deadline_ends_the_wait_with_the_last_state_seen() {
    let sequence = Sequence::new(vec![action("running", 50.0)]);
    let (_server, client) = serve(&sequence).await;
    let started = Instant::now();

    let error = client
        .actions()
        .wait_with(UID, options())
        .await
        .unwrap_err();

    let WaitError::Timeout { timeout, last, .. } = &error else {
        panic!("expected a timeout, got {error:?}");
    };
    assert_eq!(*timeout, Duration::from_secs(60));
    assert_eq!(last.as_ref().unwrap().progress, Some(50.0));
    assert!(started.elapsed() >= Duration::from_secs(60));
    assert!(sequence.polls() >= 2, "polled {} times", sequence.polls());
}

#[tokio::test(start_paused = true)]
async fn a_transient_poll_failure_is_retried() {
    let sequence = Sequence::new(vec![
        action("running", 50.0),
        ResponseTemplate::new(503).set_body_json(json!({"error_code": "not_in_cluster"})),
        action("completed", 100.0),
    ]);
    let (_server, client) = serve(&sequence).await;

    let done = client.actions().wait_with(UID, options()).await.unwrap();

    assert_eq!(done.status, Some(ActionV2Status::Completed));
    assert_eq!(sequence.polls(), 3);
}

#[tokio::test(start_paused = true)]
async fn a_poll_that_cannot_succeed_ends_the_wait() {
    let sequence = Sequence::new(vec![
        ResponseTemplate::new(404).set_body_json(json!({"error_code": "action_not_found"}))
    ]);
    let (_server, client) = serve(&sequence).await;

    let error = client
        .actions()
        .wait_with(UID, options())
        .await
        .unwrap_err();

    assert!(
        matches!(&error, WaitError::Request(inner) if inner.status().map(|s| s.as_u16()) == Some(404)),
        "{error:?}"
    );
    assert_eq!(sequence.polls(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_timeout_after_transient_failures_only_says_why() {
    let sequence = Sequence::new(vec![
        ResponseTemplate::new(503).set_body_json(json!({"error_code": "not_in_cluster"}))
    ]);
    let (_server, client) = serve(&sequence).await;

    let error = client
        .actions()
        .wait_with(UID, options())
        .await
        .unwrap_err();

    let WaitError::Timeout {
        last, last_error, ..
    } = &error
    else {
        panic!("expected a timeout, got {error:?}");
    };
    assert!(last.is_none());
    assert_eq!(
        last_error
            .as_ref()
            .and_then(|error| error.status())
            .map(|s| s.as_u16()),
        Some(503)
    );
    assert!(
        error.to_string().contains("the action was never read: "),
        "{error}"
    );
}

#[tokio::test(start_paused = true)]
async fn waits_for_the_action_a_create_returned() {
    let sequence = Sequence::new(vec![action("running", 50.0), action("completed", 100.0)]);
    let (_server, client) = serve(&sequence).await;
    let created = Bdb {
        uid: Some(1),
        action_uid: Some(UID.to_owned()),
        ..Bdb::default()
    };

    let done = client.actions().wait_for(&created).await.unwrap();

    assert_eq!(
        done.and_then(|action| action.status),
        Some(ActionV2Status::Completed)
    );
    assert_eq!(sequence.polls(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_response_naming_no_action_needs_no_wait() {
    let sequence = Sequence::new(vec![action("completed", 100.0)]);
    let (_server, client) = serve(&sequence).await;
    let dry_run = BdbActionOrBlueprint::Blueprint(Vec::new());

    let done = client.actions().wait_for(&dry_run).await.unwrap();

    assert_eq!(done, None);
    assert_eq!(sequence.polls(), 0);
}

const TASK: &str = "e3a1f1b8-7b1c-4d5e-9a2b-0c1d2e3f4a5b";

fn task(status: &str, errors: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "id": TASK, "crdb_guid": "552bbccb-99f3-4142-bd17-93d245f0bc79",
        "operation": "create_crdb", "status": status, "errors": errors,
    }))
}

async fn serve_tasks(sequence: &Sequence) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/crdb_tasks/{TASK}")))
        .respond_with(sequence.clone())
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .http_client(timerless_http())
        .build()
        .unwrap();
    (server, client)
}

#[tokio::test(start_paused = true)]
async fn an_active_active_task_is_polled_until_finished() {
    let sequence = Sequence::new(vec![
        task("queued", json!([])),
        task("started", json!([])),
        task("finished", json!([])),
    ]);
    let (_server, client) = serve_tasks(&sequence).await;

    let done = client
        .crdb_tasks()
        .wait_with(TASK, options())
        .await
        .unwrap();

    assert_eq!(done.status, Some(CrdbTaskStatus::Finished));
    assert_eq!(sequence.polls(), 3);
}

#[tokio::test(start_paused = true)]
async fn a_failed_active_active_task_says_which_clusters_failed() {
    let errors = json!([
        {"cluster_name": "east", "description": "port 12000 is taken", "error_code": "port_taken"},
        {"cluster_name": "west", "error_code": "timeout"},
    ]);
    let sequence = Sequence::new(vec![task("started", json!([])), task("failed", errors)]);
    let (_server, client) = serve_tasks(&sequence).await;

    let error = client
        .crdb_tasks()
        .wait_with(TASK, options())
        .await
        .unwrap_err();

    assert_eq!(
        error.to_string(),
        format!("action {TASK} (create_crdb) is failed: east: port 12000 is taken; west: timeout")
    );
}
