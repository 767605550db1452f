//! Every Active-Active operation of the client (`crdbs`, `crdb_tasks`) against a local mock server:
//! method, path (percent-encoded), raw query string, `Authorization` header, exact JSON body, and
//! response decoding, with a member the spec does not know kept.

use std::future::Future;
use std::pin::Pin;

use redis_enterprise_client::models::{
    Crdb, CrdbClusterInfo, CrdbClusterInfoCredentials, CrdbDatabaseConfig,
    CrdbDatabaseConfigDataPersistence, CrdbHealthReportConfigurationStatus, CrdbInstanceInfo,
    CrdbModifyRequest, CrdbReplicationLinkStatus, CrdbTask, CrdbTaskStatus, CrdbUpgradeRequest,
};
use redis_enterprise_client::{Client, Error, Secret, StatusCode};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, header};
use wiremock::{MockServer, ResponseTemplate};

mod support;
use support::{client, expect, NoBody};

const GUID: &str = "552bbccb-99f3-4142-bd17-93d245f0bc79";
const TASK: &str = "a6ae4e4c-0b5e-4c5a-9a3b-1d2e3f405162";

/// A task as the coordinator reports it, with a member the spec does not know.
fn task_json(operation: &str) -> Value {
    json!({
        "id": TASK,
        "crdb_guid": GUID,
        "operation": operation,
        "status": "started",
        "started": "2025-03-01T10:00:00Z",
        "worker_name": "crdb_worker:1:0",
        "progress": {
            "clusters": [{"name": "cluster-1", "progress": "commit"}],
            "worker": "waiting"
        },
        "errors": [{
            "cluster_name": "cluster-2",
            "description": "Cluster is unreachable",
            "error_code": "connection_error"
        }],
        "attempt": 2
    })
}

fn assert_task(task: &CrdbTask, operation: &str) {
    assert_eq!(task.id.as_deref(), Some(TASK));
    assert_eq!(task.crdb_guid.as_deref(), Some(GUID));
    assert_eq!(task.operation.as_deref(), Some(operation), "{operation}");
    assert_eq!(task.status, Some(CrdbTaskStatus::Started));
    assert_eq!(task.worker_name.as_deref(), Some("crdb_worker:1:0"));
    let progress = task.progress.as_ref().unwrap();
    assert_eq!(progress.worker.as_deref(), Some("waiting"));
    let clusters = progress.clusters.as_deref().unwrap();
    assert_eq!(clusters[0].name.as_deref(), Some("cluster-1"));
    assert_eq!(clusters[0].progress.as_deref(), Some("commit"));
    let error = &task.errors.as_deref().unwrap()[0];
    assert_eq!(error.cluster_name.as_deref(), Some("cluster-2"));
    assert_eq!(error.error_code.as_deref(), Some("connection_error"));
    assert_eq!(task.unknown_fields["attempt"], json!(2));
}

type Call = Pin<Box<dyn Future<Output = Result<CrdbTask, Error>> + Send>>;

/// One operation that answers with a task: what it must send, and the call that sends it.
struct TaskCase {
    operation: &'static str,
    verb: &'static str,
    route: &'static str,
    query: Option<&'static str>,
    /// The exact JSON body, or `None` for a request without body.
    body: Option<Value>,
    call: Call,
}

/// The example body of the create request on the reference page.
fn two_cluster_crdb() -> Crdb {
    let instance = |n: u8| CrdbInstanceInfo {
        cluster: Some(CrdbClusterInfo {
            url: Some(format!("http://cluster{n}.example.com:9443")),
            credentials: Some(CrdbClusterInfoCredentials {
                username: Some("admin".to_owned()),
                password: Some(Secret::new("p@ss")),
                ..Default::default()
            }),
            name: Some(format!("cluster-{n}")),
            ..Default::default()
        }),
        compression: Some(6),
        ..Default::default()
    };
    Crdb {
        default_db_config: Some(CrdbDatabaseConfig {
            name: Some("sample-crdb".to_owned()),
            memory_size: Some(214748365),
            ..Default::default()
        }),
        instances: Some(vec![instance(1), instance(2)]),
        name: Some("sample-crdb".to_owned()),
        ..Default::default()
    }
}

fn task_cases(api: &Client) -> Vec<TaskCase> {
    let crdbs = api.crdbs();
    let change = Crdb {
        default_db_config: Some(CrdbDatabaseConfig {
            data_persistence: Some(CrdbDatabaseConfigDataPersistence::Snapshot),
            ..Default::default()
        }),
        ..Default::default()
    };
    let modify = CrdbModifyRequest {
        remove_instances: Some(vec![2]),
        remove_instances_force_remove: Some(true),
        ..Default::default()
    };
    let upgrade = CrdbUpgradeRequest {
        preserve_roles: Some(true),
        may_discard_data: Some(false),
        redis_version: Some("8.2".to_owned()),
        ..Default::default()
    };
    vec![
        TaskCase {
            operation: "create",
            verb: "POST",
            route: "/v1/crdbs",
            query: Some("dry_run=true"),
            body: Some(json!({
                "default_db_config": {"name": "sample-crdb", "memory_size": 214748365},
                "instances": [
                    {
                        "cluster": {
                            "url": "http://cluster1.example.com:9443",
                            "credentials": {"username": "admin", "password": "p@ss"},
                            "name": "cluster-1"
                        },
                        "compression": 6
                    },
                    {
                        "cluster": {
                            "url": "http://cluster2.example.com:9443",
                            "credentials": {"username": "admin", "password": "p@ss"},
                            "name": "cluster-2"
                        },
                        "compression": 6
                    }
                ],
                "name": "sample-crdb"
            })),
            call: Box::pin(crdbs.create(two_cluster_crdb()).dry_run(true).send()),
        },
        TaskCase {
            operation: "update",
            verb: "PATCH",
            route: "/v1/crdbs/552bbccb-99f3-4142-bd17-93d245f0bc79",
            query: None,
            body: Some(json!({"default_db_config": {"data_persistence": "snapshot"}})),
            call: Box::pin(crdbs.update(GUID, change).send()),
        },
        TaskCase {
            operation: "delete",
            verb: "DELETE",
            route: "/v1/crdbs/552bbccb-99f3-4142-bd17-93d245f0bc79",
            query: None,
            body: None,
            call: Box::pin(crdbs.delete(GUID).send()),
        },
        TaskCase {
            operation: "flush",
            verb: "PUT",
            // A GUID that is not one still stays one path segment.
            route: "/v1/crdbs/not%20a%2Fguid/flush",
            query: Some("async_flush=true"),
            body: None,
            call: Box::pin(crdbs.flush("not a/guid").async_flush(true).send()),
        },
        TaskCase {
            operation: "purge",
            verb: "PUT",
            route: "/v1/crdbs/552bbccb-99f3-4142-bd17-93d245f0bc79/purge",
            query: None,
            body: Some(json!({"instances": [2, 3]})),
            call: Box::pin(crdbs.purge(GUID, [2, 3]).send()),
        },
        TaskCase {
            operation: "modify",
            verb: "POST",
            route: "/v1/crdbs/552bbccb-99f3-4142-bd17-93d245f0bc79/updates",
            query: Some("dry_run=false"),
            body: Some(json!({"remove_instances": [2], "remove_instances.force_remove": true})),
            call: Box::pin(crdbs.modify(GUID, modify).dry_run(false).send()),
        },
        TaskCase {
            operation: "upgrade",
            verb: "POST",
            route: "/v1/crdbs/552bbccb-99f3-4142-bd17-93d245f0bc79/upgrade",
            query: None,
            body: Some(
                json!({"may_discard_data": false, "preserve_roles": true, "redis_version": "8.2"}),
            ),
            call: Box::pin(crdbs.upgrade(GUID, upgrade).send()),
        },
    ]
}

#[tokio::test]
async fn operations_that_start_a_task_send_their_request_and_decode_the_task() {
    let server = MockServer::start().await;
    let api = client(&server);
    for case in task_cases(&api) {
        let mock = expect(case.verb, case.route, case.query);
        let mock = match &case.body {
            Some(body) => mock
                .and(header("content-type", "application/json"))
                .and(body_json(body)),
            None => mock.and(NoBody),
        };
        let guard = mock
            .respond_with(ResponseTemplate::new(200).set_body_json(task_json(case.operation)))
            .expect(1)
            .named(case.operation)
            .mount_as_scoped(&server)
            .await;

        let task = case
            .call
            .await
            .unwrap_or_else(|error| panic!("{}: {error}", case.operation));

        assert_task(&task, case.operation);
        drop(guard);
    }
}

#[tokio::test]
async fn list_and_get_decode_active_active_databases() {
    let server = MockServer::start().await;
    let crdb = json!({
        "guid": GUID,
        "name": "sample-crdb",
        "encryption": false,
        "featureset_version": 8,
        "protocol_version": 1,
        "default_db_config": {
            "name": "sample-crdb",
            "memory_size": 214748365,
            "data_persistence": "aof",
            "proxy_policy": "all-master-shards",
            "shard_key_regex": [{"regex": ".*\\{(?<tag>.*)\\}.*"}, {"regex": "(?<tag>.*)"}]
        },
        "instances": [{
            "id": 1,
            "db_uid": "1",
            "cluster": {"name": "cluster-1", "url": "https://cluster1.example.com:9443"},
            "compression": 6
        }],
        "local_databases": [{"bdb_uid": "1", "id": 1}],
        "modules": [{"featureset_version": 1, "module_name": "ReJSON"}],
        "volatile_config_fields": [],
        "placement_hint": "eu"
    });
    expect("GET", "/v1/crdbs", None)
        .and(NoBody)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([crdb.clone()])))
        .expect(1)
        .mount(&server)
        .await;
    expect(
        "GET",
        "/v1/crdbs/552bbccb-99f3-4142-bd17-93d245f0bc79",
        Some("instance_id=2"),
    )
    .and(NoBody)
    .respond_with(ResponseTemplate::new(200).set_body_json(&crdb))
    .expect(1)
    .mount(&server)
    .await;

    let api = client(&server);
    let listed = api.crdbs().list().await.unwrap();
    let got = api.crdbs().get(GUID).instance_id(2).await.unwrap();

    assert_eq!(listed, std::slice::from_ref(&got));
    assert_eq!(got.guid.as_deref(), Some(GUID));
    assert_eq!(got.featureset_version, Some(8));
    let config = got.default_db_config.as_ref().unwrap();
    assert_eq!(config.memory_size, Some(214748365));
    assert_eq!(
        config.data_persistence,
        Some(CrdbDatabaseConfigDataPersistence::Aof)
    );
    assert_eq!(
        config.proxy_policy.as_ref().map(|policy| policy.as_str()),
        Some("all-master-shards")
    );
    assert_eq!(config.shard_key_regex.as_ref().map(Vec::len), Some(2));
    let instance = &got.instances.as_deref().unwrap()[0];
    assert_eq!(instance.id, Some(1));
    assert_eq!(
        instance.cluster.as_ref().unwrap().url.as_deref(),
        Some("https://cluster1.example.com:9443")
    );
    let local = &got.local_databases.as_deref().unwrap()[0];
    assert_eq!((local.bdb_uid.as_deref(), local.id), (Some("1"), Some(1)));
    assert_eq!(
        got.modules.as_deref().unwrap()[0].module_name.as_deref(),
        Some("ReJSON")
    );
    assert_eq!(got.unknown_fields["placement_hint"], json!("eu"));
    // What was received is what is written back.
    assert_eq!(serde_json::to_value(&got).unwrap(), crdb);
}

#[tokio::test]
async fn health_report_sends_the_instance_and_decodes_the_reports() {
    let server = MockServer::start().await;
    expect(
        "GET",
        "/v1/crdbs/552bbccb-99f3-4142-bd17-93d245f0bc79/health_report",
        Some("instance_id=1"),
    )
    .and(NoBody)
    .respond_with(ResponseTemplate::new(200).set_body_json(json!([{
        "active_config_version": 3,
        "cluster_name": "cluster-1",
        "name": "sample-crdb",
        "configurations": [{
            "causal_consistency": false,
            "encryption": true,
            "featureset_version": 8,
            "instances": [{
                "id": 1,
                "db_uid": "1",
                "cluster": {"name": "cluster-1", "url": "https://cluster1.example.com:9443"}
            }],
            "name": "sample-crdb",
            "protocol_version": 1,
            "status": "commit-completed",
            "version": 3
        }],
        "connections": [{
            "name": "cluster-2",
            "replication_links": [{"link_uid": "1:2", "status": "up"}],
            "status": "ok"
        }],
        "sampled_at": 1700000000
    }])))
    .expect(1)
    .mount(&server)
    .await;

    let reports = client(&server)
        .crdbs()
        .health_report(GUID)
        .instance_id(1)
        .await
        .unwrap();

    let [report] = reports.as_slice() else {
        panic!("one report expected, got {reports:?}")
    };
    assert_eq!(report.active_config_version, Some(3));
    assert_eq!(report.name.as_deref(), Some("sample-crdb"));
    let configuration = &report.configurations.as_deref().unwrap()[0];
    assert_eq!(
        configuration.status,
        Some(CrdbHealthReportConfigurationStatus::CommitCompleted)
    );
    let instance = &configuration.instances.as_deref().unwrap()[0];
    assert_eq!(
        instance.cluster.as_ref().unwrap().name.as_deref(),
        Some("cluster-1")
    );
    let connection = &report.connections.as_deref().unwrap()[0];
    let link = &connection.replication_links.as_deref().unwrap()[0];
    assert_eq!(link.link_uid.as_deref(), Some("1:2"));
    assert_eq!(link.status, Some(CrdbReplicationLinkStatus::Up));
    assert_eq!(report.unknown_fields["sampled_at"], json!(1700000000));
}

#[tokio::test]
async fn tasks_are_listed_read_and_cancelled() {
    let server = MockServer::start().await;
    expect("GET", "/v1/crdb_tasks", None)
        .and(NoBody)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([task_json("list")])))
        .expect(1)
        .mount(&server)
        .await;
    expect(
        "GET",
        "/v1/crdb_tasks/a6ae4e4c-0b5e-4c5a-9a3b-1d2e3f405162",
        Some("verbose=true"),
    )
    .and(NoBody)
    .respond_with(ResponseTemplate::new(200).set_body_json(task_json("get")))
    .expect(1)
    .mount(&server)
    .await;
    expect(
        "POST",
        "/v1/crdb_tasks/a6ae4e4c-0b5e-4c5a-9a3b-1d2e3f405162/actions/cancel",
        Some("force=true"),
    )
    .and(NoBody)
    .respond_with(ResponseTemplate::new(200))
    .expect(1)
    .mount(&server)
    .await;

    let api = client(&server);
    let tasks = api.crdb_tasks();
    let listed = tasks.list().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_task(&listed[0], "list");
    assert_task(&tasks.get(TASK).verbose(true).await.unwrap(), "get");
    tasks.cancel(TASK).force(true).await.unwrap();
}

#[tokio::test]
async fn a_refused_cancellation_reports_status_and_error_code() {
    let server = MockServer::start().await;
    expect(
        "POST",
        "/v1/crdb_tasks/a6ae4e4c-0b5e-4c5a-9a3b-1d2e3f405162/actions/cancel",
        None,
    )
    .respond_with(ResponseTemplate::new(406).set_body_json(json!({
        "error_code": "task_in_commit_phase",
        "description": "The task reached the commit phase"
    })))
    .expect(1)
    .mount(&server)
    .await;

    let error = client(&server).crdb_tasks().cancel(TASK).await.unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::NOT_ACCEPTABLE));
    assert_eq!(error.raw_error_code(), Some("task_in_commit_phase"));
    assert!(!error.is_retryable());
}
