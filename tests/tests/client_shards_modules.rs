//! The shard, database shard, migration and module operations of the client against a local mock
//! server: method, path (percent-encoded), raw query string, exact JSON body, and response decoding,
//! unknown fields included.

// Deprecated operations are still served, so they are tested like the others.
#![allow(deprecated)]

use redis_enterprise_client::models::{
    CreateUserDefinedModuleRequest, ErrorCode, ModuleCommand, ModuleConfigEntry, ModuleConfigName,
    ModuleConfigRequest, ModuleName, ShardDetailedStatus, ShardFailoverRequest, ShardLoadingStatus,
    ShardMigrateRequest, ShardRole, ShardStatus, ShardUid, ShardsFailoverRequest,
    ShardsMigrateRequest,
};
use redis_enterprise_client::StatusCode;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

mod support;
use support::{check, client, encoded, Case};

/// A shard as the reference shows it, plus a member the spec does not know.
fn shard_json() -> Value {
    json!({
        "uid": "1",
        "role": "master",
        "assigned_slots": "0-16383",
        "bdb_uid": 1,
        "detailed_status": "ok",
        "loading": {"status": "idle"},
        "node_uid": "1",
        "redis_info": {"connected_clients": 14, "used_memory_rss": 12263424, "mem_fragmentation_ratio": 1.5},
        "report_timestamp": "2024-06-28T18:44:01Z",
        "status": "active",
        "shard_future_field": {"kept": true}
    })
}

fn action_json(description: &str) -> Value {
    json!({
        "action_uid": "e5e24ddf-a456-4a7e-ad53-4463cd44880e",
        "description": description,
        "future_field": 7
    })
}

fn module_json() -> Value {
    json!({
        "uid": "1952fcf9a5109fb59e61b1ad4d7e2d88",
        "author": "author name",
        "module_name": "search",
        "semantic_version": "2.8.4",
        "version": 20804,
        "crdb": {"supported_featureset_versions": [1, 2]},
        "dependencies": {"gears": {"url": "https://example.com/gears.zip"}},
        "future_field": "kept"
    })
}

fn migration_json() -> Value {
    json!({
        "migration": {
            "status": "syncing",
            "lag": 3,
            "rdb_size": 1048576,
            "rdb_transferred": 524288,
            "run_id": "7c1d2a",
            "flush_counter": 1,
            "source_shards": [{"replication_id": "abc", "replication_offset": 1200}],
            "error": {"error_code": "none", "message": "", "timestamp": "2019-08-24T14:15:22Z"},
            "future_field": [1, 2]
        }
    })
}

fn user_defined_module() -> CreateUserDefinedModuleRequest {
    CreateUserDefinedModuleRequest {
        module_name: "TestModule".to_owned(),
        version: 1,
        semantic_version: "0.0.1".to_owned(),
        display_name: "test module".to_owned(),
        commands: vec![ModuleCommand {
            command_arity: Some(-1),
            command_name: Some("json.arrtrim".to_owned()),
            first_key: Some(1),
            flags: Some(vec!["write".to_owned()]),
            last_key: Some(1),
            step: Some(1),
            ..ModuleCommand::default()
        }],
        command_line_args: String::new(),
        capabilities: vec!["list".to_owned(), "of".to_owned()],
        min_redis_version: "2.1".to_owned(),
        unknown_fields: Default::default(),
    }
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            id: "shards_list",
            verb: "GET",
            route: "/v1/shards",
            query: Some("extra_info_keys=used_memory_rss&extra_info_keys=connected_clients"),
            body: None,
            response: Some(json!([shard_json(), {"uid": "2", "role": "slave"}])),
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .shards()
                            .list()
                            .extra_info_keys(["used_memory_rss", "connected_clients"])
                            .await,
                    )
                })
            },
        },
        Case {
            id: "shards_get",
            verb: "GET",
            route: "/v1/shards/12",
            query: Some("extra_info_keys=used_memory_rss"),
            body: None,
            response: Some(shard_json()),
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .shards()
                            .get(12)
                            .extra_info_keys(["used_memory_rss"])
                            .await,
                    )
                })
            },
        },
        Case {
            id: "shards_failover_many",
            verb: "POST",
            route: "/v1/shards/actions/failover",
            query: None,
            body: Some(
                json!({"shard_uids": ["2", "4", "6"], "dead_nodes": ["3"], "force_rebind": true}),
            ),
            response: Some(action_json("Failover was triggered")),
            call: |client| {
                Box::pin(async move {
                    let options = ShardsFailoverRequest {
                        // Replaced by the argument.
                        shard_uids: Some(vec!["99".to_owned()]),
                        dead_nodes: Some(vec!["3".to_owned()]),
                        force_rebind: Some(true),
                        ..ShardsFailoverRequest::default()
                    };
                    encoded(
                        client
                            .shards()
                            .failover_many(["2", "4", "6"])
                            .body(options)
                            .await,
                    )
                })
            },
        },
        Case {
            id: "shards_failover",
            verb: "POST",
            route: "/v1/shards/3/actions/failover",
            query: None,
            body: Some(json!({"dead_uid": "4", "dry_run": true})),
            response: Some(action_json("Failover was triggered")),
            call: |client| {
                Box::pin(async move {
                    let request = ShardFailoverRequest {
                        dead_uid: Some("4".to_owned()),
                        dry_run: Some(true),
                        ..ShardFailoverRequest::default()
                    };
                    encoded(client.shards().failover(3).body(request).await)
                })
            },
        },
        Case {
            id: "shards_migrate_many",
            verb: "POST",
            route: "/v1/shards/actions/migrate",
            query: None,
            body: Some(json!({
                "shard_uids": ["2", "4"],
                "target_node_uid": 9,
                "override_rack_policy": false,
                "max_concurrent_bdb_migrations": 3
            })),
            response: Some(action_json("Migrate was triggered")),
            call: |client| {
                Box::pin(async move {
                    let options = ShardsMigrateRequest {
                        override_rack_policy: Some(false),
                        max_concurrent_bdb_migrations: Some(3),
                        ..ShardsMigrateRequest::default()
                    };
                    encoded(
                        client
                            .shards()
                            .migrate_many(["2", "4"], 9)
                            .body(options)
                            .await,
                    )
                })
            },
        },
        Case {
            id: "shards_migrate",
            verb: "POST",
            route: "/v1/shards/5/actions/migrate",
            query: None,
            body: Some(json!({"target_node_uid": 2, "preserve_roles": true})),
            response: Some(action_json("Migrate was triggered")),
            call: |client| {
                Box::pin(async move {
                    let options = ShardMigrateRequest {
                        // Replaced by the argument.
                        target_node_uid: Some(100),
                        preserve_roles: Some(true),
                        ..ShardMigrateRequest::default()
                    };
                    encoded(client.shards().migrate(5, 2).body(options).await)
                })
            },
        },
        Case {
            id: "bdbs_shards_list",
            verb: "GET",
            route: "/v1/bdbs/4/shards",
            query: Some("extra_info_keys=connected_clients"),
            body: None,
            response: Some(json!([shard_json(), {"uid": 2, "role": "slave"}])),
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .bdbs()
                            .shards_list(4)
                            .extra_info_keys(["connected_clients"])
                            .await,
                    )
                })
            },
        },
        Case {
            id: "migrations_get",
            verb: "GET",
            route: "/v1/migrations/6",
            query: None,
            body: None,
            response: Some(migration_json()),
            call: |client| Box::pin(async move { encoded(client.migrations().get(6).await) }),
        },
        Case {
            id: "modules_list",
            verb: "GET",
            route: "/v1/modules",
            query: None,
            body: None,
            response: Some(json!([module_json(), {"uid": "2", "module_name": "CustomModule"}])),
            call: |client| Box::pin(async move { encoded(client.modules().list().await) }),
        },
        Case {
            id: "modules_get",
            verb: "GET",
            route: "/v1/modules/mod%2Fa%20b",
            query: None,
            body: None,
            response: Some(module_json()),
            call: |client| Box::pin(async move { encoded(client.modules().get("mod/a b").await) }),
        },
        Case {
            id: "modules_config_bdb",
            verb: "POST",
            route: "/v1/modules/config/bdb/1",
            query: None,
            body: Some(json!({"modules": [
                {"module_name": "search", "module_args": "MINPREFIX 3 MAXEXPANSIONS 1000"},
                {"module_name": "graph", "module_args": ""}
            ]})),
            response: None,
            call: |client| {
                Box::pin(async move {
                    let request = ModuleConfigRequest {
                        modules: vec![
                            ModuleConfigEntry {
                                module_name: ModuleConfigName::Search,
                                module_args: "MINPREFIX 3 MAXEXPANSIONS 1000".to_owned(),
                                unknown_fields: Default::default(),
                            },
                            ModuleConfigEntry {
                                module_name: ModuleConfigName::Graph,
                                module_args: String::new(),
                                unknown_fields: Default::default(),
                            },
                        ],
                        unknown_fields: Default::default(),
                    };
                    encoded(client.modules().config_bdb(1, request).await)
                })
            },
        },
        Case {
            id: "modules_user_defined_artifacts_list",
            verb: "GET",
            route: "/v2/local/modules/user-defined/artifacts",
            query: None,
            body: None,
            response: Some(json!([
                {"module_name": "TestModule", "version": 123, "dependencies": ["dep_1", "dep_2"], "size": 865}
            ])),
            call: |client| {
                Box::pin(
                    async move { encoded(client.modules().user_defined_artifacts_list().await) },
                )
            },
        },
        Case {
            id: "modules_user_defined_create",
            verb: "POST",
            route: "/v2/modules/user-defined",
            query: None,
            body: Some(json!({
                "module_name": "TestModule",
                "version": 1,
                "semantic_version": "0.0.1",
                "display_name": "test module",
                "commands": [{
                    "command_arity": -1,
                    "command_name": "json.arrtrim",
                    "first_key": 1,
                    "flags": ["write"],
                    "last_key": 1,
                    "step": 1
                }],
                "command_line_args": "",
                "capabilities": ["list", "of"],
                "min_redis_version": "2.1"
            })),
            response: Some(json!({
                "author": "author name",
                "uid": "1952fcf9a5109fb59e61b1ad4d7e2d88",
                "module_name": "TestModule",
                "future_field": "kept"
            })),
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .modules()
                            .user_defined_create(user_defined_module())
                            .await,
                    )
                })
            },
        },
        Case {
            id: "modules_user_defined_delete",
            verb: "DELETE",
            route: "/v2/modules/user-defined/1952fcf9a5109fb59e61b1ad4d7e2d88",
            query: None,
            body: None,
            response: None,
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .modules()
                            .user_defined_delete("1952fcf9a5109fb59e61b1ad4d7e2d88")
                            .await,
                    )
                })
            },
        },
        Case {
            id: "modules_user_defined_artifacts_delete",
            verb: "DELETE",
            route: "/v2/local/modules/user-defined/artifacts/some-custom%2Fmodule/123",
            query: None,
            body: None,
            response: None,
            call: |client| {
                Box::pin(async move {
                    encoded(
                        client
                            .modules()
                            .user_defined_artifacts_delete("some-custom/module", 123)
                            .await,
                    )
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
async fn a_shard_decodes_into_typed_members() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/shards/1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(shard_json()))
        .expect(1)
        .mount(&server)
        .await;

    let shard = client(&server).shards().get(1).await.unwrap();

    assert_eq!(shard.uid, Some(ShardUid::String("1".into())));
    assert_eq!(shard.role, Some(ShardRole::Master));
    assert_eq!(shard.status, Some(ShardStatus::Active));
    assert_eq!(shard.detailed_status, Some(ShardDetailedStatus::Ok));
    assert_eq!(shard.bdb_uid, Some(1));
    assert_eq!(shard.node_uid.as_deref(), Some("1"));
    assert_eq!(
        shard
            .loading
            .as_ref()
            .and_then(|loading| loading.status.clone()),
        Some(ShardLoadingStatus::Idle)
    );
    let info = shard.redis_info.as_ref().unwrap();
    assert_eq!(info.connected_clients, Some(14));
    assert_eq!(info.used_memory_rss, Some(12263424));
    // An INFO key the spec does not type is kept.
    assert_eq!(info.unknown_fields["mem_fragmentation_ratio"], json!(1.5));
    assert_eq!(
        shard.unknown_fields["shard_future_field"],
        json!({"kept": true})
    );
}

#[tokio::test]
async fn a_database_shard_uid_may_be_a_string_or_a_number() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/bdbs/1/shards"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"uid": "1", "role": "master"},
            {"uid": 2, "role": "slave", "detailed_status": "unknown"}
        ])))
        .expect(1)
        .mount(&server)
        .await;

    let shards = client(&server).bdbs().shards_list(1).await.unwrap();

    assert_eq!(shards[0].uid, Some(ShardUid::String("1".into())));
    assert_eq!(shards[1].uid, Some(ShardUid::Integer(2)));
    assert_eq!(shards[1].role, Some(ShardRole::Slave));
    assert_eq!(
        shards[1].detailed_status,
        Some(ShardDetailedStatus::StatusUnknown)
    );
}

#[tokio::test]
async fn a_failover_answer_names_the_action_to_follow() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/shards/1/actions/failover"))
        .and(|request: &Request| request.body.is_empty())
        .respond_with(
            ResponseTemplate::new(200).set_body_json(action_json("Failover was triggered")),
        )
        .expect(1)
        .mount(&server)
        .await;

    let started = client(&server).shards().failover(1).await.unwrap();

    assert_eq!(
        started.action_uid.as_deref(),
        Some("e5e24ddf-a456-4a7e-ad53-4463cd44880e")
    );
    assert_eq!(
        started.description.as_deref(),
        Some("Failover was triggered")
    );
    assert_eq!(started.unknown_fields["future_field"], json!(7));
}

#[tokio::test]
async fn modules_and_migrations_decode_into_typed_members() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/modules"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            module_json(),
            {"uid": "2", "module_name": "CustomModule"}
        ])))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/migrations/1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(migration_json()))
        .expect(1)
        .mount(&server)
        .await;
    let api = client(&server);

    let modules = api.modules().list().await.unwrap();
    assert_eq!(modules[0].module_name, Some(ModuleName::Search));
    assert_eq!(modules[0].version, Some(20804));
    assert_eq!(
        modules[0]
            .crdb
            .as_ref()
            .and_then(|crdb| crdb.supported_featureset_versions.clone()),
        Some(vec![1, 2])
    );
    assert_eq!(
        modules[0].dependencies,
        Some(json!({"gears": {"url": "https://example.com/gears.zip"}}))
    );
    // A user-defined module's name is kept, though the spec lists only the bundled ones.
    assert_eq!(
        modules[1].module_name.as_ref().map(|name| name.as_str()),
        Some("CustomModule")
    );

    let migration = api.migrations().get(1).await.unwrap().migration.unwrap();
    assert_eq!(migration.status.as_deref(), Some("syncing"));
    assert_eq!(migration.rdb_transferred, Some(524288));
    let source = &migration.source_shards.as_ref().unwrap()[0];
    assert_eq!(source.replication_offset, Some(1200));
    assert_eq!(
        migration.error.and_then(|error| error.timestamp).as_deref(),
        Some("2019-08-24T14:15:22Z")
    );
    assert_eq!(migration.unknown_fields["future_field"], json!([1, 2]));
}

#[tokio::test]
async fn a_busy_database_refuses_a_failover_with_a_retryable_code() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/shards/actions/failover"))
        .respond_with(ResponseTemplate::new(409).set_body_json(json!({
            "error_code": "db_busy",
            "message": "Database is currently busy"
        })))
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server)
        .shards()
        .failover_many(["2"])
        .await
        .unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::CONFLICT));
    assert_eq!(error.error_code(), Some(ErrorCode::DbBusy));
    assert!(error.is_retryable());
}

#[tokio::test]
async fn a_module_config_error_keeps_its_documented_code() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/modules/config/bdb/3"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "error_code": "db_not_exist",
            "message": "Database 3 does not exist"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let request = ModuleConfigRequest {
        modules: Vec::new(),
        unknown_fields: Default::default(),
    };

    let error = client(&server)
        .modules()
        .config_bdb(3, request)
        .await
        .unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(error.error_code(), Some(ErrorCode::DbNotExist));
    assert!(!error.is_retryable());
}
