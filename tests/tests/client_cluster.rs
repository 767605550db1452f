//! The cluster operations of the client against a local mock server: method, path (percent-encoded),
//! raw query string, `Authorization` header, exact JSON body (or none), and the decoding of the pages'
//! examples, each with a member the spec does not know, which must be kept.

// Deprecated operations are still served, so they are tested like the others.
#![allow(deprecated)]

use std::future::Future;
use std::pin::Pin;

use redis_enterprise_client::models::{
    AlertSeverity, Certificate, CertificateName, CertificateRotateRequest, Cluster,
    ClusterActionRequest, ClusterActionStatus, ClusterAlertSettings,
    ClusterAlertSettingsWithThreshold, ClusterSettings, ClusterSettingsDefaultShardsPlacement,
    ClusterSmtpTlsMode, DbConnsAuditingConfig, DbConnsAuditingConfigAuditProtocol, ErrorCode,
    PasswordHashingAlgorithm, PasswordHashingAlgorithmRequest, ProxyPolicy, ServiceConfig,
    ServiceConfigOperatingMode, ServicesConfiguration, StatsInterval, TlsVersion,
    UpdateCertRequest, UpdateClusterCertificatesRequest,
};
use redis_enterprise_client::{Client, StatusCode};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, header};
use wiremock::{MockServer, ResponseTemplate};

mod support;
use support::{client, expect, NoBody};

const CERT: &str = "-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----";
const KEY: &str = "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----";

/// The cluster alert of the alerts page's examples (`state` is the string `"off"` there), plus a
/// member no page documents.
fn cluster_alert() -> Value {
    json!({
        "change_time": "2014-12-22T11:48:00Z",
        "change_value": {"state": false},
        "enabled": true,
        "state": "off",
        "severity": "WARNING",
        "acknowledged": false
    })
}

/// The auditing settings of the auditing page's examples, plus a member no page documents.
fn auditing() -> Value {
    json!({
        "audit_address": "127.0.0.1",
        "audit_port": 12345,
        "audit_protocol": "TCP",
        "audit_reconnect_interval": 1,
        "audit_reconnect_max_attempts": 0,
        "audit_format": "json"
    })
}

/// The services of the services configuration page's examples, plus a service no page documents.
fn services() -> Value {
    json!({
        "cm_server": {"operating_mode": "disabled"},
        "mdns_server": {"operating_mode": "enabled"},
        "new_service": {"operating_mode": "enabled"}
    })
}

fn certificate(name: CertificateName) -> Certificate {
    Certificate {
        name,
        certificate: CERT.to_owned(),
        key: Some(KEY.into()),
        unknown_fields: Default::default(),
    }
}

type Call = fn(Client) -> Pin<Box<dyn Future<Output = ()>>>;

/// One operation: the request it must send (`body`: the exact JSON body, `None` for no body at all),
/// the body the server answers (`None`: an empty one), and the call that sends it and checks what it
/// decoded.
struct Case {
    verb: &'static str,
    route: &'static str,
    query: Option<&'static str>,
    body: Option<fn() -> Value>,
    response: Option<fn() -> Value>,
    call: Call,
}

const CASES: &[Case] = &[
    Case {
        verb: "GET",
        route: "/v1/cluster",
        query: None,
        body: None,
        response: Some(|| {
            json!({
                "name": "my-rlec-cluster",
                "created_time": "2015-04-29T09:09:25Z",
                "email_alerts": false,
                "rack_aware": false,
                "smtp_password": "hunter2",
                "smtp_port": 25,
                "smtp_tls_mode": "starttls",
                "min_control_TLS_version": "1.3",
                "logrotate_settings": {"maxage": 7, "maxsize": "200M", "rotate": 10},
                "crdt_supported_featureset_version_map": {"7.2": 8},
                "new_setting": [1, 2]
            })
        }),
        call: |api| {
            Box::pin(async move {
                let cluster = api.cluster().get().await.unwrap();
                assert_eq!(cluster.name.as_deref(), Some("my-rlec-cluster"));
                assert_eq!(
                    cluster.created_time.as_deref(),
                    Some("2015-04-29T09:09:25Z")
                );
                assert_eq!(cluster.smtp_port, Some(25));
                assert_eq!(cluster.smtp_tls_mode, Some(ClusterSmtpTlsMode::Starttls));
                assert_eq!(
                    cluster.smtp_password.as_ref().map(|secret| secret.expose()),
                    Some("hunter2")
                );
                assert!(!format!("{cluster:?}").contains("hunter2"));
                assert_eq!(cluster.min_control_tls_version, Some(TlsVersion::Tls1_3));
                assert_eq!(
                    cluster.logrotate_settings.unwrap().maxsize.as_deref(),
                    Some("200M")
                );
                assert_eq!(
                    cluster.crdt_supported_featureset_version_map.unwrap()["7.2"],
                    json!(8)
                );
                assert_eq!(cluster.unknown_fields["new_setting"], json!([1, 2]));
            })
        },
    },
    Case {
        verb: "PUT",
        route: "/v1/cluster",
        query: Some("dry_run=true"),
        body: Some(|| {
            json!({
                "email_alerts": true,
                "alert_settings": {
                    "node_failed": true,
                    "node_memory": {"enabled": true, "threshold": "80"}
                }
            })
        }),
        response: Some(|| {
            json!({
                "name": "mycluster.mydomain.com",
                "email_alerts": true,
                "alert_settings": {
                    "node_failed": true,
                    "node_memory": {"enabled": true, "threshold": "80"},
                    "node_new_alert": true
                }
            })
        }),
        call: |api| {
            Box::pin(async move {
                let change = Cluster {
                    email_alerts: Some(true),
                    alert_settings: Some(ClusterAlertSettings {
                        node_failed: Some(true),
                        node_memory: Some(ClusterAlertSettingsWithThreshold {
                            enabled: Some(true),
                            threshold: Some("80".to_owned()),
                            ..ClusterAlertSettingsWithThreshold::default()
                        }),
                        ..ClusterAlertSettings::default()
                    }),
                    ..Cluster::default()
                };
                let cluster = api.cluster().update(change).dry_run(true).await.unwrap();
                assert_eq!(cluster.name.as_deref(), Some("mycluster.mydomain.com"));
                let alerts = cluster.alert_settings.unwrap();
                assert_eq!(alerts.node_failed, Some(true));
                assert_eq!(alerts.node_memory.unwrap().threshold.as_deref(), Some("80"));
                assert_eq!(alerts.unknown_fields["node_new_alert"], json!(true));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/cluster/actions",
        query: None,
        body: None,
        response: Some(|| {
            json!({"actions": [
                {"name": "change_master", "status": "running", "progress": 42.5, "node_uid": "2"}
            ]})
        }),
        call: |api| {
            Box::pin(async move {
                let list = api.cluster().actions_list().await.unwrap();
                let action = &list.actions.unwrap()[0];
                assert_eq!(action.name.as_deref(), Some("change_master"));
                assert_eq!(action.status, Some(ClusterActionStatus::Running));
                assert_eq!(action.progress, Some(42.5));
                assert_eq!(action.unknown_fields["node_uid"], json!("2"));
            })
        },
    },
    Case {
        verb: "GET",
        // The action name is one path segment, percent-encoded.
        route: "/v1/cluster/actions/change%20master%2Fx",
        query: None,
        body: None,
        response: Some(
            || json!({"name": "change master/x", "status": "queued", "progress": 0.0, "task_id": "t1"}),
        ),
        call: |api| {
            Box::pin(async move {
                let action = api.cluster().actions_get("change master/x").await.unwrap();
                assert_eq!(action.status, Some(ClusterActionStatus::Queued));
                assert_eq!(action.progress, Some(0.0));
                assert_eq!(action.unknown_fields["task_id"], json!("t1"));
            })
        },
    },
    Case {
        verb: "POST",
        route: "/v1/cluster/actions/change_master",
        query: None,
        body: Some(|| json!({"node_uid": "2"})),
        response: None,
        call: |api| {
            Box::pin(async move {
                let parameters = ClusterActionRequest {
                    node_uid: Some("2".to_owned()),
                    ..ClusterActionRequest::default()
                };
                api.cluster()
                    .actions_start("change_master")
                    .body(parameters)
                    .await
                    .unwrap();
            })
        },
    },
    Case {
        verb: "POST",
        route: "/v1/cluster/actions/change_master",
        query: None,
        body: None,
        // The page says the answer's body is not used: whatever comes is ignored.
        response: Some(|| json!({"details": "ignored"})),
        call: |api| {
            Box::pin(async move {
                api.cluster().actions_start("change_master").await.unwrap();
            })
        },
    },
    Case {
        verb: "DELETE",
        route: "/v1/cluster/actions/change_master",
        query: None,
        body: None,
        response: None,
        call: |api| {
            Box::pin(async move {
                api.cluster().actions_cancel("change_master").await.unwrap();
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/cluster/alerts",
        query: Some("ignore_settings=true"),
        body: None,
        response: Some(|| {
            json!({
                "cluster_too_few_nodes_for_replication": cluster_alert(),
                "node_failed": {"enabled": false, "state": false}
            })
        }),
        call: |api| {
            Box::pin(async move {
                let alerts = api
                    .cluster()
                    .alerts_list()
                    .ignore_settings(true)
                    .await
                    .unwrap();
                let replication = &alerts["cluster_too_few_nodes_for_replication"];
                assert_eq!(replication.state, Some(json!("off")));
                assert_eq!(replication.severity, Some(AlertSeverity::Warning));
                assert_eq!(
                    replication.change_value.as_ref().unwrap()["state"],
                    json!(false)
                );
                assert_eq!(replication.unknown_fields["acknowledged"], json!(false));
                assert_eq!(alerts["node_failed"].state, Some(json!(false)));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/cluster/alerts/cluster_too_few_nodes_for_replication",
        query: None,
        body: None,
        response: Some(cluster_alert),
        call: |api| {
            Box::pin(async move {
                let alert = api
                    .cluster()
                    .alerts_get("cluster_too_few_nodes_for_replication")
                    .await
                    .unwrap();
                assert_eq!(alert.enabled, Some(true));
                assert_eq!(alert.change_time.as_deref(), Some("2014-12-22T11:48:00Z"));
                assert_eq!(alert.unknown_fields["acknowledged"], json!(false));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/cluster/auditing/db_conns",
        query: None,
        body: None,
        response: Some(auditing),
        call: |api| {
            Box::pin(async move {
                let settings = api.cluster().auditing_db_conns_get().await.unwrap();
                assert_eq!(settings.audit_address.as_deref(), Some("127.0.0.1"));
                assert_eq!(settings.audit_port, Some(12345));
                assert_eq!(
                    settings.audit_protocol,
                    Some(DbConnsAuditingConfigAuditProtocol::Tcp)
                );
                assert_eq!(settings.audit_reconnect_max_attempts, Some(0));
                assert_eq!(settings.unknown_fields["audit_format"], json!("json"));
            })
        },
    },
    Case {
        verb: "PUT",
        route: "/v1/cluster/auditing/db_conns",
        query: None,
        body: Some(|| json!({"audit_protocol": "local", "audit_address": "/tmp/audit.sock"})),
        response: Some(auditing),
        call: |api| {
            Box::pin(async move {
                let change = DbConnsAuditingConfig {
                    audit_protocol: Some(DbConnsAuditingConfigAuditProtocol::Local),
                    audit_address: Some("/tmp/audit.sock".to_owned()),
                    ..DbConnsAuditingConfig::default()
                };
                let settings = api
                    .cluster()
                    .auditing_db_conns_update(change)
                    .await
                    .unwrap();
                assert_eq!(settings.audit_reconnect_interval, Some(1));
                assert_eq!(settings.unknown_fields["audit_format"], json!("json"));
            })
        },
    },
    Case {
        verb: "DELETE",
        route: "/v1/cluster/auditing/db_conns",
        query: None,
        body: None,
        response: None,
        call: |api| {
            Box::pin(async move {
                api.cluster().auditing_db_conns_delete().await.unwrap();
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/cluster/certificates",
        query: None,
        body: None,
        response: Some(|| {
            json!({
                "api_cert": "-----BEGIN CERTIFICATE-----...-----END CERTIFICATE-----",
                "api_key": "-----BEGIN RSA PRIVATE KEY-----...-----END RSA PRIVATE KEY-----"
            })
        }),
        call: |api| {
            Box::pin(async move {
                let certificates = api.cluster().certificates_get().await.unwrap();
                assert_eq!(certificates.len(), 2);
                assert_eq!(
                    certificates["api_key"].expose(),
                    "-----BEGIN RSA PRIVATE KEY-----...-----END RSA PRIVATE KEY-----"
                );
                assert!(!format!("{certificates:?}").contains("PRIVATE KEY"));
            })
        },
    },
    Case {
        verb: "PUT",
        route: "/v1/cluster/certificates",
        query: None,
        body: Some(|| {
            json!({"certificates": [
                {"name": "proxy", "certificate": CERT, "key": KEY},
                {"name": "mtls_trusted_ca", "certificate": CERT}
            ]})
        }),
        response: None,
        call: |api| {
            Box::pin(async move {
                let trusted_ca = Certificate {
                    key: None,
                    ..certificate(CertificateName::MtlsTrustedCa)
                };
                let request = UpdateClusterCertificatesRequest {
                    certificates: vec![certificate(CertificateName::Proxy), trusted_ca],
                    unknown_fields: Default::default(),
                };
                api.cluster().certificates_update(request).await.unwrap();
            })
        },
    },
    Case {
        verb: "PUT",
        route: "/v1/cluster/update_cert",
        query: None,
        body: Some(|| json!({"name": "certificate1", "certificate": CERT, "key": KEY})),
        response: None,
        call: |api| {
            Box::pin(async move {
                let named = UpdateCertRequest {
                    name: "certificate1".to_owned(),
                    certificate: CERT.to_owned(),
                    key: Some(KEY.into()),
                    unknown_fields: Default::default(),
                };
                api.cluster().update_cert(named).await.unwrap();
            })
        },
    },
    Case {
        verb: "DELETE",
        route: "/v1/cluster/certificates/ldap%20client",
        query: None,
        body: None,
        response: None,
        call: |api| {
            Box::pin(async move {
                api.cluster()
                    .certificates_delete("ldap client")
                    .await
                    .unwrap();
            })
        },
    },
    Case {
        verb: "POST",
        route: "/v1/cluster/certificates/rotate",
        query: None,
        body: None,
        response: None,
        call: |api| {
            Box::pin(async move {
                api.cluster().certificates_rotate().await.unwrap();
            })
        },
    },
    Case {
        verb: "POST",
        route: "/v1/cluster/certificates/rotate",
        query: None,
        body: Some(|| json!({"name": "ccs_internode_encryption"})),
        response: None,
        call: |api| {
            Box::pin(async move {
                let one = CertificateRotateRequest {
                    name: Some("ccs_internode_encryption".to_owned()),
                    ..CertificateRotateRequest::default()
                };
                api.cluster().certificates_rotate().body(one).await.unwrap();
            })
        },
    },
    Case {
        verb: "PATCH",
        route: "/v1/cluster/change_password_hashing_algorithm",
        query: None,
        body: Some(|| json!({"algorithm": "SHA-256"})),
        response: None,
        call: |api| {
            Box::pin(async move {
                let request = PasswordHashingAlgorithmRequest {
                    algorithm: PasswordHashingAlgorithm::Sha256,
                    unknown_fields: Default::default(),
                };
                api.cluster()
                    .change_password_hashing_algorithm(request)
                    .await
                    .unwrap();
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/cluster/module-capabilities",
        query: None,
        body: None,
        response: Some(|| {
            json!({"all_capabilities": [
                {"name": "types", "desc": "module has its own types and not only operate on existing redis types"},
                {"name": "no_multi_key", "desc": "module has no methods that operate on multiple keys", "since": "6.0"}
            ]})
        }),
        call: |api| {
            Box::pin(async move {
                let capabilities = api.cluster().module_capabilities().await.unwrap();
                let all = capabilities.all_capabilities.unwrap();
                assert_eq!(all.len(), 2);
                assert_eq!(all[0].name.as_deref(), Some("types"));
                assert_eq!(
                    all[1].desc.as_deref(),
                    Some("module has no methods that operate on multiple keys")
                );
                assert_eq!(all[1].unknown_fields["since"], json!("6.0"));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/cluster/policy",
        query: None,
        body: None,
        response: Some(|| {
            json!({
                "db_conns_auditing": false,
                "default_non_sharded_proxy_policy": "single",
                "default_provisioned_redis_version": "6.0",
                "default_sharded_proxy_policy": "all-master-shards",
                "default_shards_placement": "dense",
                "default_bigstore_version": 2,
                "redis_upgrade_policy": "major",
                "new_policy": 3
            })
        }),
        call: |api| {
            Box::pin(async move {
                let policy = api.cluster().policy_get().await.unwrap();
                assert_eq!(policy.db_conns_auditing, Some(false));
                assert_eq!(
                    policy.default_non_sharded_proxy_policy,
                    Some(ProxyPolicy::Single)
                );
                assert_eq!(
                    policy.default_sharded_proxy_policy,
                    Some(ProxyPolicy::AllMasterShards)
                );
                assert_eq!(
                    policy.default_shards_placement,
                    Some(ClusterSettingsDefaultShardsPlacement::Dense)
                );
                assert_eq!(policy.default_bigstore_version, Some(2));
                assert_eq!(
                    policy.default_provisioned_redis_version.as_deref(),
                    Some("6.0")
                );
                assert_eq!(policy.unknown_fields["new_policy"], json!(3));
            })
        },
    },
    Case {
        verb: "PUT",
        route: "/v1/cluster/policy",
        query: None,
        body: Some(
            || json!({"default_shards_placement": "sparse", "default_sharded_proxy_policy": "all-nodes"}),
        ),
        response: None,
        call: |api| {
            Box::pin(async move {
                let change = ClusterSettings {
                    default_shards_placement: Some(ClusterSettingsDefaultShardsPlacement::Sparse),
                    default_sharded_proxy_policy: Some(ProxyPolicy::AllNodes),
                    ..ClusterSettings::default()
                };
                api.cluster().policy_update(change).await.unwrap();
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/cluster/services_configuration",
        query: None,
        body: None,
        response: Some(services),
        call: |api| {
            Box::pin(async move {
                let services = api.cluster().services_configuration_get().await.unwrap();
                assert_eq!(
                    services.cm_server.unwrap().operating_mode,
                    Some(ServiceConfigOperatingMode::Disabled)
                );
                assert_eq!(
                    services.mdns_server.unwrap().operating_mode,
                    Some(ServiceConfigOperatingMode::Enabled)
                );
                assert!(services.pdns_server.is_none());
                assert_eq!(
                    services.unknown_fields["new_service"],
                    json!({"operating_mode": "enabled"})
                );
            })
        },
    },
    Case {
        verb: "PUT",
        route: "/v1/cluster/services_configuration",
        query: None,
        body: Some(|| json!({"cm_server": {"operating_mode": "disabled"}})),
        response: Some(services),
        call: |api| {
            Box::pin(async move {
                let change = ServicesConfiguration {
                    cm_server: Some(ServiceConfig {
                        operating_mode: Some(ServiceConfigOperatingMode::Disabled),
                        ..ServiceConfig::default()
                    }),
                    ..ServicesConfiguration::default()
                };
                let services = api
                    .cluster()
                    .services_configuration_update(change)
                    .await
                    .unwrap();
                assert_eq!(
                    services.mdns_server.unwrap().operating_mode,
                    Some(ServiceConfigOperatingMode::Enabled)
                );
                assert!(services.unknown_fields.contains_key("new_service"));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/cluster/stats",
        query: Some("interval=1hour&stime=2015-05-27T12%3A00%3A00Z&etime=2015-05-28T14%3A00%3A00Z"),
        body: None,
        response: Some(|| {
            json!({"intervals": [
                {
                    "interval": "1hour",
                    "stime": "2015-05-27T12:00:00Z",
                    "etime": "2015-05-28T12:59:59Z",
                    "cpu_idle": 0.8533959401503577,
                    "free_memory": 2745470765.673594,
                    "total_req": 0.0,
                    "new_metric": 1.5
                },
                {"interval": "1hour", "stime": "2015-05-27T13:00:00Z", "etime": "2015-05-28T13:59:59Z"}
            ]})
        }),
        call: |api| {
            Box::pin(async move {
                let stats = api
                    .cluster()
                    .stats()
                    .interval(StatsInterval::OneHour)
                    .stime("2015-05-27T12:00:00Z")
                    .etime("2015-05-28T14:00:00Z")
                    .await
                    .unwrap();
                let samples = stats.intervals.unwrap();
                assert_eq!(samples.len(), 2);
                assert_eq!(samples[0].interval, Some(StatsInterval::OneHour));
                assert_eq!(samples[0].cpu_idle, Some(0.8533959401503577));
                assert_eq!(samples[0].free_memory, Some(2745470765.673594));
                assert_eq!(samples[0].unknown_fields["new_metric"], json!(1.5));
                assert_eq!(samples[1].etime.as_deref(), Some("2015-05-28T13:59:59Z"));
            })
        },
    },
    Case {
        verb: "GET",
        route: "/v1/cluster/stats/last",
        query: Some("interval=1sec&stime=2015-10-14T06%3A44%3A00Z"),
        body: None,
        response: Some(|| {
            json!({
                "interval": "1sec",
                "stime": "2015-10-14T06:44:00Z",
                "etime": "2015-10-14T06:44:01Z",
                "conns": 0.0,
                "egress_bytes": 7403.0,
                "ephemeral_storage_free": 162375925760.0,
                "new_metric": 2.5
            })
        }),
        call: |api| {
            Box::pin(async move {
                let sample = api
                    .cluster()
                    .stats_last()
                    .interval(StatsInterval::OneSecond)
                    .stime("2015-10-14T06:44:00Z")
                    .await
                    .unwrap();
                assert_eq!(sample.interval, Some(StatsInterval::OneSecond));
                assert_eq!(sample.egress_bytes, Some(7403.0));
                assert_eq!(sample.ephemeral_storage_free, Some(162375925760.0));
                assert_eq!(sample.unknown_fields["new_metric"], json!(2.5));
            })
        },
    },
];

#[tokio::test]
async fn each_operation_sends_its_request_and_decodes_the_answer() {
    for case in CASES {
        let server = MockServer::start().await;
        let mock = expect(case.verb, case.route, case.query);
        let mock = match case.body {
            Some(body) => mock
                .and(header("content-type", "application/json"))
                .and(body_json(body())),
            None => mock.and(NoBody),
        };
        let answer = match case.response {
            Some(body) => ResponseTemplate::new(200).set_body_json(body()),
            None => ResponseTemplate::new(200),
        };
        mock.respond_with(answer)
            .expect(1)
            .named(format!("{} {}", case.verb, case.route))
            .mount(&server)
            .await;

        (case.call)(client(&server)).await;

        server.verify().await;
    }
}

#[tokio::test]
async fn a_conflicting_configuration_edit_fails_with_the_status_and_a_retryable_code() {
    let server = MockServer::start().await;
    let body = json!({
        "error_code": "config_edit_conflict",
        "message": "Cluster config was edited by another source"
    });
    expect("PUT", "/v1/cluster", None)
        .respond_with(ResponseTemplate::new(400).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;

    let change = Cluster {
        email_alerts: Some(false),
        ..Cluster::default()
    };
    let error = client(&server).cluster().update(change).await.unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::BAD_REQUEST));
    assert_eq!(error.error_code(), Some(ErrorCode::ConfigEditConflict));
    assert!(error.is_retryable());
}

#[tokio::test]
async fn deleting_auditing_settings_that_a_database_uses_fails_with_its_error_code() {
    let server = MockServer::start().await;
    let body = json!({
        "error_code": "cannot_delete_audit_config_when_bdb_enabled",
        "message": "Database 1 audits its connections"
    });
    expect("DELETE", "/v1/cluster/auditing/db_conns", None)
        .respond_with(ResponseTemplate::new(406).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server)
        .cluster()
        .auditing_db_conns_delete()
        .await
        .unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::NOT_ACCEPTABLE));
    assert_eq!(
        error.error_code(),
        Some(ErrorCode::CannotDeleteAuditConfigWhenBdbEnabled)
    );
    assert!(!error.is_retryable());
}
