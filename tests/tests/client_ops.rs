//! The bootstrap, license, event log, Cluster Manager settings, job scheduler, JSON schema, OCSP, usage
//! report, diagnostics and metrics configuration operations of the client against a local mock server:
//! method, path (percent-encoded), raw query string, exact JSON body, and response decoding, unknown
//! fields included.

use redis_enterprise_client::models::{
    BackupJobSettings, Bootstrap, BootstrapAction, BootstrapClusterIdentity, BootstrapCredentials,
    BootstrapErrorCode, BootstrapIdentity, BootstrapModuleLocation,
    BootstrapModuleLocationLocationType, BootstrapNodeAddressFormat, BootstrapNodeIdentity,
    BootstrapPaths, BootstrapStatus, BootstrapStatusState, BootstrapUserDefinedModule, CmSettings,
    Diagnostics, DiagnosticsSlowlogTarget, DiagnosticsTarget, ErrorCode, JobScheduler, LogOrder,
    MetricsConfig, Ocsp, OcspStatusCertStatus, UsageReportRecordDominantShardCriteria,
    UsageReportRecordShardType, UsageReportRecordType,
};
use redis_enterprise_client::{Error, Line, StatusCode};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;
use support::{check, client, encoded, Case, RawQuery, AUTHORIZATION};

/// The bootstrap status page's example, plus members the spec does not know.
fn bootstrap_info_json() -> Value {
    json!({
        "bootstrap_status": {
            "start_time": "2014-08-29T11:19:49Z",
            "end_time": "2014-08-29T11:19:49Z",
            "state": "completed",
            "future_status_field": 1
        },
        "local_node_info": {
            "uid": 3,
            "software_version": "0.90.0-1",
            "cores": 2,
            "ephemeral_storage_path": "/var/opt/redislabs/tmp",
            "ephemeral_storage_size": 1018889.8304,
            "os_version": "Ubuntu 14.04 LTS",
            "persistent_storage_path": "/var/opt/redislabs/persist/redis",
            "persistent_storage_size": 1018889.8304,
            "total_memory": 24137,
            "uptime": 50278,
            "available_addrs": [
                {"address": "172.16.50.122", "format": "ipv4", "if_name": "eth0", "private": true},
                {"address": "2001:db8:0:f101::1", "format": "ipv6", "if_name": "eth0", "private": false}
            ],
            "architecture": "x86_64"
        }
    })
}

/// A join configuration in every bootstrap object, as the client sends it.
fn join_configuration() -> Bootstrap {
    Bootstrap {
        action: Some(BootstrapAction::JoinCluster),
        cluster: Some(BootstrapClusterIdentity {
            nodes: Some(vec!["1.1.1.1".to_owned(), "2.2.2.2".to_owned()]),
            ..BootstrapClusterIdentity::default()
        }),
        credentials: Some(BootstrapCredentials {
            username: Some("my_username".to_owned()),
            password: Some("my_password".into()),
            ..BootstrapCredentials::default()
        }),
        node: Some(BootstrapNodeIdentity {
            bigstore_enabled: Some(true),
            identity: Some(BootstrapIdentity {
                addr: Some("1.2.3.4".to_owned()),
                external_addr: Some(json!(["3.4.5.6"])),
                rack_id: Some("rack-1".to_owned()),
                ..BootstrapIdentity::default()
            }),
            paths: Some(BootstrapPaths {
                persistent_path: Some("/path/to/persistent/storage".to_owned()),
                ephemeral_path: Some("/path/to/ephemeral/storage".to_owned()),
                ..BootstrapPaths::default()
            }),
            ..BootstrapNodeIdentity::default()
        }),
        user_defined_modules: Some(vec![BootstrapUserDefinedModule {
            name: "custom".to_owned(),
            location: BootstrapModuleLocation {
                location_type: BootstrapModuleLocationLocationType::Https,
                url: "https://modules.example.com/custom.zip".to_owned(),
                credentials: None,
                unknown_fields: Default::default(),
            },
            unknown_fields: Default::default(),
        }]),
        max_retries: Some(3),
        ..Bootstrap::default()
    }
}

fn join_configuration_json() -> Value {
    json!({
        "action": "join_cluster",
        "cluster": {"nodes": ["1.1.1.1", "2.2.2.2"]},
        "credentials": {"username": "my_username", "password": "my_password"},
        "max_retries": 3,
        "node": {
            "bigstore_enabled": true,
            "identity": {"addr": "1.2.3.4", "external_addr": ["3.4.5.6"], "rack_id": "rack-1"},
            "paths": {
                "persistent_path": "/path/to/persistent/storage",
                "ephemeral_path": "/path/to/ephemeral/storage"
            }
        },
        "user_defined_modules": [{
            "name": "custom",
            "location": {"location_type": "https", "url": "https://modules.example.com/custom.zip"}
        }]
    })
}

fn license_json() -> Value {
    json!({
        "license": "----- LICENSE START -----\ndi+iK...KniI9\n----- LICENSE END -----\n",
        "expired": true,
        "activation_date": "2018-12-31T00:00:00Z",
        "expiration_date": "2019-12-31T00:00:00Z",
        "ram_shards_in_use": 0,
        "ram_shards_limit": 300,
        "flash_shards_in_use": 0,
        "flash_shards_limit": 100,
        "shards_limit": 400,
        "features": ["bigstore"],
        "owner": "Redis",
        "cluster_name": "mycluster.local",
        "key": "----- LICENSE START -----\ndi+iK...KniI9\n----- LICENSE END -----\n",
        "future_field": {"kept": true}
    })
}

fn events_json() -> Value {
    json!([
        {
            "time": "2014-08-29T11:19:49Z",
            "type": "bdb_name_updated",
            "severity": "INFO",
            "bdb_uid": "1",
            "old_val": "test",
            "new_val": "test123"
        },
        {
            "time": "2014-08-29T11:17:49Z",
            "type": "cluster_node_joined",
            "severity": "INFO",
            "node_uid": 2,
            "future_field": [1, 2]
        }
    ])
}

fn job_scheduler_json() -> Value {
    json!({
        "backup_job_settings": {"cron_expression": "*/10 * * * *", "enabled": true},
        "bdb_usage_report_job_settings": {
            "cron_expression": "0 */1 * * *",
            "enabled": false,
            "file_retention_days": 365
        },
        "cert_rotation_job_settings": {
            "cron_expression": "0 * * * *",
            "enabled": true,
            "expiry_days_before_rotation": 60
        },
        "log_rotation_job_settings": {"cron_expression": "*/5 * * * *", "enabled": true},
        "node_checks_job_settings": {"cron_expression": "0 * * * *", "enabled": true},
        "redis_cleanup_job_settings": {"cron_expression": "0 * * * *"},
        "rotate_ccs_job_settings": {
            "cron_expression": "*/5 * * * *",
            "enabled": true,
            "file_suffix": "5min",
            "rotate_max_num": 24
        },
        "future_job_settings": {"cron_expression": "0 0 * * *"}
    })
}

fn ocsp_json() -> Value {
    json!({
        "ocsp_functionality": true,
        "responder_url": "http://responder.ocsp.url.com",
        "query_frequency": 3800,
        "response_timeout": 2,
        "recovery_frequency": 80,
        "recovery_max_tries": 20,
        "future_field": "kept"
    })
}

fn ocsp_status_json() -> Value {
    json!({
        "responder_url": "http://responder.ocsp.url.com",
        "cert_status": "REVOKED",
        "produced_at": "Wed, 22 Dec 2021 12:50:11 GMT",
        "this_update": "Wed, 22 Dec 2021 12:50:11 GMT",
        "next_update": "Wed, 22 Dec 2021 14:50:00 GMT",
        "revocation_time": "Wed, 22 Dec 2021 12:50:04 GMT",
        "future_field": 5
    })
}

fn diagnostics_json() -> Value {
    json!({
        "bdb_info_target": {"cron_expression": "*/10 * * * *"},
        "rladmin_status_target": {"cron_expression": "5 * * * *"},
        "slowlog_target": {"cron_expression": "*/10 * * * *", "max_entries": 100},
        "future_target": {"cron_expression": "*/1 * * * *"}
    })
}

fn metrics_config_json() -> Value {
    json!({
        "key_distribution_enabled": true,
        "key_size_buckets": "",
        "key_items_buckets": "",
        "local_storage_max_size_mb": 1024,
        "local_storage_retention_days": 14,
        "expose_db_tags": true,
        "metrics_tag_keys_exposed": ["env", "team"],
        "max_requests_in_flight": 2,
        "future_field": {"retention_tiers": [1, 7]}
    })
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            id: "bootstrap_get",
            verb: "GET",
            route: "/v1/bootstrap",
            query: None,
            body: None,
            response: Some(bootstrap_info_json()),
            call: |client| Box::pin(async move { encoded(client.bootstrap().get().await) }),
        },
        Case {
            id: "bootstrap_start",
            verb: "POST",
            route: "/v1/bootstrap/join_cluster",
            query: None,
            body: Some(join_configuration_json()),
            response: None,
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .bootstrap()
                            .start(BootstrapAction::JoinCluster, join_configuration())
                            .await,
                    )
                })
            },
        },
        Case {
            id: "bootstrap_validate",
            verb: "POST",
            route: "/v1/bootstrap/validate/create_cluster",
            query: None,
            body: Some(json!({
                "action": "create_cluster",
                "cluster": {"name": "my.cluster", "nodes": []},
                "license": "----- LICENSE START -----\n...",
                "policy": {"default_shards_placement": "dense", "rack_aware": false}
            })),
            response: None,
            call: |client| {
                Box::pin(async move {
                    let configuration = serde_json::from_value::<Bootstrap>(json!({
                        "action": "create_cluster",
                        "cluster": {"name": "my.cluster", "nodes": []},
                        "license": "----- LICENSE START -----\n...",
                        "policy": {"default_shards_placement": "dense", "rack_aware": false}
                    }))
                    .unwrap();
                    encoded(
                        client
                            .bootstrap()
                            .validate(BootstrapAction::CreateCluster, configuration)
                            .await,
                    )
                })
            },
        },
        Case {
            id: "license_get",
            verb: "GET",
            route: "/v1/license",
            query: None,
            body: None,
            response: Some(license_json()),
            call: |client| Box::pin(async move { encoded(client.license().get().await) }),
        },
        Case {
            id: "license_update",
            verb: "PUT",
            route: "/v1/license",
            query: None,
            body: Some(json!({"license": "----- LICENSE START -----\ndi+iK...KniI9\n"})),
            response: None,
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .license()
                            .update("----- LICENSE START -----\ndi+iK...KniI9\n")
                            .await,
                    )
                })
            },
        },
        Case {
            id: "logs_list",
            verb: "GET",
            route: "/v1/logs",
            query: Some(
                "stime=2014-08-29T11%3A00%3A00Z&etime=2014-08-29T12%3A00%3A00Z&order=desc&limit=50&offset=100",
            ),
            body: None,
            response: Some(events_json()),
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .logs()
                            .list()
                            .stime("2014-08-29T11:00:00Z")
                            .etime("2014-08-29T12:00:00Z")
                            .order(LogOrder::Desc)
                            .limit(50)
                            .offset(100)
                            .await,
                    )
                })
            },
        },
        Case {
            id: "cm_settings_get",
            verb: "GET",
            route: "/v1/cm_settings",
            query: None,
            body: None,
            response: Some(json!({"timezone": "UTC", "future_field": true})),
            call: |client| Box::pin(async move { encoded(client.cm_settings().get().await) }),
        },
        Case {
            id: "cm_settings_update",
            verb: "PUT",
            route: "/v1/cm_settings",
            query: None,
            body: Some(json!({"timezone": "US/Pacific"})),
            response: Some(json!({"timezone": "US/Pacific", "future_field": true})),
            call: |client| {
                Box::pin(async move {
                    let settings = CmSettings {
                        timezone: Some("US/Pacific".to_owned()),
                        ..CmSettings::default()
                    };
                    encoded(client.cm_settings().update(settings).await)
                })
            },
        },
        Case {
            id: "job_scheduler_get",
            verb: "GET",
            route: "/v1/job_scheduler",
            query: None,
            body: None,
            response: Some(job_scheduler_json()),
            call: |client| Box::pin(async move { encoded(client.job_scheduler().get().await) }),
        },
        Case {
            id: "job_scheduler_update",
            verb: "PUT",
            route: "/v1/job_scheduler",
            query: None,
            body: Some(json!({"backup_job_settings": {"cron_expression": "*/10 * * * *"}})),
            response: Some(job_scheduler_json()),
            call: |client| {
                Box::pin(async move {
                    let jobs = JobScheduler {
                        backup_job_settings: Some(BackupJobSettings {
                            cron_expression: Some("*/10 * * * *".to_owned()),
                            ..BackupJobSettings::default()
                        }),
                        ..JobScheduler::default()
                    };
                    encoded(client.job_scheduler().update(jobs).await)
                })
            },
        },
        Case {
            id: "jsonschema_get",
            verb: "GET",
            route: "/v1/jsonschema",
            query: Some("object=bdb"),
            body: None,
            response: Some(json!({
                "type": "object",
                "description": "An API object that represents a managed database in the cluster.",
                "properties": {"uid": {"type": "integer"}}
            })),
            call: |client| {
                Box::pin(async move { encoded(client.jsonschema().get().object("bdb").await) })
            },
        },
        Case {
            id: "ocsp_get",
            verb: "GET",
            route: "/v1/ocsp",
            query: None,
            body: None,
            response: Some(ocsp_json()),
            call: |client| Box::pin(async move { encoded(client.ocsp().get().await) }),
        },
        Case {
            id: "ocsp_update",
            verb: "PUT",
            route: "/v1/ocsp",
            query: None,
            body: Some(json!({
                "ocsp_functionality": true,
                "query_frequency": 3800,
                "response_timeout": 2,
                "recovery_frequency": 80,
                "recovery_max_tries": 20
            })),
            response: Some(ocsp_json()),
            call: |client| {
                Box::pin(async move {
                    let config = Ocsp {
                        ocsp_functionality: Some(true),
                        query_frequency: Some(3800),
                        response_timeout: Some(2),
                        recovery_frequency: Some(80),
                        recovery_max_tries: Some(20),
                        ..Ocsp::default()
                    };
                    encoded(client.ocsp().update(config).await)
                })
            },
        },
        Case {
            id: "ocsp_status",
            verb: "GET",
            route: "/v1/ocsp/status",
            query: None,
            body: None,
            response: Some(ocsp_status_json()),
            call: |client| Box::pin(async move { encoded(client.ocsp().status().await) }),
        },
        Case {
            id: "ocsp_test",
            verb: "POST",
            route: "/v1/ocsp/test",
            query: None,
            body: None,
            response: Some(ocsp_status_json()),
            call: |client| Box::pin(async move { encoded(client.ocsp().test().await) }),
        },
        Case {
            id: "diagnostics_get",
            verb: "GET",
            route: "/v1/diagnostics",
            query: None,
            body: None,
            response: Some(diagnostics_json()),
            call: |client| Box::pin(async move { encoded(client.diagnostics().get().await) }),
        },
        Case {
            id: "diagnostics_update",
            verb: "PUT",
            route: "/v1/diagnostics",
            query: None,
            body: Some(json!({
                "rladmin_status_target": {"cron_expression": "5 * * * *"},
                "slowlog_target": {"max_entries": 200}
            })),
            response: Some(diagnostics_json()),
            call: |client| {
                Box::pin(async move {
                    let change = Diagnostics {
                        rladmin_status_target: Some(DiagnosticsTarget {
                            cron_expression: Some("5 * * * *".to_owned()),
                            ..DiagnosticsTarget::default()
                        }),
                        slowlog_target: Some(DiagnosticsSlowlogTarget {
                            max_entries: Some(200),
                            ..DiagnosticsSlowlogTarget::default()
                        }),
                        ..Diagnostics::default()
                    };
                    encoded(client.diagnostics().update(change).await)
                })
            },
        },
        Case {
            id: "metrics_config_get",
            verb: "GET",
            route: "/v1/metrics_config",
            query: None,
            body: None,
            response: Some(metrics_config_json()),
            call: |client| Box::pin(async move { encoded(client.metrics_config().get().await) }),
        },
        Case {
            id: "metrics_config_update",
            verb: "PUT",
            route: "/v1/metrics_config",
            query: None,
            body: Some(json!({
                "key_distribution_enabled": true,
                "local_storage_retention_days": 14,
                "expose_db_tags": true,
                "metrics_tag_keys_exposed": ["env", "team"]
            })),
            response: Some(metrics_config_json()),
            call: |client| {
                Box::pin(async move {
                    let change = MetricsConfig {
                        key_distribution_enabled: Some(true),
                        local_storage_retention_days: Some(14),
                        expose_db_tags: Some(true),
                        metrics_tag_keys_exposed: Some(vec!["env".to_owned(), "team".to_owned()]),
                        ..MetricsConfig::default()
                    };
                    encoded(client.metrics_config().update(change).await)
                })
            },
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
async fn the_bootstrap_status_decodes_into_typed_members() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/bootstrap"))
        .respond_with(ResponseTemplate::new(200).set_body_json(bootstrap_info_json()))
        .expect(1)
        .mount(&server)
        .await;
    let info = client(&server).bootstrap().get().await.unwrap();
    let status = info.bootstrap_status.unwrap();
    assert_eq!(status.state, Some(BootstrapStatusState::Completed));
    assert_eq!(status.end_time.as_deref(), Some("2014-08-29T11:19:49Z"));
    assert_eq!(status.unknown_fields["future_status_field"], json!(1));
    let node = info.local_node_info.unwrap();
    assert_eq!(node.uid, Some(3));
    assert_eq!(node.ephemeral_storage_size, Some(1018889.8304));
    assert_eq!(node.uptime, Some(50278));
    let addresses = node.available_addrs.unwrap();
    assert_eq!(addresses[1].format, Some(BootstrapNodeAddressFormat::Ipv6));
    assert_eq!(addresses[1].private, Some(false));
    assert_eq!(addresses[0].if_name.as_deref(), Some("eth0"));
    // A node member the bootstrap summary does not type is kept.
    assert_eq!(node.unknown_fields["architecture"], json!("x86_64"));
}

#[tokio::test]
async fn a_failed_validation_carries_the_bootstrap_status_and_its_error_code() {
    let server = MockServer::start().await;
    let failed = json!({
        "state": "error",
        "start_time": "2024-01-01T10:00:00Z",
        "end_time": "2024-01-01T10:00:01Z",
        "error_code": "rack_id_required",
        "error_details": {"message": "Rack id is required", "current_rack_ids": ["r1", "r2"]}
    });
    Mock::given(method("POST"))
        .and(path("/v1/bootstrap/validate/join_cluster"))
        .respond_with(ResponseTemplate::new(406).set_body_json(&failed))
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server)
        .bootstrap()
        .validate(BootstrapAction::JoinCluster, join_configuration())
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::NOT_ACCEPTABLE));
    assert_eq!(error.error_code(), Some(ErrorCode::RackIdRequired));
    assert!(!error.is_retryable());
    let Error::Api(api) = &error else {
        panic!("expected an API error, got {error}")
    };
    let status: BootstrapStatus = serde_json::from_slice(api.body()).unwrap();
    assert_eq!(status.state, Some(BootstrapStatusState::Error));
    assert_eq!(status.error_code, Some(BootstrapErrorCode::RackIdRequired));
    let details = status.error_details.unwrap();
    assert_eq!(details.message.as_deref(), Some("Rack id is required"));
    assert_eq!(
        details.current_rack_ids,
        Some(vec!["r1".to_owned(), "r2".to_owned()])
    );
}

#[tokio::test]
async fn settings_objects_decode_into_typed_members() {
    let server = MockServer::start().await;
    for (route, body) in [
        ("/v1/job_scheduler", job_scheduler_json()),
        ("/v1/ocsp/status", ocsp_status_json()),
        ("/v1/logs", events_json()),
        ("/v1/license", license_json()),
        ("/v1/metrics_config", metrics_config_json()),
    ] {
        Mock::given(method("GET"))
            .and(path(route))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
            .mount(&server)
            .await;
    }
    let api = client(&server);

    let jobs = api.job_scheduler().get().await.unwrap();
    let usage = jobs.bdb_usage_report_job_settings.unwrap();
    assert_eq!(usage.enabled, Some(false));
    assert_eq!(usage.file_retention_days, Some(365));
    let rotation = jobs.rotate_ccs_job_settings.unwrap();
    assert_eq!(rotation.file_suffix.as_deref(), Some("5min"));
    assert_eq!(rotation.rotate_max_num, Some(24));
    assert_eq!(
        jobs.unknown_fields["future_job_settings"],
        json!({"cron_expression": "0 0 * * *"})
    );

    let status = api.ocsp().status().await.unwrap();
    assert_eq!(status.cert_status, Some(OcspStatusCertStatus::Revoked));
    assert_eq!(
        status.revocation_time.as_deref(),
        Some("Wed, 22 Dec 2021 12:50:04 GMT")
    );

    let events = api.logs().list().await.unwrap();
    assert_eq!(events[0].r#type.as_deref(), Some("bdb_name_updated"));
    assert_eq!(events[0].bdb_uid.as_deref(), Some("1"));
    assert_eq!(events[0].new_val, Some(json!("test123")));
    assert_eq!(events[1].node_uid, Some(2));
    assert_eq!(events[1].unknown_fields["future_field"], json!([1, 2]));

    let license = api.license().get().await.unwrap();
    assert_eq!(license.expired, Some(true));
    assert_eq!(license.features, Some(vec!["bigstore".to_owned()]));
    assert_eq!(license.ram_shards_limit, Some(300));
    assert_eq!(
        license.unknown_fields["future_field"],
        json!({"kept": true})
    );

    let metrics = api.metrics_config().get().await.unwrap();
    assert_eq!(metrics.local_storage_retention_days, Some(14));
    assert_eq!(
        metrics.metrics_tag_keys_exposed,
        Some(vec!["env".to_owned(), "team".to_owned()])
    );
}

/// Two records of the usage report as NDJSON (one record a line), then the hash line.
const USAGE_REPORT: &str = concat!(
    r#"{"cluster_name":"mycluster.local","cluster_uuid":"7e9f93c6-825e-4bbb-a067-7f6306b98609","date":"2024-08-08T13:16:00.000000Z","software_version":"7.0.0","api_version":"1","bdb_uid":"1","type":"auto_tiering","shard_type":"auto_tiering","dominant_shard_criteria":"rof","provisioned_memory":1073741824,"used_memory":5828776,"master_shards_count":3,"no_eviction":false,"persistence":false,"backup":false,"using_redis_search":false,"ops_sec":0,"replication":false,"active_active":false,"license":{"activation_date":"2018-12-31T00:00:00Z","expiration_date":"2019-12-31T00:00:00Z","ram_shards_in_use":0,"ram_shards_limit":300,"flash_shards_in_use":0,"flash_shards_limit":100,"shards_limit":400},"future_field":"kept"}"#,
    "\n",
    r#"{"cluster_name":"mycluster.local","date":"2024-08-08T13:17:00.000000Z","bdb_uid":"2","type":"core","shard_type":"micro","dominant_shard_criteria":"mem","ops_sec":12.5}"#,
    "\n",
    "0123456789abcdef0123456789abcdef\n",
);

#[tokio::test]
async fn the_usage_report_arrives_as_ndjson_records_and_a_hash_line() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/usage_report"))
        .and(RawQuery(None))
        .and(header("authorization", AUTHORIZATION))
        .and(header("accept", "application/x-ndjson"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(USAGE_REPORT, "application/x-ndjson"))
        .expect(1)
        .mount(&server)
        .await;
    let lines = client(&server)
        .usage_report()
        .get()
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();

    let [Line::Record(first), Line::Record(second), Line::Other { number, text, .. }] = &lines[..]
    else {
        panic!("two records and the hash line, not {lines:?}");
    };
    assert_eq!(
        (*number, text.as_str()),
        (3, "0123456789abcdef0123456789abcdef")
    );
    let records = [first, second];
    assert_eq!(records[0].r#type, Some(UsageReportRecordType::AutoTiering));
    assert_eq!(
        records[0].shard_type,
        Some(UsageReportRecordShardType::AutoTiering)
    );
    assert_eq!(records[0].provisioned_memory, Some(1073741824.0));
    assert_eq!(records[0].master_shards_count, Some(3.0));
    let license = records[0].license.as_ref().unwrap();
    assert_eq!(license.shards_limit, Some(400));
    assert_eq!(records[0].unknown_fields["future_field"], json!("kept"));
    assert_eq!(records[1].bdb_uid.as_deref(), Some("2"));
    assert_eq!(
        records[1].dominant_shard_criteria,
        Some(UsageReportRecordDominantShardCriteria::Mem)
    );
    assert_eq!(records[1].ops_sec, Some(12.5));
}

#[tokio::test]
async fn an_unsupported_ocsp_change_keeps_its_documented_code() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/v1/ocsp"))
        .respond_with(ResponseTemplate::new(406).set_body_json(json!({
            "error_code": "ocsp_unsupported_by_capability",
            "message": "Not all nodes support OCSP capability"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let change = Ocsp {
        ocsp_functionality: Some(true),
        ..Ocsp::default()
    };
    let error = client(&server).ocsp().update(change).await.unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::NOT_ACCEPTABLE));
    assert_eq!(
        error.error_code(),
        Some(ErrorCode::OcspUnsupportedByCapability)
    );
    assert!(!error.is_retryable());
}
