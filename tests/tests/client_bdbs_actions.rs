//! The database action, password, upgrade, module and syncer state operations of the client against a
//! local mock server: method, path, raw query string, exact JSON body (or none), and the decoding of
//! realistic responses, members the spec does not know included.

// Deprecated operations are still served, so they are tested like the others.
#![allow(deprecated)]

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use redis_enterprise_client::models::{
    BackupLocation, BdbActionOrBlueprint, BdbActionStarted, BdbImportRequest, BdbModuleConfig,
    BdbModuleConfigName, BdbModulesUpgradeRequest, BdbRecoverRequest, BdbRevampRequest,
    BdbUpgradeRequest, BdbsOptimizeShardsPlacementReplication, DatasetImportSource, ErrorCode,
    ModuleUpgrade, RecoveryDataFile, ShardBlueprint, ShardsPlacement, StorageLocationType,
    SyncerState,
};
use redis_enterprise_client::{Client, Error, StatusCode};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, header};
use wiremock::{MockServer, Request, ResponseTemplate};

mod support;
use support::{client, expect, NoBody};

const ACTION_UID: &str = "21ad01d5-55aa-4ec6-b5c0-44dc95176486";

/// One call of the client, as a plain function so that alike operations fit in one table.
type Call<T> = fn(&Client) -> Pin<Box<dyn Future<Output = Result<T, Error>> + Send>>;

/// A blueprint as the reference's examples show it, with a member the spec does not know.
fn blueprint() -> Value {
    json!([
        {
            "nodes": [
                {"node_uid": "3", "role": "master"},
                {"node_uid": "1", "role": "slave", "rack_id": "r1"}
            ],
            "slot_range": "0-8191",
            "shard_uid": "4"
        },
        {
            "nodes": [{"node_uid": "2", "role": "master"}],
            "slot_range": "8192-16383"
        }
    ])
}

fn check_blueprint(shards: &[ShardBlueprint]) {
    let ranges: Vec<_> = shards
        .iter()
        .map(|shard| shard.slot_range.as_deref())
        .collect();
    assert_eq!(ranges, [Some("0-8191"), Some("8192-16383")]);
    let first = &shards[0];
    let nodes: Vec<_> = first
        .nodes
        .as_deref()
        .unwrap()
        .iter()
        .map(|node| (node.node_uid.as_deref(), node.role.as_deref()))
        .collect();
    assert_eq!(
        nodes,
        [(Some("3"), Some("master")), (Some("1"), Some("slave"))]
    );
    assert_eq!(first.unknown_fields.get("shard_uid"), Some(&json!("4")));
    let replica = &first.nodes.as_ref().unwrap()[1];
    assert_eq!(replica.unknown_fields.get("rack_id"), Some(&json!("r1")));
}

#[tokio::test]
async fn status_resets_send_no_body_and_accept_an_empty_answer() {
    let table: [(&str, Call<()>); 3] = [
        ("/v1/bdbs/3/actions/backup_reset_status", |c| {
            Box::pin(c.bdbs().backup_reset_status(3).into_future())
        }),
        ("/v1/bdbs/3/actions/export_reset_status", |c| {
            Box::pin(c.bdbs().export_reset_status(3).into_future())
        }),
        ("/v1/bdbs/3/actions/import_reset_status", |c| {
            Box::pin(c.bdbs().import_reset_status(3).into_future())
        }),
    ];
    for (route, call) in table {
        let server = MockServer::start().await;
        expect("PUT", route, None)
            .and(NoBody)
            .respond_with(ResponseTemplate::new(200))
            .expect(1)
            .mount(&server)
            .await;

        call(&client(&server))
            .await
            .unwrap_or_else(|error| panic!("{route}: {error}"));
    }
}

#[tokio::test]
async fn traffic_actions_post_no_body_and_decode_the_action_uid() {
    let table: [(&str, Call<BdbActionStarted>); 2] = [
        ("/v1/bdbs/12/actions/stop_traffic", |c| {
            Box::pin(c.bdbs().stop_traffic(12).into_future())
        }),
        ("/v1/bdbs/12/actions/resume_traffic", |c| {
            Box::pin(c.bdbs().resume_traffic(12).into_future())
        }),
    ];
    for (route, call) in table {
        let server = MockServer::start().await;
        expect("POST", route, None)
            .and(NoBody)
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"action_uid": ACTION_UID, "node_uid": "2"})),
            )
            .expect(1)
            .mount(&server)
            .await;

        let started = call(&client(&server)).await.unwrap();

        assert_eq!(started.action_uid.as_deref(), Some(ACTION_UID), "{route}");
        assert_eq!(started.unknown_fields.get("node_uid"), Some(&json!("2")));
    }
}

#[tokio::test]
async fn export_sends_the_location_as_a_required_member_and_the_rest_as_a_body() {
    let server = MockServer::start().await;
    expect("POST", "/v1/bdbs/1/actions/export", None)
        .and(header("content-type", "application/json"))
        .and(body_json(json!({
            "export_location": {"type": "s3", "bucket_name": "backups", "secret_access_key": "XYZ"},
            "email_notification": true
        })))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let location = BackupLocation {
        r#type: Some(StorageLocationType::S3),
        bucket_name: Some("backups".to_owned()),
        secret_access_key: Some("XYZ".into()),
        ..BackupLocation::default()
    };
    let notify = redis_enterprise_client::models::BdbExportRequest {
        email_notification: Some(true),
        ..Default::default()
    };

    client(&server)
        .bdbs()
        .export(1, location)
        .body(notify)
        .await
        .unwrap();
}

#[tokio::test]
async fn import_sends_the_sources_or_an_empty_object() {
    let server = MockServer::start().await;
    expect("POST", "/v1/bdbs/2/actions/import", None)
        .and(body_json(json!({
            "dataset_import_sources": [
                {"type": "sftp", "sftp_url": "sftp://user@example.com/db.rdb"}
            ]
        })))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    expect("POST", "/v1/bdbs/3/actions/import", None)
        .and(NoBody)
        .and(|request: &Request| !request.headers.contains_key("content-type"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let sources = BdbImportRequest {
        dataset_import_sources: Some(vec![DatasetImportSource {
            r#type: Some(StorageLocationType::Sftp),
            sftp_url: Some("sftp://user@example.com/db.rdb".into()),
            ..DatasetImportSource::default()
        }]),
        ..BdbImportRequest::default()
    };

    let api = client(&server);
    api.bdbs().import(2).body(sources).await.unwrap();
    // Without sources the request has no body: the database's configured sources are used.
    api.bdbs().import(3).await.unwrap();
}

#[tokio::test]
async fn optimize_shards_placement_sends_every_setting_and_exposes_the_state_id() {
    let server = MockServer::start().await;
    expect(
        "GET",
        "/v1/bdbs/1/actions/optimize_shards_placement",
        Some(
            "avoid_nodes=1,2&memory_size=10000&shards_count=10&shards_placement=sparse\
             &bigstore_ram_size=0&replication=enabled",
        ),
    )
    .and(NoBody)
    .respond_with(
        ResponseTemplate::new(200)
            .insert_header("cluster-state-id", "30")
            .set_body_json(blueprint()),
    )
    .expect(1)
    .mount(&server)
    .await;

    let response = client(&server)
        .bdbs()
        .optimize_shards_placement(1)
        .avoid_nodes([1, 2])
        .memory_size(10000)
        .shards_count(10)
        .shards_placement(ShardsPlacement::Sparse)
        .bigstore_ram_size(0)
        .replication(BdbsOptimizeShardsPlacementReplication::Enabled)
        .send_with_response()
        .await
        .unwrap();

    assert_eq!(response.headers()["cluster-state-id"], "30");
    check_blueprint(response.value());
}

#[tokio::test]
async fn rebalance_answers_an_action_or_with_dry_run_a_blueprint() {
    let server = MockServer::start().await;
    expect(
        "PUT",
        "/v1/bdbs/5/actions/rebalance",
        Some("only_failovers=true&max_operations=2"),
    )
    .and(NoBody)
    .respond_with(ResponseTemplate::new(200).set_body_json(json!({"action_uid": ACTION_UID})))
    .expect(1)
    .mount(&server)
    .await;
    expect("PUT", "/v1/bdbs/5/actions/rebalance", Some("dry_run=true"))
        .respond_with(ResponseTemplate::new(200).set_body_json(blueprint()))
        .expect(1)
        .mount(&server)
        .await;
    let api = client(&server);

    let started = api
        .bdbs()
        .rebalance(5)
        .only_failovers(true)
        .max_operations(2)
        .await
        .unwrap();
    let BdbActionOrBlueprint::BdbActionStarted(started) = started else {
        panic!("an action, not {started:?}");
    };
    assert_eq!(started.action_uid.as_deref(), Some(ACTION_UID));

    let planned = api.bdbs().rebalance(5).dry_run(true).await.unwrap();
    let BdbActionOrBlueprint::Blueprint(planned) = planned else {
        panic!("a blueprint, not {planned:?}");
    };
    check_blueprint(&planned);
}

#[tokio::test]
async fn revamp_sends_the_changes_and_its_flags() {
    let server = MockServer::start().await;
    expect(
        "PUT",
        "/v1/bdbs/1/actions/revamp",
        Some("dry_run=false&pause_persistence=true"),
    )
    .and(body_json(json!({
        "avoid_nodes": ["2"],
        "replication": true,
        "shards_count": 12,
        "shards_placement": "dense"
    })))
    .respond_with(ResponseTemplate::new(200).set_body_json(json!({"action_uid": ACTION_UID})))
    .expect(1)
    .mount(&server)
    .await;
    let change = BdbRevampRequest {
        avoid_nodes: Some(vec!["2".to_owned()]),
        replication: Some(true),
        shards_count: Some(12),
        shards_placement: Some(ShardsPlacement::Dense),
        ..BdbRevampRequest::default()
    };

    let answer = client(&server)
        .bdbs()
        .revamp(1, change)
        .dry_run(false)
        .pause_persistence(true)
        .await
        .unwrap();

    let BdbActionOrBlueprint::BdbActionStarted(started) = answer else {
        panic!("an action, not {answer:?}");
    };
    assert_eq!(started.action_uid.as_deref(), Some(ACTION_UID));
}

#[tokio::test]
async fn recovery_plan_decodes_the_files_and_recover_sends_a_plan() {
    let server = MockServer::start().await;
    expect("GET", "/v1/bdbs/4/actions/recover", None)
        .and(NoBody)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data_files": [{
                "filename": "appendonly-1.aof",
                "last_modified": 1721164863.8883622,
                "node_uid": "1",
                "shard_role": "master",
                "shard_slots": "1-2048",
                "shard_uid": "1",
                "size": 88,
                "checksum": "abc"
            }],
            "status": "ready",
            "missing_files": []
        })))
        .expect(1)
        .mount(&server)
        .await;
    expect("POST", "/v1/bdbs/4/actions/recover", None)
        .and(body_json(json!({
            "data_files": [
                {"filename": "appendonly-1.aof", "node_uid": "1", "shard_slots": "1-2048"}
            ],
            "ignore_errors": false,
            "recover_without_data": false
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"action_uid": ACTION_UID})))
        .expect(1)
        .mount(&server)
        .await;
    let api = client(&server);

    let plan = api.bdbs().recovery_plan_get(4).await.unwrap();
    assert_eq!(plan.status.as_deref(), Some("ready"));
    assert_eq!(plan.unknown_fields.get("missing_files"), Some(&json!([])));
    let file = &plan.data_files.as_ref().unwrap()[0];
    assert_eq!(file.filename.as_deref(), Some("appendonly-1.aof"));
    assert_eq!(file.last_modified, Some(1721164863.8883622));
    assert_eq!(file.size, Some(88));
    assert_eq!(file.shard_uid.as_deref(), Some("1"));
    assert_eq!(file.unknown_fields.get("checksum"), Some(&json!("abc")));

    let request = BdbRecoverRequest {
        data_files: Some(vec![RecoveryDataFile {
            filename: file.filename.clone(),
            node_uid: file.node_uid.clone(),
            shard_slots: file.shard_slots.clone(),
            ..RecoveryDataFile::default()
        }]),
        ignore_errors: Some(false),
        recover_without_data: Some(false),
        ..BdbRecoverRequest::default()
    };
    let started = api.bdbs().recover(4).body(request).await.unwrap();
    assert_eq!(started.action_uid.as_deref(), Some(ACTION_UID));
}

#[tokio::test]
async fn password_operations_send_the_password_with_their_method() {
    let table: [(&str, &str, Call<()>); 3] = [
        ("PUT", "new password", |c| {
            Box::pin(c.bdbs().passwords_update(7, "new password").into_future())
        }),
        ("POST", "password to add", |c| {
            Box::pin(c.bdbs().passwords_add(7, "password to add").into_future())
        }),
        ("DELETE", "password to delete", |c| {
            Box::pin(
                c.bdbs()
                    .passwords_delete(7, "password to delete")
                    .into_future(),
            )
        }),
    ];
    for (verb, password, call) in table {
        let server = MockServer::start().await;
        expect(verb, "/v1/bdbs/7/passwords", None)
            .and(header("content-type", "application/json"))
            .and(body_json(json!({ "password": password })))
            .respond_with(ResponseTemplate::new(200))
            .expect(1)
            .mount(&server)
            .await;

        call(&client(&server))
            .await
            .unwrap_or_else(|error| panic!("{verb}: {error}"));
    }
}

#[tokio::test]
async fn upgrade_sends_its_options_and_decodes_the_database() {
    let server = MockServer::start().await;
    expect("POST", "/v1/bdbs/1/upgrade", None)
        .and(body_json(json!({
            "preserve_roles": true,
            "modules": [{"current_module": "m1", "new_module": "m2", "new_module_args": "ARG 1"}],
            "redis_version": "7.4",
            "swap_roles": true
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "uid": 1,
            "replication": true,
            "data_persistence": "aof",
            "action_uid": ACTION_UID,
            "upgrade_window": "now"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let options = BdbUpgradeRequest {
        preserve_roles: Some(true),
        modules: Some(vec![ModuleUpgrade {
            current_module: Some("m1".to_owned()),
            new_module: Some("m2".to_owned()),
            new_module_args: Some(json!("ARG 1")),
            ..ModuleUpgrade::default()
        }]),
        redis_version: Some("7.4".to_owned()),
        swap_roles: Some(true),
        ..BdbUpgradeRequest::default()
    };

    let bdb = client(&server).bdbs().upgrade(1, options).await.unwrap();

    assert_eq!(bdb.uid, Some(1));
    assert_eq!(bdb.action_uid.as_deref(), Some(ACTION_UID));
    assert_eq!(
        bdb.data_persistence.as_ref().map(|value| value.as_str()),
        Some("aof")
    );
    assert_eq!(
        bdb.unknown_fields.get("upgrade_window"),
        Some(&json!("now"))
    );
}

#[tokio::test]
async fn modules_config_sends_the_modules_and_reports_a_documented_error_code() {
    let server = MockServer::start().await;
    expect("POST", "/v1/bdbs/1/modules/config", None)
        .and(body_json(json!({
            "modules": [{"module_name": "search", "module_args": "MINPREFIX 3 MAXEXPANSIONS 1000"}]
        })))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    expect("POST", "/v1/bdbs/2/modules/config", None)
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error_code": "param_error",
            "message": "module_args could not be parsed"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let search = BdbModuleConfig {
        module_name: BdbModuleConfigName::Search,
        module_args: "MINPREFIX 3 MAXEXPANSIONS 1000".to_owned(),
        unknown_fields: Default::default(),
    };
    let api = client(&server);

    api.bdbs()
        .modules_config(1, [search.clone()])
        .await
        .unwrap();
    let error = api.bdbs().modules_config(2, [search]).await.unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::BAD_REQUEST));
    assert_eq!(error.error_code(), Some(ErrorCode::ParamError));
    match &error {
        Error::Api(api) => assert_eq!(api.description(), Some("module_args could not be parsed")),
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn modules_upgrade_sends_the_modules_and_decodes_the_result() {
    let server = MockServer::start().await;
    expect("POST", "/v1/bdbs/1/modules/upgrade", None)
        .and(body_json(json!({
            "modules": [{
                "new_module": "aa3648d79bd4082d414587c42ea0b234",
                "module_name": "ReJson",
                "current_semantic_version": "2.2.1"
            }],
            "preserve_roles": true,
            "may_discard_data": false
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "uid": 1,
            "name": "name of database #1",
            "module_id": "aa3648d79bd4082d414587c42ea0b234",
            "module_name": "ReJson",
            "semantic_version": "2.2.2",
            "action_uid": ACTION_UID
        })))
        .expect(1)
        .mount(&server)
        .await;
    let rejson = ModuleUpgrade {
        module_name: Some("ReJson".to_owned()),
        current_semantic_version: Some("2.2.1".to_owned()),
        new_module: Some("aa3648d79bd4082d414587c42ea0b234".to_owned()),
        ..ModuleUpgrade::default()
    };
    let options = BdbModulesUpgradeRequest {
        preserve_roles: Some(true),
        may_discard_data: Some(false),
        ..BdbModulesUpgradeRequest::default()
    };

    let result = client(&server)
        .bdbs()
        .modules_upgrade(1, [rejson])
        .body(options)
        .await
        .unwrap();

    assert_eq!(result.uid, Some(1));
    assert_eq!(result.name.as_deref(), Some("name of database #1"));
    assert_eq!(result.module_name.as_deref(), Some("ReJson"));
    assert_eq!(result.semantic_version.as_deref(), Some("2.2.2"));
    assert_eq!(
        result.unknown_fields.get("action_uid"),
        Some(&json!(ACTION_UID))
    );
}

#[tokio::test]
async fn syncer_states_decode_the_known_members_and_keep_the_rest() {
    let table: [(&str, Call<SyncerState>); 3] = [
        ("/v1/bdbs/9/syncer_state", |c| {
            Box::pin(c.bdbs().syncer_state_get(9).into_future())
        }),
        ("/v1/bdbs/9/syncer_state/crdt", |c| {
            Box::pin(c.bdbs().syncer_state_crdt_get(9).into_future())
        }),
        ("/v1/bdbs/9/syncer_state/replica", |c| {
            Box::pin(c.bdbs().syncer_state_replica_get(9).into_future())
        }),
    ];
    for (route, call) in table {
        let server = MockServer::start().await;
        expect("GET", route, None)
            .and(NoBody)
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "DB": 22,
                "RunID": 1584086516,
                "Sources": [{"Name": "src1"}]
            })))
            .expect(1)
            .mount(&server)
            .await;

        let state = call(&client(&server)).await.unwrap();

        assert_eq!(state.db, Some(22), "{route}");
        assert_eq!(state.run_id, Some(1584086516));
        assert_eq!(
            state.unknown_fields.get("Sources"),
            Some(&json!([{"Name": "src1"}]))
        );
    }
}
