//! The node, node action, alert, check, snapshot, statistics and status operations of the client, and
//! those of the cluster check, database availability, master health check, services, proxies and DNS
//! suffixes, against a local mock server: method, path (percent-encoded), raw query string, exact
//! JSON body, and response decoding, unknown fields included.

// Deprecated operations are still served, so they are tested like the others.
#![allow(deprecated)]

use redis_enterprise_client::models::{
    ActionStatus, AvailabilityCheck, ErrorCode, LocalServiceStatus, MasterHealthcheckStatus, Node,
    NodeActionName, NodeActionRequest, NodeRole, NodeStatus, Proxy, ProxyUpdateRequest,
    ServiceOperationType, StatsInterval,
};
use redis_enterprise_client::StatusCode;
use serde_json::{json, Value};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;
use support::{check, client, encoded, Case};

/// A node as the nodes page's example shows it (numbers of `number` fields written as floats, as
/// the client writes them back), plus a member the spec does not know.
fn node_json() -> Value {
    json!({
        "uid": 1,
        "status": "active",
        "uptime": 262735,
        "total_memory": 6260334592_i64,
        "software_version": "0.90.0-1",
        "ephemeral_storage_size": 20639797248.0,
        "persistent_storage_path": "/var/opt/redislabs/persist",
        "os_version": "Ubuntu 14.04.2 LTS",
        "architecture": "x86_64",
        "shard_count": 23,
        "cores": 4,
        "rack_id": "",
        "external_addr": ["192.0.2.24"],
        "oss_cluster_ip_mapping": [{"key": "default", "value": {"ip": "192.0.2.24"}}],
        "supported_database_versions": [
            {"db_type": "memcached", "version": "1.4.17"},
            {"db_type": "redis", "version": "2.8.19"}
        ],
        "shard_list": [1, 3, 4],
        "addr": "10.0.3.61",
        "future_field": {"kept": true}
    })
}

/// A node action as the node actions page shows it, with the id a started action carries, plus a
/// member the spec does not know.
fn node_action_json() -> Value {
    json!({
        "action_uid": "e5e24ca6-1f8a-4c3d-9f57-2c3f5d0b7a11",
        "name": "maintenance_on",
        "node_uid": "1",
        "status": "running",
        "progress": 10.0,
        "future_field": "kept"
    })
}

fn alert_json() -> Value {
    json!({
        "change_time": "2014-12-22T10:42:00Z",
        "change_value": {"cpu_util": 2.500000000145519, "global_threshold": "1", "state": true},
        "enabled": true,
        "state": true,
        "severity": "WARNING",
        "acknowledged": false
    })
}

fn snapshot_json() -> Value {
    json!({
        "created_time": "2024-01-11 20:55:54",
        "name": "nightly_snapshot_19",
        "node_uid": "1",
        "future_field": 7
    })
}

/// A one-second node sample of the node stats pages' examples, plus a metric no page documents.
fn node_sample() -> Value {
    json!({
        "interval": "1sec",
        "stime": "2015-10-14T06:29:43Z",
        "etime": "2015-10-14T06:29:44Z",
        "conns": 0.0,
        "cpu_idle": 0.922500000015134,
        "cur_aof_rewrites": 0.0,
        "egress_bytes": 7887.0,
        "free_memory": 2956963840.0,
        "persistent_storage_free": 81189969920.0,
        "total_req": 0.0,
        "new_metric": 1.5
    })
}

fn node_status_json() -> Value {
    json!({
        "cores": 8,
        "free_provisional_ram": 0,
        "free_ram": 3504422912_i64,
        "hostname": "3d99db1fdf4b",
        "maintenance_snapshot": {
            "created_time": "2024-09-06 20:47:23",
            "name": "maintenance_mode_2024-09-06_20-47-23",
            "node_uid": "1"
        },
        "master_shards": [],
        "node_overbooking_depth": 0,
        "node_status": "active",
        "role": "master",
        "slave_shards": [],
        "software_version": "7.4.6-22",
        "total_memory": 6219673600_i64,
        "future_field": "kept"
    })
}

/// A proxy as the proxies page shows it, plus a member the spec does not know.
fn proxy_json() -> Value {
    json!({
        "uid": 1,
        "client_keepintvl": 30,
        "max_threads": 64,
        "dynamic_threads_scaling": false,
        "threads": 3,
        "log_level": "info",
        "maxmemory_clients": 4294967296_i64,
        "threads_usage_threshold": 80,
        "backlog": 1024,
        "future_field": [1]
    })
}

fn threads(threads: i64, max_threads: Option<i64>) -> Proxy {
    Proxy {
        threads: Some(threads),
        max_threads,
        ..Proxy::default()
    }
}

fn allow_restart() -> ProxyUpdateRequest {
    ProxyUpdateRequest {
        allow_restart: Some(true),
        ..ProxyUpdateRequest::default()
    }
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            id: "nodes_list",
            verb: "GET",
            route: "/v1/nodes",
            query: None,
            body: None,
            response: Some(json!([node_json(), {"uid": 2, "status": "down"}])),
            call: |client| Box::pin(async move { encoded(client.nodes().list().await) }),
        },
        Case {
            id: "nodes_get",
            verb: "GET",
            route: "/v1/nodes/3",
            query: None,
            body: None,
            response: Some(node_json()),
            call: |client| Box::pin(async move { encoded(client.nodes().get(3).await) }),
        },
        Case {
            id: "nodes_update",
            verb: "PUT",
            route: "/v1/nodes/3",
            query: None,
            body: Some(json!({
                "addr": "10.0.0.1",
                "external_addr": ["192.0.2.24"],
                "accept_servers": false,
                "max_redis_forks": 0
            })),
            response: None,
            call: |client| {
                Box::pin(async move {
                    let change = Node {
                        addr: Some("10.0.0.1".to_owned()),
                        external_addr: Some(vec!["192.0.2.24".to_owned()]),
                        accept_servers: Some(false),
                        max_redis_forks: Some(0),
                        ..Node::default()
                    };
                    encoded(client.nodes().update(3, change).await)
                })
            },
        },
        Case {
            id: "nodes_actions_list",
            verb: "GET",
            route: "/v1/nodes/actions",
            query: None,
            body: None,
            response: Some(json!([node_action_json()])),
            call: |client| Box::pin(async move { encoded(client.nodes().actions_list().await) }),
        },
        Case {
            id: "nodes_actions_list_for_node",
            verb: "GET",
            route: "/v1/nodes/2/actions",
            query: None,
            body: None,
            response: Some(json!({
                "actions": [{"name": "remove_node", "node_uid": "1", "status": "running", "progress": 10.0}]
            })),
            call: |client| {
                Box::pin(async move { encoded(client.nodes().actions_list_for_node(2).await) })
            },
        },
        Case {
            id: "nodes_actions_list_for_node (action)",
            verb: "GET",
            route: "/v1/nodes/2/actions",
            query: Some("action=maintenance%20on"),
            body: None,
            response: Some(json!({"actions": []})),
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .nodes()
                            .actions_list_for_node(2)
                            .action("maintenance on")
                            .await,
                    )
                })
            },
        },
        Case {
            id: "nodes_actions_get",
            verb: "GET",
            route: "/v1/nodes/2/actions/maintenance_on",
            query: None,
            body: None,
            response: Some(node_action_json()),
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .nodes()
                            .actions_get(2, NodeActionName::MaintenanceOn)
                            .await,
                    )
                })
            },
        },
        Case {
            id: "nodes_actions_start",
            verb: "POST",
            route: "/v1/nodes/2/actions/maintenance_on",
            query: None,
            body: Some(json!({
                "overwrite_snapshot": true,
                "evict_ha_replica": false,
                "evict_active_active_replica": false,
                "evict_dbs": ["1", "3"]
            })),
            response: Some(node_action_json()),
            call: |client| {
                Box::pin(async move {
                    let options = NodeActionRequest {
                        overwrite_snapshot: Some(true),
                        evict_ha_replica: Some(false),
                        evict_active_active_replica: Some(false),
                        evict_dbs: Some(vec!["1".to_owned(), "3".to_owned()]),
                        ..NodeActionRequest::default()
                    };
                    encoded(
                        client
                            .nodes()
                            .actions_start(2, NodeActionName::MaintenanceOn, options)
                            .await,
                    )
                })
            },
        },
        Case {
            id: "nodes_actions_start (empty options)",
            verb: "POST",
            route: "/v1/nodes/4/actions/remove",
            query: None,
            body: Some(json!({})),
            response: Some(
                json!({"action_uid": "6a1b", "name": "remove_node", "status": "queued"}),
            ),
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .nodes()
                            .actions_start(4, NodeActionName::Remove, NodeActionRequest::default())
                            .await,
                    )
                })
            },
        },
        Case {
            id: "nodes_actions_cancel",
            verb: "DELETE",
            // A name the enum does not list goes into the path as given, percent-encoded.
            route: "/v1/nodes/2/actions/custom%20action",
            query: None,
            body: None,
            response: None,
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .nodes()
                            .actions_cancel(2, NodeActionName::from("custom action"))
                            .await,
                    )
                })
            },
        },
        Case {
            id: "nodes_alerts_list",
            verb: "GET",
            route: "/v1/nodes/alerts",
            query: Some("ignore_settings=true"),
            body: None,
            response: Some(json!({"1": {"node_cpu_utilization": alert_json()}, "2": {}})),
            call: |client| {
                Box::pin(async move {
                    encoded(client.nodes().alerts_list().ignore_settings(true).await)
                })
            },
        },
        Case {
            id: "nodes_alerts_list_for_node",
            verb: "GET",
            route: "/v1/nodes/alerts/1",
            query: None,
            body: None,
            response: Some(json!({"node_cpu_utilization": alert_json()})),
            call: |client| {
                Box::pin(async move { encoded(client.nodes().alerts_list_for_node(1).await) })
            },
        },
        Case {
            id: "nodes_alerts_get",
            verb: "GET",
            // The alert name is one path segment, percent-encoded.
            route: "/v1/nodes/alerts/1/node%20cpu%2Fx",
            query: Some("ignore_settings=false"),
            body: None,
            response: Some(alert_json()),
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .nodes()
                            .alerts_get(1, "node cpu/x")
                            .ignore_settings(false)
                            .await,
                    )
                })
            },
        },
        Case {
            id: "nodes_check",
            verb: "GET",
            route: "/v1/nodes/check/3",
            query: None,
            body: None,
            response: Some(json!({
                "node_uid": 3,
                "result": false,
                "error": "process alert_mgr is not running or not responding ([Errno 111] Connection refused)",
                "future_field": "kept"
            })),
            call: |client| Box::pin(async move { encoded(client.nodes().check(3).await) }),
        },
        Case {
            id: "nodes_snapshots_list",
            verb: "GET",
            route: "/v1/nodes/1/snapshots",
            query: None,
            body: None,
            response: Some(json!([snapshot_json()])),
            call: |client| Box::pin(async move { encoded(client.nodes().snapshots_list(1).await) }),
        },
        Case {
            id: "nodes_snapshots_delete",
            verb: "DELETE",
            route: "/v1/nodes/1/snapshots/nightly%20snapshot%2F19",
            query: None,
            body: None,
            response: Some(snapshot_json()),
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .nodes()
                            .snapshots_delete(1, "nightly snapshot/19")
                            .await,
                    )
                })
            },
        },
        Case {
            id: "nodes_stats_list",
            verb: "GET",
            route: "/v1/nodes/stats",
            query: Some(
                "interval=1hour&stime=2014-08-28T10%3A00%3A00Z&etime=2014-08-28T12%3A00%3A00Z",
            ),
            body: None,
            response: Some(
                json!([{"uid": "1", "intervals": [node_sample()]}, {"uid": "2", "intervals": []}]),
            ),
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .nodes()
                            .stats_list()
                            .interval(StatsInterval::OneHour)
                            .stime("2014-08-28T10:00:00Z")
                            .etime("2014-08-28T12:00:00Z")
                            .await,
                    )
                })
            },
        },
        Case {
            id: "nodes_stats_get",
            verb: "GET",
            route: "/v1/nodes/stats/2",
            query: Some("interval=1sec"),
            body: None,
            response: Some(json!({"uid": "2", "intervals": [node_sample()], "future_field": 1})),
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .nodes()
                            .stats_get(2)
                            .interval(StatsInterval::OneSecond)
                            .await,
                    )
                })
            },
        },
        Case {
            id: "nodes_stats_last_list",
            verb: "GET",
            route: "/v1/nodes/stats/last",
            query: Some("interval=10sec&etime=2015-10-14T06%3A29%3A44Z"),
            body: None,
            response: Some(json!({"1": node_sample(), "2": {"cpu_idle": 0.5}})),
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .nodes()
                            .stats_last_list()
                            .interval(StatsInterval::TenSeconds)
                            .etime("2015-10-14T06:29:44Z")
                            .await,
                    )
                })
            },
        },
        Case {
            id: "nodes_stats_last_get",
            verb: "GET",
            route: "/v1/nodes/stats/last/3",
            query: Some("interval=1sec"),
            body: None,
            response: Some(json!({"3": node_sample()})),
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .nodes()
                            .stats_last_get(3)
                            .interval(StatsInterval::OneSecond)
                            .await,
                    )
                })
            },
        },
        Case {
            id: "nodes_status_list",
            verb: "GET",
            route: "/v1/nodes/status",
            query: None,
            body: None,
            response: Some(
                json!({"1": node_status_json(), "2": {"hostname": "fc7a3d332458", "role": "slave"}}),
            ),
            call: |client| Box::pin(async move { encoded(client.nodes().status_list().await) }),
        },
        Case {
            id: "nodes_status_get",
            verb: "GET",
            route: "/v1/nodes/1/status",
            query: None,
            body: None,
            response: Some(node_status_json()),
            call: |client| Box::pin(async move { encoded(client.nodes().status_get(1).await) }),
        },
        Case {
            id: "cluster_check",
            verb: "GET",
            route: "/v1/cluster/check",
            query: None,
            body: None,
            response: Some(json!({
                "cluster_test_result": false,
                "nodes": [
                    {"node_uid": "1", "result": true},
                    {"node_uid": "3", "result": false, "error": "process alert_mgr is not running"}
                ],
                "future_field": "kept"
            })),
            call: |client| Box::pin(async move { encoded(client.cluster().check().await) }),
        },
        Case {
            id: "bdbs_local_endpoint_availability",
            verb: "GET",
            route: "/v1/local/bdbs/5/endpoint/availability",
            query: Some("extend_check=lag&availability_lag_tolerance_ms=100"),
            body: None,
            response: None,
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .bdbs()
                            .local_endpoint_availability(5)
                            .extend_check([AvailabilityCheck::Lag])
                            .availability_lag_tolerance_ms(100)
                            .await,
                    )
                })
            },
        },
        Case {
            id: "bdbs_availability",
            verb: "GET",
            route: "/v1/bdbs/5/availability",
            // Several checks are sent comma-separated.
            query: Some("extend_check=lag,quorum"),
            body: None,
            response: None,
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .bdbs()
                            .availability(5)
                            .extend_check([
                                AvailabilityCheck::Lag,
                                AvailabilityCheck::from("quorum"),
                            ])
                            .await,
                    )
                })
            },
        },
        Case {
            id: "node_master_healthcheck",
            verb: "GET",
            route: "/v1/local/node/master_healthcheck",
            query: None,
            body: None,
            response: Some(json!({"status": "inactive", "future_field": "kept"})),
            call: |client| {
                Box::pin(async move { encoded(client.node().master_healthcheck().await) })
            },
        },
        Case {
            id: "services_list_local",
            verb: "GET",
            route: "/v1/local/services",
            query: None,
            body: None,
            response: Some(json!({
                "alert_mgr": {"start_time": "2024-05-13T18:38:00Z", "status": "RUNNING", "uptime": "3 days, 0:58:59"},
                "ccs": {"start_time": "2024-05-13T18:38:59Z", "status": "STOPPED", "uptime": "0:00:00", "pid": 42}
            })),
            call: |client| Box::pin(async move { encoded(client.services().list_local().await) }),
        },
        Case {
            id: "services_control_local",
            verb: "POST",
            route: "/v1/local/services",
            query: None,
            body: Some(json!({"operation_type": "restart", "services": ["alert_mgr"]})),
            response: Some(json!({"alert_mgr": true, "metrics_exporter": false})),
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .services()
                            .control_local(ServiceOperationType::Restart, ["alert_mgr"])
                            .await,
                    )
                })
            },
        },
        Case {
            id: "services_control",
            verb: "POST",
            route: "/v1/services",
            query: None,
            body: Some(
                json!({"operation_type": "stop", "services": ["alert_mgr", "metrics_exporter"]}),
            ),
            response: Some(json!({"alert_mgr": true, "metrics_exporter": true})),
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .services()
                            .control(
                                ServiceOperationType::Stop,
                                ["alert_mgr", "metrics_exporter"],
                            )
                            .await,
                    )
                })
            },
        },
        Case {
            id: "proxies_list",
            verb: "GET",
            route: "/v1/proxies",
            query: None,
            body: None,
            response: Some(json!([proxy_json(), {"uid": 2, "threads": 3}])),
            call: |client| Box::pin(async move { encoded(client.proxies().list().await) }),
        },
        Case {
            id: "proxies_get",
            verb: "GET",
            route: "/v1/proxies/2",
            query: None,
            body: None,
            response: Some(proxy_json()),
            call: |client| Box::pin(async move { encoded(client.proxies().get(2).await) }),
        },
        Case {
            id: "proxies_update",
            verb: "PUT",
            route: "/v1/proxies/2",
            query: None,
            body: Some(json!({"allow_restart": true, "proxy": {"threads": 8}})),
            response: None,
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .proxies()
                            .update(2, threads(8, None))
                            .body(allow_restart())
                            .await,
                    )
                })
            },
        },
        Case {
            id: "proxies_update (no restart)",
            verb: "PUT",
            route: "/v1/proxies/2",
            query: None,
            body: Some(json!({"proxy": {"threads": 4}})),
            response: None,
            call: |client| {
                Box::pin(async move { encoded(client.proxies().update(2, threads(4, None)).await) })
            },
        },
        Case {
            id: "proxies_update_all",
            verb: "PUT",
            route: "/v1/proxies",
            query: None,
            body: Some(json!({"allow_restart": true, "proxy": {"threads": 8, "max_threads": 12}})),
            response: None,
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .proxies()
                            .update_all(threads(8, Some(12)))
                            .body(allow_restart())
                            .await,
                    )
                })
            },
        },
        Case {
            id: "suffix_get",
            verb: "GET",
            route: "/v1/suffix/internal.cluster.fqdn",
            query: None,
            body: None,
            response: Some(json!({
                "name": "internal.cluster.fqdn",
                "default": false,
                "internal": true,
                "mdns": false,
                "slaves": ["192.0.2.53"],
                "use_aaaa_ns": false,
                "future_field": "kept"
            })),
            call: |client| {
                Box::pin(async move { encoded(client.suffix().get("internal.cluster.fqdn").await) })
            },
        },
        Case {
            id: "suffixes_list",
            verb: "GET",
            route: "/v1/suffixes",
            query: None,
            body: None,
            response: Some(
                json!([{"name": "cluster.fqdn", "default": true}, {"name": "internal.cluster.fqdn"}]),
            ),
            call: |client| Box::pin(async move { encoded(client.suffixes().list().await) }),
        },
    ]
}

#[tokio::test]
async fn every_operation_sends_its_request_and_decodes_the_answer_whole() {
    for case in cases() {
        check(&case).await;
    }
}

#[tokio::test]
async fn a_node_decodes_into_typed_members() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/nodes/1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(node_json()))
        .expect(1)
        .mount(&server)
        .await;

    let node = client(&server).nodes().get(1).await.unwrap();

    assert_eq!(node.uid, Some(1));
    assert_eq!(node.status, Some(NodeStatus::Active));
    assert_eq!(node.total_memory, Some(6260334592));
    assert_eq!(node.ephemeral_storage_size, Some(20639797248.0));
    assert_eq!(node.shard_list, Some(vec![1, 3, 4]));
    assert_eq!(node.external_addr, Some(vec!["192.0.2.24".to_owned()]));
    let versions = node.supported_database_versions.unwrap();
    assert_eq!(versions[1].db_type.as_deref(), Some("redis"));
    assert_eq!(versions[1].version.as_deref(), Some("2.8.19"));
    let mapping = &node.oss_cluster_ip_mapping.unwrap()[0];
    assert_eq!(mapping.key.as_deref(), Some("default"));
    assert_eq!(mapping.value.as_ref().unwrap()["ip"], json!("192.0.2.24"));
    assert_eq!(node.unknown_fields["future_field"], json!({"kept": true}));
}

#[tokio::test]
async fn starting_a_node_action_returns_its_action_uid_and_status() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/nodes/2/actions/maintenance_off"))
        .and(body_json(json!({"snapshot_name": "maintenance_mode_2024-09-06_20-47-23", "skip_shards_restore": true})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "action_uid": "e5e24ca6-1f8a-4c3d-9f57-2c3f5d0b7a11",
            "name": "maintenance_off",
            "node_uid": "2",
            "status": "queued",
            // Servers before 7.4.2 send the progress as a string.
            "progress": "0"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let options = NodeActionRequest {
        snapshot_name: Some("maintenance_mode_2024-09-06_20-47-23".to_owned()),
        skip_shards_restore: Some(true),
        ..NodeActionRequest::default()
    };

    let action = client(&server)
        .nodes()
        .actions_start(2, NodeActionName::MaintenanceOff, options)
        .await
        .unwrap();

    assert_eq!(
        action.action_uid.as_deref(),
        Some("e5e24ca6-1f8a-4c3d-9f57-2c3f5d0b7a11")
    );
    assert_eq!(action.status, Some(ActionStatus::Queued));
    assert_eq!(action.progress, Some(0.0));
    assert_eq!(action.node_uid.as_deref(), Some("2"));
}

#[tokio::test]
async fn status_stats_and_services_decode_into_typed_members() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/nodes/status"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"1": node_status_json(), "2": {"role": "slave"}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/nodes/stats/last"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"1": node_sample()})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/local/services"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "alert_mgr": {"start_time": "2024-05-13T18:38:00Z", "status": "RESTARTING", "uptime": "0:00:01"}
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/local/node/master_healthcheck"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": "active"})))
        .mount(&server)
        .await;
    let api = client(&server);

    let status = api.nodes().status_list().await.unwrap();
    let primary = &status["1"];
    assert_eq!(primary.role, Some(NodeRole::Master));
    assert_eq!(primary.free_ram, Some(3504422912));
    assert_eq!(
        primary
            .maintenance_snapshot
            .as_ref()
            .unwrap()
            .name
            .as_deref(),
        Some("maintenance_mode_2024-09-06_20-47-23")
    );
    assert_eq!(status["2"].role, Some(NodeRole::Slave));

    let last = api.nodes().stats_last_list().await.unwrap();
    let sample = &last["1"];
    assert_eq!(sample.interval, Some(StatsInterval::OneSecond));
    assert_eq!(sample.egress_bytes, Some(7887.0));
    assert_eq!(sample.unknown_fields["new_metric"], json!(1.5));

    let services = api.services().list_local().await.unwrap();
    assert_eq!(
        services["alert_mgr"].status,
        Some(LocalServiceStatus::Restarting)
    );

    let health = api.node().master_healthcheck().await.unwrap();
    assert_eq!(health.status, Some(MasterHealthcheckStatus::Active));
}

#[tokio::test]
async fn changing_the_address_of_an_online_node_fails_with_its_error_code() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/v1/nodes/1"))
        .respond_with(ResponseTemplate::new(406).set_body_json(json!({
            "error_code": "node_not_offline",
            "description": "Node 1 must be offline to change its address"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let change = Node {
        addr: Some("10.0.0.1".to_owned()),
        ..Node::default()
    };

    let error = client(&server).nodes().update(1, change).await.unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::NOT_ACCEPTABLE));
    assert_eq!(error.error_code(), Some(ErrorCode::NodeNotOffline));
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn an_unavailable_database_reports_the_extended_code() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/bdbs/1/availability"))
        .respond_with(ResponseTemplate::new(503).set_body_json(json!({
            "error_code": "bdb_unavailable_shard_unreachable",
            "description": "Endpoint error status: shard unreachable"
        })))
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server).bdbs().availability(1).await.unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    // The reasons extend the documented `bdb_unavailable`; the code is kept as sent.
    assert_eq!(
        error.error_code().map(|code| code.as_str().to_owned()),
        Some("bdb_unavailable_shard_unreachable".to_owned())
    );
    assert_ne!(error.error_code(), Some(ErrorCode::BdbUnavailable));
}
