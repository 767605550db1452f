//! `tracing` output of a request: a span per request named after the operation, one per attempt, with
//! method, path template, status and attempt number, and never a body or a credential.

use std::io::Write;
use std::sync::{Arc, Mutex};

use redis_enterprise_client::Client;
use serde_json::json;
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::util::SubscriberInitExt;

mod support;
use support::node;

/// Collects what the subscriber writes.
#[derive(Clone, Default)]
struct Output(Arc<Mutex<Vec<u8>>>);

impl Write for Output {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn spans_carry_the_operation_status_and_attempt_but_no_secret() {
    let output = Output::default();
    let writer = output.clone();
    let _guard = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_max_level(LevelFilter::DEBUG)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .finish()
        .set_default();
    let inactive = node(503, json!({"description": "not in an active cluster"})).await;
    let active = node(
        200,
        json!({"uid": 5, "authentication_redis_pass": "db-pass-9"}),
    )
    .await;
    let client = Client::builder()
        .nodes([inactive.uri(), active.uri()])
        .basic_auth("admin@example.com", "hunter2")
        .build()
        .unwrap();

    client.bdbs().create("body-marker", 1 << 30).await.unwrap();

    let logs = String::from_utf8(output.0.lock().unwrap().clone()).unwrap();
    for expected in [
        "otel.name=\"bdbs_create\"",
        "http.request.method=POST",
        "url.template=\"/v1/bdbs\"",
        "attempt=1",
        "attempt=2",
        "http.response.status_code=503",
        "http.response.status_code=200",
        "attempts=2",
        "server.address=\"127.0.0.1\"",
        "server.port=",
        "moving on to the next one",
    ] {
        assert!(logs.contains(expected), "missing {expected} in:\n{logs}");
    }
    // Error messages are not logged either: servers may quote what they were sent.
    for secret in [
        "hunter2",
        "YWRtaW5",
        "body-marker",
        "db-pass-9",
        "not in an active cluster",
    ] {
        assert!(!logs.contains(secret), "{secret} leaked in:\n{logs}");
    }
}
