//! The alert and statistics operations of the client against a local mock server: method, path
//! (percent-encoded), raw query string, `Authorization` header, exact JSON body, and the decoding of the
//! pages' examples, each with a member the spec does not know, which must be kept.

// Deprecated operations are still served, so they are tested like the others.
#![allow(deprecated)]

use std::future::Future;
use std::pin::Pin;

use redis_enterprise_client::models::{
    AlertSeverity, BdbAlertSettingsWithThreshold, DbAlertsSettings, StatsInterval,
};
use redis_enterprise_client::{Client, StatusCode};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, header};
use wiremock::{MockServer, ResponseTemplate};

mod support;
use support::{client, expect, NoBody};

/// The state of an alert as the pages' examples show it, plus a member no page documents.
fn alert() -> Value {
    json!({
        "enabled": true,
        "state": true,
        "threshold": "80",
        "severity": "WARNING",
        "change_time": "2014-08-29T11:19:49Z",
        "change_value": {"state": true, "threshold": "80", "memory_util": 81.2},
        "acknowledged": false
    })
}

/// A one-hour database sample of the stats page's example, plus a metric no page documents.
fn db_sample() -> Value {
    json!({
        "interval": "1hour",
        "stime": "2015-05-27T12:00:00Z",
        "etime": "2015-05-28T12:59:59Z",
        "avg_latency": 599.08,
        "conns": 0.0,
        "last_req_time": "1970-01-01T00:00:00Z",
        "used_memory": 5656299.362068966,
        "no_of_keys": 12.0,
        "new_metric": 1.5
    })
}

/// A one-second shard sample of the shard stats pages' examples, plus a metric no page documents.
fn shard_sample() -> Value {
    json!({
        "interval": "1sec",
        "stime": "2015-05-28T08:27:35Z",
        "etime": "2015-05-28T08:27:40Z",
        "used_memory_peak": 5888264.0,
        "connected_clients": 9.0,
        "last_save_time": 1432541051.0,
        "sync_full": 0.0,
        "new_metric": 2.5
    })
}

/// A five-minute sample of the peer and syncer source stats pages' examples, plus an unknown metric.
fn replication_sample() -> Value {
    json!({
        "interval": "5min",
        "stime": "2017-10-22T19:25:00Z",
        "etime": "2017-10-22T19:30:00Z",
        "egress_bytes": 0.0,
        "ingress_bytes": 18528,
        "ingress_bytes_decompressed": 185992,
        "local_ingress_lag_time": 0.244,
        "pending_local_writes_max": 0.0,
        "new_metric": 3.5
    })
}

type Call = fn(Client) -> Pin<Box<dyn Future<Output = ()>>>;

/// One operation: the request it must send, the body the server answers, and the call that sends it
/// and checks what it decoded.
struct Case {
    verb: &'static str,
    route: &'static str,
    query: Option<&'static str>,
    response: fn() -> Value,
    call: Call,
}

const CASES: &[Case] = &[
    Case {
        verb: "GET",
        route: "/v1/bdbs/alerts",
        query: None,
        response: || json!({"1": {"bdb_size": alert()}, "2": {}}),
        call: |api| {
            Box::pin(async move {
                let alerts = api.bdbs().alerts_list().await.unwrap();
                let size = &alerts["1"]["bdb_size"];
                assert_eq!(size.threshold.as_deref(), Some("80"));
                assert_eq!(size.severity, Some(AlertSeverity::Warning));
                assert_eq!(size.unknown_fields["acknowledged"], json!(false));
                assert!(alerts["2"].is_empty());
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/bdbs/alerts/1",
        query: None,
        response: || json!({"bdb_size": alert()}),
        call: |api| {
            Box::pin(async move {
                let alerts = api.bdbs().alerts_list_for_bdb(1).await.unwrap();
                let size = &alerts["bdb_size"];
                assert_eq!(size.state, Some(true));
                assert_eq!(
                    size.change_value.as_ref().unwrap()["memory_util"],
                    json!(81.2)
                );
                assert_eq!(size.unknown_fields["acknowledged"], json!(false));
            })
        },
    },
    Case {
        verb: "GET",
        // The alert name is one path segment, percent-encoded.
        route: "/v1/bdbs/alerts/1/bdb%20size%2Fx",
        query: None,
        response: alert,
        call: |api| {
            Box::pin(async move {
                let alert = api.bdbs().alerts_get(1, "bdb size/x").await.unwrap();
                assert_eq!(alert.enabled, Some(true));
                assert_eq!(alert.change_time.as_deref(), Some("2014-08-29T11:19:49Z"));
                assert_eq!(alert.unknown_fields["acknowledged"], json!(false));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/bdbs/crdt_sources/alerts",
        query: None,
        response: || json!({"1": {"crdt_src_syncer_connection_error": alert()}}),
        call: |api| {
            Box::pin(async move {
                let alerts = api.bdbs().crdt_sources_alerts_list().await.unwrap();
                let error = &alerts["1"]["crdt_src_syncer_connection_error"];
                assert_eq!(error.state, Some(true));
                assert_eq!(error.unknown_fields["acknowledged"], json!(false));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/bdbs/crdt_sources/alerts/1",
        query: None,
        response: || json!({"crdt_src_syncer_connection_error": alert()}),
        call: |api| {
            Box::pin(async move {
                let alerts = api
                    .bdbs()
                    .crdt_sources_alerts_list_for_bdb(1)
                    .await
                    .unwrap();
                assert_eq!(
                    alerts["crdt_src_syncer_connection_error"]
                        .threshold
                        .as_deref(),
                    Some("80")
                );
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/bdbs/crdt_sources/alerts/1/2",
        query: None,
        response: || json!({"crdt_src_syncer_connection_error": alert()}),
        call: |api| {
            Box::pin(async move {
                let alerts = api
                    .bdbs()
                    .crdt_sources_alerts_list_for_source(1, 2)
                    .await
                    .unwrap();
                let error = &alerts["crdt_src_syncer_connection_error"];
                assert_eq!(error.severity.as_ref().map(|s| s.as_str()), Some("WARNING"));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/bdbs/crdt_sources/alerts/1/2/crdt_src_syncer_connection_error",
        query: None,
        response: alert,
        call: |api| {
            Box::pin(async move {
                let alert = api
                    .bdbs()
                    .crdt_sources_alerts_get(1, 2, "crdt_src_syncer_connection_error")
                    .await
                    .unwrap();
                assert_eq!(alert.threshold.as_deref(), Some("80"));
                assert_eq!(alert.unknown_fields["acknowledged"], json!(false));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/bdbs/replica_sources/alerts",
        query: None,
        response: || json!({"3": {"replica_src_syncer_connection_error": alert()}}),
        call: |api| {
            Box::pin(async move {
                let alerts = api.bdbs().replica_sources_alerts_list().await.unwrap();
                let error = &alerts["3"]["replica_src_syncer_connection_error"];
                assert_eq!(error.enabled, Some(true));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/bdbs/replica_sources/alerts/3",
        query: None,
        response: || json!({"replica_src_syncer_connection_error": alert()}),
        call: |api| {
            Box::pin(async move {
                let alerts = api
                    .bdbs()
                    .replica_sources_alerts_list_for_bdb(3)
                    .await
                    .unwrap();
                let error = &alerts["replica_src_syncer_connection_error"];
                assert_eq!(error.unknown_fields["acknowledged"], json!(false));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/bdbs/replica_sources/alerts/3/4",
        query: None,
        response: || json!({"replica_src_syncer_connection_error": alert()}),
        call: |api| {
            Box::pin(async move {
                let alerts = api
                    .bdbs()
                    .replica_sources_alerts_list_for_source(3, 4)
                    .await
                    .unwrap();
                assert_eq!(
                    alerts["replica_src_syncer_connection_error"].state,
                    Some(true)
                );
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/bdbs/replica_sources/alerts/3/4/replica_src_syncer_connection_error",
        query: None,
        response: alert,
        call: |api| {
            Box::pin(async move {
                let alert = api
                    .bdbs()
                    .replica_sources_alerts_get(3, 4, "replica_src_syncer_connection_error")
                    .await
                    .unwrap();
                assert_eq!(alert.severity, Some(AlertSeverity::Warning));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/bdbs/stats",
        query: Some("interval=1hour&stime=2014-08-28T10%3A00%3A00Z&etime=2014-08-28T12%3A00%3A00Z"),
        response: || json!([{"uid": "1", "intervals": [db_sample()], "new_member": "x"}]),
        call: |api| {
            Box::pin(async move {
                let stats = api
                    .bdbs()
                    .stats_list()
                    .interval(StatsInterval::OneHour)
                    .stime("2014-08-28T10:00:00Z")
                    .etime("2014-08-28T12:00:00Z")
                    .await
                    .unwrap();
                assert_eq!(stats[0].uid.as_deref(), Some("1"));
                assert_eq!(stats[0].unknown_fields["new_member"], json!("x"));
                let sample = &stats[0].intervals.as_ref().unwrap()[0];
                assert_eq!(sample.interval, Some(StatsInterval::OneHour));
                assert_eq!(sample.avg_latency, Some(599.08));
                assert_eq!(sample.used_memory, Some(5656299.362068966));
                assert_eq!(
                    sample.last_req_time.as_deref(),
                    Some("1970-01-01T00:00:00Z")
                );
                assert_eq!(sample.unknown_fields["new_metric"], json!(1.5));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/bdbs/stats/1",
        query: Some("interval=5min"),
        response: || json!({"uid": "1", "intervals": [db_sample(), {"interval": "1week"}]}),
        call: |api| {
            Box::pin(async move {
                let stats = api
                    .bdbs()
                    .stats_get(1)
                    .interval(StatsInterval::FiveMinutes)
                    .await
                    .unwrap();
                let samples = stats.intervals.unwrap();
                assert_eq!(samples[0].no_of_keys, Some(12.0));
                assert_eq!(samples[0].stime.as_deref(), Some("2015-05-27T12:00:00Z"));
                assert_eq!(samples[1].interval, Some(StatsInterval::OneWeek));
                assert_eq!(samples[1].avg_latency, None);
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/bdbs/stats/last",
        query: Some("metrics=no_of_keys,used_memory"),
        response: || json!({"1": db_sample(), "2": {"no_of_keys": 3.0}}),
        call: |api| {
            Box::pin(async move {
                let last = api
                    .bdbs()
                    .stats_last_list()
                    .metrics(["no_of_keys", "used_memory"])
                    .await
                    .unwrap();
                assert_eq!(last["1"].etime.as_deref(), Some("2015-05-28T12:59:59Z"));
                assert_eq!(last["1"].unknown_fields["new_metric"], json!(1.5));
                assert_eq!(last["2"].no_of_keys, Some(3.0));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/bdbs/stats/last/1",
        query: Some("metrics=used_memory"),
        response: || json!({"1": db_sample()}),
        call: |api| {
            Box::pin(async move {
                let last = api
                    .bdbs()
                    .stats_last_get(1)
                    .metrics(["used_memory"])
                    .await
                    .unwrap();
                assert_eq!(last["1"].used_memory, Some(5656299.362068966));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/bdbs/1/peer_stats",
        query: Some("interval=5min"),
        response: || json!({"peer_stats": [{"uid": "3", "intervals": [replication_sample()]}]}),
        call: |api| {
            Box::pin(async move {
                let list = api
                    .bdbs()
                    .peer_stats_list(1)
                    .interval(StatsInterval::FiveMinutes)
                    .await
                    .unwrap();
                let peer = &list.peer_stats.unwrap()[0];
                assert_eq!(peer.uid.as_deref(), Some("3"));
                let sample = &peer.intervals.as_ref().unwrap()[0];
                assert_eq!(sample.ingress_bytes, Some(18528.0));
                assert_eq!(sample.local_ingress_lag_time, Some(0.244));
                assert_eq!(sample.unknown_fields["new_metric"], json!(3.5));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/bdbs/1/peer_stats/3",
        query: Some("stime=2017-10-22T19%3A25%3A00Z"),
        response: || json!({"uid": "3", "intervals": [replication_sample()]}),
        call: |api| {
            Box::pin(async move {
                let peer = api
                    .bdbs()
                    .peer_stats_get(1, 3)
                    .stime("2017-10-22T19:25:00Z")
                    .await
                    .unwrap();
                let sample = &peer.intervals.unwrap()[0];
                assert_eq!(sample.interval, Some(StatsInterval::FiveMinutes));
                assert_eq!(sample.pending_local_writes_max, Some(0.0));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/bdbs/1/sync_source_stats",
        query: None,
        response: || json!({"sync_source_stats": [{"uid": "1", "intervals": [replication_sample()]}]}),
        call: |api| {
            Box::pin(async move {
                let list = api.bdbs().sync_source_stats_list(1).await.unwrap();
                let source = &list.sync_source_stats.unwrap()[0];
                let sample = &source.intervals.as_ref().unwrap()[0];
                assert_eq!(sample.ingress_bytes_decompressed, Some(185992.0));
                // A metric the syncer source sample does not name is kept.
                assert_eq!(sample.unknown_fields["egress_bytes"], json!(0.0));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/bdbs/1/sync_source_stats/2",
        query: Some("etime=2017-10-22T19%3A30%3A00Z"),
        response: || json!({"uid": "2", "intervals": [replication_sample()]}),
        call: |api| {
            Box::pin(async move {
                let source = api
                    .bdbs()
                    .sync_source_stats_get(1, 2)
                    .etime("2017-10-22T19:30:00Z")
                    .await
                    .unwrap();
                assert_eq!(source.uid.as_deref(), Some("2"));
                let sample = &source.intervals.unwrap()[0];
                assert_eq!(sample.etime.as_deref(), Some("2017-10-22T19:30:00Z"));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/shards/stats",
        query: Some("parent_uid=1&interval=1sec&metrics=used_memory,no_of_keys"),
        response: || {
            json!([{
                "uid": "1", "status": "active", "node_uid": "1", "assigned_slots": "0-8191",
                "intervals": [shard_sample()]
            }])
        },
        call: |api| {
            Box::pin(async move {
                let stats = api
                    .shards()
                    .stats_list()
                    .parent_uid(1)
                    .interval(StatsInterval::OneSecond)
                    .metrics(["used_memory", "no_of_keys"])
                    .await
                    .unwrap();
                assert_eq!(stats[0].assigned_slots.as_deref(), Some("0-8191"));
                assert_eq!(stats[0].node_uid.as_deref(), Some("1"));
                let sample = &stats[0].intervals.as_ref().unwrap()[0];
                assert_eq!(sample.connected_clients, Some(9.0));
                assert_eq!(sample.sync_full, Some(0.0));
                assert_eq!(sample.unknown_fields["new_metric"], json!(2.5));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/shards/stats/2",
        query: Some("interval=1hour"),
        response: || json!({"uid": "2", "status": "active", "role": "master", "intervals": [shard_sample()]}),
        call: |api| {
            Box::pin(async move {
                let stats = api
                    .shards()
                    .stats_get(2)
                    .interval(StatsInterval::OneHour)
                    .await
                    .unwrap();
                assert_eq!(stats.role.as_deref(), Some("master"));
                let sample = &stats.intervals.unwrap()[0];
                assert_eq!(sample.last_save_time, Some(1432541051.0));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/shards/stats/last",
        query: Some("interval=10sec&etime=2015-05-28T08%3A28%3A36Z"),
        response: || json!({"1": shard_sample()}),
        call: |api| {
            Box::pin(async move {
                let last = api
                    .shards()
                    .stats_last_list()
                    .interval(StatsInterval::TenSeconds)
                    .etime("2015-05-28T08:28:36Z")
                    .await
                    .unwrap();
                assert_eq!(last["1"].used_memory_peak, Some(5888264.0));
                assert_eq!(last["1"].unknown_fields["new_metric"], json!(2.5));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/shards/stats/last/1",
        query: None,
        response: || json!({"1": shard_sample()}),
        call: |api| {
            Box::pin(async move {
                let last = api.shards().stats_last_get(1).await.unwrap();
                assert_eq!(last["1"].interval, Some(StatsInterval::OneSecond));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/endpoints/stats",
        query: Some("interval=10sec"),
        response: || {
            json!([{
                "uid": "365:1:1",
                "intervals": [{
                    "interval": "10sec",
                    "stime": "2017-01-12T14:59:50Z",
                    "etime": "2017-01-12T15:00:00Z",
                    "total_req": 7,
                    "acc_latency": 0,
                    "last_req_time": 0,
                    "cmd_unlink": 4
                }]
            }])
        },
        call: |api| {
            Box::pin(async move {
                let stats = api
                    .endpoints()
                    .stats_list()
                    .interval(StatsInterval::TenSeconds)
                    .await
                    .unwrap();
                assert_eq!(stats[0].uid.as_deref(), Some("365:1:1"));
                let sample = &stats[0].intervals.as_ref().unwrap()[0];
                assert_eq!(sample.total_req, Some(7.0));
                assert_eq!(sample.last_req_time, Some(0.0));
                assert_eq!(sample.unknown_fields["cmd_unlink"], json!(4));
            })
        },
    },
];

#[tokio::test]
async fn each_read_sends_its_request_and_decodes_the_example() {
    for case in CASES {
        let server = MockServer::start().await;
        expect(case.verb, case.route, case.query)
            .and(NoBody)
            .respond_with(ResponseTemplate::new(200).set_body_json((case.response)()))
            .expect(1)
            .named(format!("{} {}", case.verb, case.route))
            .mount(&server)
            .await;

        (case.call)(client(&server)).await;

        server.verify().await;
    }
}

#[tokio::test]
async fn alerts_update_posts_the_settings_and_decodes_the_alerts() {
    let server = MockServer::start().await;
    expect("POST", "/v1/bdbs/alerts/1", Some("dry_run=true"))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({
            "bdb_size": {"enabled": true, "threshold": "80"},
            "bdb_high_syncer_lag": {"enabled": false, "threshold": ""}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"bdb_size": alert()})))
        .expect(1)
        .mount(&server)
        .await;

    let settings = DbAlertsSettings {
        bdb_size: Some(BdbAlertSettingsWithThreshold {
            enabled: Some(true),
            threshold: Some("80".to_owned()),
            ..BdbAlertSettingsWithThreshold::default()
        }),
        bdb_high_syncer_lag: Some(BdbAlertSettingsWithThreshold {
            enabled: Some(false),
            threshold: Some(String::new()),
            ..BdbAlertSettingsWithThreshold::default()
        }),
        ..DbAlertsSettings::default()
    };
    let alerts = client(&server)
        .bdbs()
        .alerts_update(1, settings)
        .dry_run(true)
        .await
        .unwrap();

    assert_eq!(alerts["bdb_size"].threshold.as_deref(), Some("80"));
    assert_eq!(
        alerts["bdb_size"].unknown_fields["acknowledged"],
        json!(false)
    );
}

#[tokio::test]
async fn stats_of_an_inactive_database_fail_with_the_status_and_error_code() {
    let server = MockServer::start().await;
    let body = json!({"error_code": "bdb_not_active", "description": "Database 2 is not active"});
    expect("GET", "/v1/bdbs/stats/2", None)
        .respond_with(ResponseTemplate::new(406).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server).bdbs().stats_get(2).await.unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::NOT_ACCEPTABLE));
    assert_eq!(
        error.error_code().map(|code| code.as_str().to_owned()),
        Some("bdb_not_active".to_owned())
    );
    assert!(!error.is_retryable());
}
