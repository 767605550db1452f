//! Contract tests against Prism, a mock server that knows OpenAPI independently of this project.
//!
//! Prism runs from `spec/redis-enterprise.yaml` with `--errors`, so it answers a request that does not
//! conform to the spec with a 4xx explaining why, and checks its own responses against the spec too.
//! - Static mode: every operation of the client is called once with valid arguments and must succeed.
//! - Dynamic mode: Prism invents each response from the schemas, at random; every operation's responses
//!   must decode into the generated types, many times over to reach optional fields, enums and nesting.
//!
//! Prism is the version pinned in `tools/package-lock.json`. When `tools/node_modules` lacks it, the
//! harness runs `npm ci` there; if that is impossible, the tests fail and say so.

// Deprecated operations are still served, so they are tested like the others.
#![allow(deprecated)]

use std::collections::BTreeSet;
use std::fs::File;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use redis_enterprise_client::models::*;
use redis_enterprise_client::{Client, Error, Method, Upload};

/// How many responses each operation decodes in dynamic mode.
const DYNAMIC_ROUNDS: usize = 40;
/// How long Prism may take to start listening.
const STARTUP: Duration = Duration::from_secs(60);

fn tools_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tools")
}

fn spec_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/redis-enterprise.yaml")
}

/// The Prism executable, installed from the lockfile if it is not there yet.
fn prism_binary() -> PathBuf {
    static INSTALL: Mutex<()> = Mutex::new(());
    let _guard = INSTALL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let binary = tools_dir().join("node_modules/.bin/prism");
    if !binary.exists() {
        eprintln!("Prism is not installed; running `npm ci` in tools/");
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(tools_dir())
            .status();
        match status {
            Ok(status) if status.success() => {}
            other => panic!(
                "Prism is required by the contract tests but could not be installed (`npm ci` in tools/: \
                 {other:?}). Install Node.js 20.19 or later and run tools/install."
            ),
        }
    }
    assert!(
        binary.exists(),
        "`npm ci` did not install {}",
        binary.display()
    );
    binary
}

/// A Prism mock server on a free loopback port, stopped (with any process it started) when dropped.
struct Prism {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Prism {
    fn start(dynamic: bool) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = std::env::temp_dir().join(format!("prism-{}-{port}.log", std::process::id()));
        let output = File::create(&log).unwrap();
        let mut command = Command::new(prism_binary());
        command
            .args([
                "mock",
                "--host",
                "127.0.0.1",
                "--port",
                &port.to_string(),
                "--errors",
            ])
            .arg(spec_path())
            .stdin(Stdio::null())
            .stdout(output.try_clone().unwrap())
            .stderr(output)
            // Its own process group, so that stopping it stops whatever node starts underneath.
            .process_group(0);
        if dynamic {
            command.arg("--dynamic");
        }
        let child = command.spawn().expect("start Prism");
        let mut prism = Self { child, port, log };
        prism.wait_until_listening();
        prism
    }

    fn wait_until_listening(&mut self) {
        let deadline = Instant::now() + STARTUP;
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("Prism exited ({status}) before listening:\n{}", self.log());
            }
            assert!(
                Instant::now() < deadline,
                "Prism did not listen within {STARTUP:?}:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn client(&self) -> Client {
        Client::builder()
            .base_url(format!("http://127.0.0.1:{}", self.port))
            .basic_auth("admin@example.com", "password")
            .build()
            .unwrap()
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

/// The operation ids the spec declares.
fn spec_operation_ids() -> BTreeSet<String> {
    let spec = xtask::read_spec(&spec_path()).unwrap_or_else(|e| panic!("{e}"));
    let spec: serde_json::Value = serde_yaml::from_value(spec).unwrap();
    let mut ids = BTreeSet::new();
    for item in spec["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            if let Some(id) = operation["operationId"].as_str() {
                ids.insert(id.to_owned());
            }
        }
    }
    ids
}

/// What a result says, with the whole body of an API error (Prism explains validation failures there).
fn explain<T>(result: &Result<T, Error>) -> String {
    match result {
        Ok(_) => "ok".to_owned(),
        Err(Error::Api(api)) => format!("{api}\n{}", String::from_utf8_lossy(api.body())),
        Err(other) => other.to_string(),
    }
}

fn new_database() -> Bdb {
    Bdb {
        name: Some("contract-db".to_owned()),
        memory_size: Some(100 << 20),
        ..Bdb::default()
    }
}

/// What each call did, by operation id.
#[derive(Default)]
struct Outcomes(Vec<(&'static str, String, bool)>);

impl Outcomes {
    fn record<T>(&mut self, id: &'static str, result: Result<T, Error>) {
        self.0.push((id, explain(&result), result.is_ok()));
    }
}

/// Calls every operation once with valid arguments; returns, per operation id, what happened.
async fn call_every_operation(client: &Client) -> Vec<(&'static str, String, bool)> {
    let mut outcomes = Outcomes::default();
    call_bdbs(client, &mut outcomes).await;
    call_actions(client, &mut outcomes).await;
    call_debuginfo(client, &mut outcomes).await;
    call_bdbs_actions(client, &mut outcomes).await;
    call_crdbs(client, &mut outcomes).await;
    call_shards_modules(client, &mut outcomes).await;
    call_alerts_stats(client, &mut outcomes).await;
    call_ops(client, &mut outcomes).await;
    call_cluster(client, &mut outcomes).await;
    call_nodes(client, &mut outcomes).await;
    call_ldap_sso(client, &mut outcomes).await;
    call_users(client, &mut outcomes).await;
    outcomes.0
}

async fn call_bdbs(client: &Client, outcomes: &mut Outcomes) {
    let bdbs = client.bdbs();
    let change = Bdb {
        name: Some("renamed".to_owned()),
        ..Bdb::default()
    };
    let v2 = CreateBdbRequest {
        bdb: new_database(),
        recovery_plan: Some(RecoveryPlan::default()),
        unknown_fields: Default::default(),
    };
    let new = new_database();
    outcomes.record(
        "bdbs_list",
        bdbs.list().fields(["uid", "name"]).extended(true).await,
    );
    outcomes.record("bdbs_get", bdbs.get(1).fields(["uid"]).await);
    outcomes.record(
        "bdbs_update",
        bdbs.update(1, change.clone())
            .dry_run(true)
            .cluster_state_id(30)
            .await,
    );
    outcomes.record(
        "bdbs_update_with_action",
        bdbs.update_with_action(1, BdbAction::Flush, change).await,
    );
    outcomes.record(
        "bdbs_create",
        bdbs.create("contract-db", 100 << 20)
            .body(new)
            .dry_run(true)
            .await,
    );
    outcomes.record("bdbs_create_v2", bdbs.create_v2(v2).await);
    outcomes.record("bdbs_delete", bdbs.delete(1).await);
    outcomes.record("bdbs_debuginfo_all", bdbs.debuginfo_all().await);
    outcomes.record("bdbs_debuginfo", bdbs.debuginfo(1).await);
}

/// Debug-info archives, under every path that serves them.
async fn call_debuginfo(client: &Client, outcomes: &mut Outcomes) {
    let debuginfo = client.debuginfo();
    outcomes.record("debuginfo_all", debuginfo.all().await);
    outcomes.record("debuginfo_all_bdb", debuginfo.all_bdb(1).await);
    outcomes.record("debuginfo_node", debuginfo.node().await);
    outcomes.record("debuginfo_node_bdb", debuginfo.node_bdb(1).await);
    outcomes.record("nodes_debuginfo_all", client.nodes().debuginfo_all().await);
    outcomes.record("nodes_debuginfo", client.nodes().debuginfo(1).await);
    outcomes.record("cluster_debuginfo", client.cluster().debuginfo().await);
}

async fn call_actions(client: &Client, outcomes: &mut Outcomes) {
    let actions = client.actions();
    let uid = "159ca2f8-7bf3-4cda-97e8-4eb560665c28";
    outcomes.record("actions_list", actions.list().await);
    outcomes.record("actions_list_v2", actions.list_v2().await);
    outcomes.record("actions_get", actions.get(uid).await);
    outcomes.record("actions_get_v2", actions.get_v2(uid).await);
    outcomes.record("actions_list_for_bdb", actions.list_for_bdb(1).await);
}

async fn call_bdbs_actions(client: &Client, outcomes: &mut Outcomes) {
    let bdbs = client.bdbs();
    let location = BackupLocation {
        r#type: Some(StorageLocationType::Url),
        url: Some("ftp://backups.example.com/db1/".into()),
        ..BackupLocation::default()
    };
    let import = BdbImportRequest {
        dataset_import_sources: Some(vec![DatasetImportSource {
            r#type: Some(StorageLocationType::Url),
            url: Some("ftp://backups.example.com/db1.rdb.gz".into()),
            ..DatasetImportSource::default()
        }]),
        email_notification: Some(true),
        ..BdbImportRequest::default()
    };
    let plan = BdbRecoverRequest {
        data_files: Some(vec![RecoveryDataFile {
            filename: Some("appendonly-1.aof".to_owned()),
            node_uid: Some("1".to_owned()),
            shard_slots: Some("0-16383".to_owned()),
            ..RecoveryDataFile::default()
        }]),
        ignore_errors: Some(false),
        ..BdbRecoverRequest::default()
    };
    let revamp = BdbRevampRequest {
        replication: Some(true),
        shards_count: Some(2),
        shards_placement: Some(ShardsPlacement::Sparse),
        ..BdbRevampRequest::default()
    };
    let upgrade = BdbUpgradeRequest {
        preserve_roles: Some(true),
        redis_version: Some("7.4".to_owned()),
        ..BdbUpgradeRequest::default()
    };
    let search = BdbModuleConfig {
        module_name: BdbModuleConfigName::Search,
        module_args: "MINPREFIX 3".to_owned(),
        unknown_fields: Default::default(),
    };
    let rejson = ModuleUpgrade {
        module_name: Some("ReJSON".to_owned()),
        new_module: Some("aa3648d79bd4082d414587c42ea0b234".to_owned()),
        ..ModuleUpgrade::default()
    };
    let module_options = BdbModulesUpgradeRequest {
        preserve_roles: Some(true),
        ..BdbModulesUpgradeRequest::default()
    };
    outcomes.record(
        "bdbs_backup_reset_status",
        bdbs.backup_reset_status(1).await,
    );
    outcomes.record("bdbs_export", bdbs.export(1, location).await);
    outcomes.record(
        "bdbs_export_reset_status",
        bdbs.export_reset_status(1).await,
    );
    outcomes.record("bdbs_import", bdbs.import(1).body(import).await);
    outcomes.record(
        "bdbs_import_reset_status",
        bdbs.import_reset_status(1).await,
    );
    outcomes.record(
        "bdbs_optimize_shards_placement",
        bdbs.optimize_shards_placement(1)
            .avoid_nodes([2, 3])
            .shards_count(4)
            .shards_placement(ShardsPlacement::Dense)
            .await,
    );
    outcomes.record(
        "bdbs_rebalance",
        bdbs.rebalance(1).dry_run(true).only_failovers(true).await,
    );
    outcomes.record("bdbs_recovery_plan_get", bdbs.recovery_plan_get(1).await);
    outcomes.record("bdbs_recover", bdbs.recover(1).body(plan).await);
    outcomes.record("bdbs_resume_traffic", bdbs.resume_traffic(1).await);
    outcomes.record(
        "bdbs_revamp",
        bdbs.revamp(1, revamp).pause_persistence(true).await,
    );
    outcomes.record("bdbs_stop_traffic", bdbs.stop_traffic(1).await);
    outcomes.record(
        "bdbs_passwords_update",
        bdbs.passwords_update(1, "new password").await,
    );
    outcomes.record(
        "bdbs_passwords_add",
        bdbs.passwords_add(1, "password to add").await,
    );
    outcomes.record(
        "bdbs_passwords_delete",
        bdbs.passwords_delete(1, "password to delete").await,
    );
    outcomes.record("bdbs_upgrade", bdbs.upgrade(1, upgrade).await);
    outcomes.record(
        "bdbs_modules_config",
        bdbs.modules_config(1, [search]).await,
    );
    outcomes.record(
        "bdbs_modules_upgrade",
        bdbs.modules_upgrade(1, [rejson]).body(module_options).await,
    );
    outcomes.record("bdbs_syncer_state_get", bdbs.syncer_state_get(1).await);
    outcomes.record(
        "bdbs_syncer_state_crdt_get",
        bdbs.syncer_state_crdt_get(1).await,
    );
    outcomes.record(
        "bdbs_syncer_state_replica_get",
        bdbs.syncer_state_replica_get(1).await,
    );
}

async fn call_crdbs(client: &Client, outcomes: &mut Outcomes) {
    let crdbs = client.crdbs();
    let guid = "552bbccb-99f3-4142-bd17-93d245f0bc79";
    let new = Crdb {
        name: Some("contract-crdb".to_owned()),
        default_db_config: Some(CrdbDatabaseConfig {
            memory_size: Some(100 << 20),
            ..CrdbDatabaseConfig::default()
        }),
        ..Crdb::default()
    };
    let change = Crdb {
        encryption: Some(true),
        ..Crdb::default()
    };
    let modify = CrdbModifyRequest {
        remove_instances: Some(vec![2]),
        ..CrdbModifyRequest::default()
    };
    let upgrade = CrdbUpgradeRequest {
        redis_version: Some("8.2".to_owned()),
        ..CrdbUpgradeRequest::default()
    };
    outcomes.record("crdbs_list", crdbs.list().await);
    outcomes.record("crdbs_create", crdbs.create(new).dry_run(true).await);
    outcomes.record("crdbs_get", crdbs.get(guid).instance_id(1).await);
    outcomes.record("crdbs_update", crdbs.update(guid, change).await);
    outcomes.record("crdbs_delete", crdbs.delete(guid).await);
    outcomes.record("crdbs_flush", crdbs.flush(guid).async_flush(true).await);
    outcomes.record(
        "crdbs_health_report",
        crdbs.health_report(guid).instance_id(1).await,
    );
    outcomes.record("crdbs_purge", crdbs.purge(guid, [2]).await);
    outcomes.record(
        "crdbs_modify",
        crdbs.modify(guid, modify).dry_run(true).await,
    );
    outcomes.record("crdbs_upgrade", crdbs.upgrade(guid, upgrade).await);

    let tasks = client.crdb_tasks();
    let task = "e3a1f1b8-7b1c-4d5e-9a2b-0c1d2e3f4a5b";
    outcomes.record("crdb_tasks_list", tasks.list().await);
    outcomes.record("crdb_tasks_get", tasks.get(task).verbose(true).await);
    outcomes.record("crdb_tasks_cancel", tasks.cancel(task).force(false).await);
}

async fn call_shards_modules(client: &Client, outcomes: &mut Outcomes) {
    let shards = client.shards();
    outcomes.record(
        "shards_list",
        shards
            .list()
            .extra_info_keys(["used_memory_rss", "connected_clients"])
            .await,
    );
    outcomes.record(
        "shards_get",
        shards.get(1).extra_info_keys(["used_memory_rss"]).await,
    );
    let failover_options = ShardsFailoverRequest {
        dry_run: Some(true),
        ..ShardsFailoverRequest::default()
    };
    outcomes.record(
        "shards_failover_many",
        shards
            .failover_many(["2", "4"])
            .body(failover_options)
            .await,
    );
    let failover = ShardFailoverRequest {
        force_rebind: Some(true),
        ..ShardFailoverRequest::default()
    };
    outcomes.record("shards_failover", shards.failover(1).body(failover).await);
    let migrate_options = ShardsMigrateRequest {
        preserve_roles: Some(true),
        max_concurrent_bdb_migrations: Some(3),
        ..ShardsMigrateRequest::default()
    };
    outcomes.record(
        "shards_migrate_many",
        shards
            .migrate_many(["2", "4"], 9)
            .body(migrate_options)
            .await,
    );
    let migrate_options = ShardMigrateRequest {
        override_rack_policy: Some(false),
        ..ShardMigrateRequest::default()
    };
    outcomes.record(
        "shards_migrate",
        shards.migrate(1, 9).body(migrate_options).await,
    );
    outcomes.record(
        "bdbs_shards_list",
        client
            .bdbs()
            .shards_list(1)
            .extra_info_keys(["connected_clients"])
            .await,
    );
    outcomes.record("migrations_get", client.migrations().get(1).await);

    let modules = client.modules();
    let uid = "1952fcf9a5109fb59e61b1ad4d7e2d88";
    outcomes.record("modules_list", modules.list().await);
    outcomes.record("modules_get", modules.get(uid).await);
    let config = ModuleConfigRequest {
        modules: vec![ModuleConfigEntry {
            module_name: ModuleConfigName::Search,
            module_args: "MINPREFIX 3 MAXEXPANSIONS 1000".to_owned(),
            unknown_fields: Default::default(),
        }],
        unknown_fields: Default::default(),
    };
    outcomes.record("modules_config_bdb", modules.config_bdb(1, config).await);
    outcomes.record(
        "modules_user_defined_artifacts_list",
        modules.user_defined_artifacts_list().await,
    );
    let module = CreateUserDefinedModuleRequest {
        module_name: "TestModule".to_owned(),
        version: 1,
        semantic_version: "0.0.1".to_owned(),
        display_name: "test module".to_owned(),
        commands: vec![ModuleCommand {
            command_name: Some("test.cmd".to_owned()),
            command_arity: Some(-1),
            ..ModuleCommand::default()
        }],
        command_line_args: String::new(),
        capabilities: vec!["list".to_owned()],
        min_redis_version: "7.2".to_owned(),
        unknown_fields: Default::default(),
    };
    outcomes.record(
        "modules_user_defined_create",
        modules.user_defined_create(module).await,
    );
    outcomes.record(
        "modules_user_defined_delete",
        modules.user_defined_delete(uid).await,
    );
    outcomes.record(
        "modules_user_defined_artifacts_upload",
        modules
            .user_defined_artifacts_upload(Upload::from_bytes("module.zip", &b"PK\x03\x04"[..]))
            .await,
    );
    outcomes.record(
        "modules_user_defined_artifacts_delete",
        modules.user_defined_artifacts_delete("TestModule", 1).await,
    );
}

async fn call_alerts_stats(client: &Client, outcomes: &mut Outcomes) {
    let bdbs = client.bdbs();
    let settings = DbAlertsSettings {
        bdb_size: Some(BdbAlertSettingsWithThreshold {
            enabled: Some(true),
            threshold: Some("80".to_owned()),
            ..BdbAlertSettingsWithThreshold::default()
        }),
        ..DbAlertsSettings::default()
    };
    let (stime, etime) = ("2014-08-28T10:00:00Z", "2014-08-28T11:00:00Z");
    outcomes.record("bdbs_alerts_list", bdbs.alerts_list().await);
    outcomes.record(
        "bdbs_alerts_list_for_bdb",
        bdbs.alerts_list_for_bdb(1).await,
    );
    outcomes.record(
        "bdbs_alerts_update",
        bdbs.alerts_update(1, settings).dry_run(true).await,
    );
    outcomes.record("bdbs_alerts_get", bdbs.alerts_get(1, "bdb_size").await);
    outcomes.record(
        "bdbs_crdt_sources_alerts_list",
        bdbs.crdt_sources_alerts_list().await,
    );
    outcomes.record(
        "bdbs_crdt_sources_alerts_list_for_bdb",
        bdbs.crdt_sources_alerts_list_for_bdb(1).await,
    );
    outcomes.record(
        "bdbs_crdt_sources_alerts_list_for_source",
        bdbs.crdt_sources_alerts_list_for_source(1, 2).await,
    );
    outcomes.record(
        "bdbs_crdt_sources_alerts_get",
        bdbs.crdt_sources_alerts_get(1, 2, "crdt_src_syncer_connection_error")
            .await,
    );
    outcomes.record(
        "bdbs_replica_sources_alerts_list",
        bdbs.replica_sources_alerts_list().await,
    );
    outcomes.record(
        "bdbs_replica_sources_alerts_list_for_bdb",
        bdbs.replica_sources_alerts_list_for_bdb(1).await,
    );
    outcomes.record(
        "bdbs_replica_sources_alerts_list_for_source",
        bdbs.replica_sources_alerts_list_for_source(1, 2).await,
    );
    outcomes.record(
        "bdbs_replica_sources_alerts_get",
        bdbs.replica_sources_alerts_get(1, 2, "replica_src_syncer_connection_error")
            .await,
    );
    outcomes.record(
        "bdbs_stats_list",
        bdbs.stats_list()
            .interval(StatsInterval::OneHour)
            .stime(stime)
            .etime(etime)
            .await,
    );
    outcomes.record(
        "bdbs_stats_get",
        bdbs.stats_get(1).interval(StatsInterval::OneHour).await,
    );
    outcomes.record(
        "bdbs_stats_last_list",
        bdbs.stats_last_list()
            .metrics(["no_of_keys", "used_memory"])
            .await,
    );
    outcomes.record(
        "bdbs_stats_last_get",
        bdbs.stats_last_get(1).metrics(["no_of_keys"]).await,
    );
    outcomes.record(
        "bdbs_peer_stats_list",
        bdbs.peer_stats_list(1)
            .interval(StatsInterval::FiveMinutes)
            .await,
    );
    outcomes.record(
        "bdbs_peer_stats_get",
        bdbs.peer_stats_get(1, 3).stime(stime).etime(etime).await,
    );
    outcomes.record(
        "bdbs_sync_source_stats_list",
        bdbs.sync_source_stats_list(1)
            .interval(StatsInterval::FiveMinutes)
            .await,
    );
    outcomes.record(
        "bdbs_sync_source_stats_get",
        bdbs.sync_source_stats_get(1, 1).stime(stime).await,
    );
    let shards = client.shards();
    outcomes.record(
        "shards_stats_list",
        shards
            .stats_list()
            .parent_uid(1)
            .interval(StatsInterval::OneSecond)
            .stime(stime)
            .etime(etime)
            .metrics(["used_memory", "no_of_keys"])
            .await,
    );
    outcomes.record(
        "shards_stats_get",
        shards.stats_get(1).interval(StatsInterval::OneHour).await,
    );
    outcomes.record(
        "shards_stats_last_list",
        shards
            .stats_last_list()
            .interval(StatsInterval::OneSecond)
            .await,
    );
    outcomes.record(
        "shards_stats_last_get",
        shards.stats_last_get(1).stime(stime).etime(etime).await,
    );
    outcomes.record(
        "endpoints_stats_list",
        client
            .endpoints()
            .stats_list()
            .interval(StatsInterval::TenSeconds)
            .await,
    );
}

/// The usage report is NDJSON (`application/x-ndjson`, with the record as its schema), which Prism
/// cannot produce: once the request has passed its validation, it answers 500 "Cannot find serializer
/// for application/x-ndjson". That answer counts as success here, since it means Prism accepted the
/// request; any other failure (a request Prism refuses is a 4xx) still fails. The decoding of the
/// records is tested in `client_ops.rs`.
fn unless_ndjson_unmockable<T>(result: Result<T, Error>) -> Result<(), Error> {
    match result {
        Err(Error::Api(api))
            if api.status().as_u16() == 500
                && String::from_utf8_lossy(api.body())
                    .contains("Cannot find serializer for application/x-ndjson") =>
        {
            Ok(())
        }
        other => other.map(|_| ()),
    }
}

/// Bootstrap, license, event log, settings objects, OCSP, usage report and diagnostics.
async fn call_ops(client: &Client, outcomes: &mut Outcomes) {
    let bootstrap = client.bootstrap();
    let join = Bootstrap {
        action: Some(BootstrapAction::JoinCluster),
        cluster: Some(BootstrapClusterIdentity {
            nodes: Some(vec!["10.0.0.1".to_owned()]),
            ..BootstrapClusterIdentity::default()
        }),
        credentials: Some(BootstrapCredentials {
            username: Some("admin@example.com".to_owned()),
            password: Some("password".into()),
            ..BootstrapCredentials::default()
        }),
        node: Some(BootstrapNodeIdentity {
            identity: Some(BootstrapIdentity {
                addr: Some("10.0.0.2".to_owned()),
                rack_id: Some("rack-1".to_owned()),
                ..BootstrapIdentity::default()
            }),
            paths: Some(BootstrapPaths {
                persistent_path: Some("/var/opt/redislabs/persist".to_owned()),
                ..BootstrapPaths::default()
            }),
            ..BootstrapNodeIdentity::default()
        }),
        ..Bootstrap::default()
    };
    outcomes.record("bootstrap_get", bootstrap.get().await);
    outcomes.record(
        "bootstrap_start",
        bootstrap
            .start(BootstrapAction::JoinCluster, join.clone())
            .await,
    );
    outcomes.record(
        "bootstrap_validate",
        bootstrap.validate(BootstrapAction::JoinCluster, join).await,
    );

    let license = client.license();
    outcomes.record("license_get", license.get().await);
    outcomes.record(
        "license_update",
        license
            .update("----- LICENSE START -----\n...\n----- LICENSE END -----\n")
            .await,
    );
    outcomes.record(
        "logs_list",
        client
            .logs()
            .list()
            .stime("2014-08-29T11:00:00Z")
            .etime("2014-08-29T12:00:00Z")
            .order(LogOrder::Desc)
            .limit(100)
            .offset(200)
            .await,
    );
    let cm_settings = CmSettings {
        timezone: Some("US/Pacific".to_owned()),
        ..CmSettings::default()
    };
    outcomes.record("cm_settings_get", client.cm_settings().get().await);
    outcomes.record(
        "cm_settings_update",
        client.cm_settings().update(cm_settings).await,
    );
    let jobs = JobScheduler {
        backup_job_settings: Some(BackupJobSettings {
            cron_expression: Some("*/10 * * * *".to_owned()),
            enabled: Some(true),
            ..BackupJobSettings::default()
        }),
        ..JobScheduler::default()
    };
    outcomes.record("job_scheduler_get", client.job_scheduler().get().await);
    outcomes.record(
        "job_scheduler_update",
        client.job_scheduler().update(jobs).await,
    );
    outcomes.record(
        "jsonschema_get",
        client.jsonschema().get().object("bdb").await,
    );

    let ocsp = client.ocsp();
    let ocsp_config = Ocsp {
        ocsp_functionality: Some(true),
        query_frequency: Some(3800),
        ..Ocsp::default()
    };
    outcomes.record("ocsp_get", ocsp.get().await);
    outcomes.record("ocsp_update", ocsp.update(ocsp_config).await);
    outcomes.record("ocsp_status", ocsp.status().await);
    outcomes.record("ocsp_test", ocsp.test().await);
    outcomes.record(
        "usage_report_get",
        unless_ndjson_unmockable(client.usage_report().get().await),
    );

    let diagnostics = Diagnostics {
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
    outcomes.record("diagnostics_get", client.diagnostics().get().await);
    outcomes.record(
        "diagnostics_update",
        client.diagnostics().update(diagnostics).await,
    );
    let metrics = MetricsConfig {
        expose_db_tags: Some(true),
        metrics_tag_keys_exposed: Some(vec!["env".to_owned(), "team".to_owned()]),
        ..MetricsConfig::default()
    };
    outcomes.record("metrics_config_get", client.metrics_config().get().await);
    outcomes.record(
        "metrics_config_update",
        client.metrics_config().update(metrics).await,
    );
}

/// A certificate and its key, in PEM format, as the cluster certificates page sends them.
fn new_certificate(name: CertificateName) -> Certificate {
    Certificate {
        name,
        certificate: "-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----".to_owned(),
        key: Some("-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----".into()),
        unknown_fields: Default::default(),
    }
}

async fn call_cluster(client: &Client, outcomes: &mut Outcomes) {
    let cluster = client.cluster();
    let settings = Cluster {
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
        min_control_tls_version: Some(TlsVersion::Tls1_2),
        ..Cluster::default()
    };
    let auditing = DbConnsAuditingConfig {
        audit_address: Some("127.0.0.1".to_owned()),
        audit_port: Some(12345),
        audit_protocol: Some(DbConnsAuditingConfigAuditProtocol::Tcp),
        ..DbConnsAuditingConfig::default()
    };
    let policy = ClusterSettings {
        default_shards_placement: Some(ClusterSettingsDefaultShardsPlacement::Sparse),
        default_sharded_proxy_policy: Some(ProxyPolicy::AllNodes),
        ..ClusterSettings::default()
    };
    let services = ServicesConfiguration {
        cm_server: Some(ServiceConfig {
            operating_mode: Some(ServiceConfigOperatingMode::Disabled),
            ..ServiceConfig::default()
        }),
        ..ServicesConfiguration::default()
    };
    let certificates = UpdateClusterCertificatesRequest {
        certificates: vec![
            new_certificate(CertificateName::Proxy),
            new_certificate(CertificateName::Api),
        ],
        unknown_fields: Default::default(),
    };
    let change_master = ClusterActionRequest {
        node_uid: Some("2".to_owned()),
        ..ClusterActionRequest::default()
    };
    let rotate = CertificateRotateRequest {
        name: Some("ccs_internode_encryption".to_owned()),
        ..CertificateRotateRequest::default()
    };
    let algorithm = PasswordHashingAlgorithmRequest {
        algorithm: PasswordHashingAlgorithm::Pbkdf2,
        unknown_fields: Default::default(),
    };
    let (stime, etime) = ("2015-10-14T06:44:00Z", "2015-10-14T07:44:00Z");
    outcomes.record("cluster_get", cluster.get().await);
    outcomes.record(
        "cluster_update",
        cluster.update(settings).dry_run(true).await,
    );
    outcomes.record("cluster_actions_list", cluster.actions_list().await);
    outcomes.record(
        "cluster_actions_get",
        cluster.actions_get("change_master").await,
    );
    outcomes.record(
        "cluster_actions_start",
        cluster
            .actions_start("change_master")
            .body(change_master)
            .await,
    );
    outcomes.record(
        "cluster_actions_cancel",
        cluster.actions_cancel("change_master").await,
    );
    outcomes.record(
        "cluster_alerts_list",
        cluster.alerts_list().ignore_settings(true).await,
    );
    outcomes.record(
        "cluster_alerts_get",
        cluster
            .alerts_get("cluster_too_few_nodes_for_replication")
            .await,
    );
    outcomes.record(
        "cluster_auditing_db_conns_get",
        cluster.auditing_db_conns_get().await,
    );
    outcomes.record(
        "cluster_auditing_db_conns_update",
        cluster.auditing_db_conns_update(auditing).await,
    );
    outcomes.record(
        "cluster_auditing_db_conns_delete",
        cluster.auditing_db_conns_delete().await,
    );
    outcomes.record("cluster_certificates_get", cluster.certificates_get().await);
    outcomes.record(
        "cluster_certificates_update",
        cluster.certificates_update(certificates).await,
    );
    outcomes.record(
        "cluster_update_cert",
        cluster
            .update_cert(UpdateCertRequest {
                name: CertificateName::Syncer.as_str().to_owned(),
                certificate: "-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----"
                    .to_owned(),
                key: Some("-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----".into()),
                unknown_fields: Default::default(),
            })
            .await,
    );
    outcomes.record(
        "cluster_certificates_delete",
        cluster.certificates_delete("ldap_client").await,
    );
    outcomes.record(
        "cluster_certificates_rotate",
        cluster.certificates_rotate().body(rotate).await,
    );
    outcomes.record(
        "cluster_change_password_hashing_algorithm",
        cluster.change_password_hashing_algorithm(algorithm).await,
    );
    outcomes.record(
        "cluster_module_capabilities",
        cluster.module_capabilities().await,
    );
    outcomes.record("cluster_policy_get", cluster.policy_get().await);
    outcomes.record("cluster_policy_update", cluster.policy_update(policy).await);
    outcomes.record(
        "cluster_services_configuration_get",
        cluster.services_configuration_get().await,
    );
    outcomes.record(
        "cluster_services_configuration_update",
        cluster.services_configuration_update(services).await,
    );
    outcomes.record(
        "cluster_stats",
        cluster
            .stats()
            .interval(StatsInterval::OneHour)
            .stime(stime)
            .etime(etime)
            .await,
    );
    outcomes.record(
        "cluster_stats_last",
        cluster
            .stats_last()
            .interval(StatsInterval::OneSecond)
            .stime(stime)
            .await,
    );
}

async fn call_nodes(client: &Client, outcomes: &mut Outcomes) {
    let nodes = client.nodes();
    let (stime, etime) = ("2014-08-28T10:00:00Z", "2014-08-28T11:00:00Z");
    outcomes.record("nodes_list", nodes.list().await);
    outcomes.record("nodes_get", nodes.get(1).await);
    let change = Node {
        addr: Some("10.0.0.1".to_owned()),
        external_addr: Some(vec!["192.0.2.24".to_owned()]),
        ..Node::default()
    };
    outcomes.record("nodes_update", nodes.update(1, change).await);
    outcomes.record("nodes_actions_list", nodes.actions_list().await);
    outcomes.record(
        "nodes_actions_list_for_node",
        nodes.actions_list_for_node(1).await,
    );
    outcomes.record(
        "nodes_actions_get",
        nodes.actions_get(1, NodeActionName::MaintenanceOn).await,
    );
    let options = NodeActionRequest {
        overwrite_snapshot: Some(true),
        evict_dbs: Some(vec!["1".to_owned(), "3".to_owned()]),
        ..NodeActionRequest::default()
    };
    outcomes.record(
        "nodes_actions_start",
        nodes
            .actions_start(1, NodeActionName::MaintenanceOn, options)
            .await,
    );
    outcomes.record(
        "nodes_actions_cancel",
        nodes.actions_cancel(1, NodeActionName::Remove).await,
    );
    outcomes.record(
        "nodes_alerts_list",
        nodes.alerts_list().ignore_settings(true).await,
    );
    outcomes.record(
        "nodes_alerts_list_for_node",
        nodes.alerts_list_for_node(1).await,
    );
    outcomes.record(
        "nodes_alerts_get",
        nodes
            .alerts_get(1, "node_cpu_utilization")
            .ignore_settings(false)
            .await,
    );
    outcomes.record("nodes_check", nodes.check(1).await);
    outcomes.record("nodes_snapshots_list", nodes.snapshots_list(1).await);
    outcomes.record(
        "nodes_snapshots_delete",
        nodes.snapshots_delete(1, "nightly_snapshot_19").await,
    );
    outcomes.record(
        "nodes_stats_list",
        nodes
            .stats_list()
            .interval(StatsInterval::OneHour)
            .stime(stime)
            .etime(etime)
            .await,
    );
    outcomes.record(
        "nodes_stats_get",
        nodes.stats_get(1).interval(StatsInterval::OneSecond).await,
    );
    outcomes.record(
        "nodes_stats_last_list",
        nodes
            .stats_last_list()
            .interval(StatsInterval::OneSecond)
            .stime(stime)
            .await,
    );
    outcomes.record(
        "nodes_stats_last_get",
        nodes
            .stats_last_get(1)
            .interval(StatsInterval::OneSecond)
            .await,
    );
    outcomes.record("nodes_status_list", nodes.status_list().await);
    outcomes.record("nodes_status_get", nodes.status_get(1).await);
    outcomes.record("cluster_check", client.cluster().check().await);
    let bdbs = client.bdbs();
    outcomes.record(
        "bdbs_local_endpoint_availability",
        bdbs.local_endpoint_availability(1)
            .extend_check([AvailabilityCheck::Lag])
            .availability_lag_tolerance_ms(100)
            .await,
    );
    outcomes.record(
        "bdbs_availability",
        bdbs.availability(1)
            .extend_check([AvailabilityCheck::Lag])
            .await,
    );
    outcomes.record(
        "node_master_healthcheck",
        client.node().master_healthcheck().await,
    );
    let services = client.services();
    outcomes.record("services_list_local", services.list_local().await);
    outcomes.record(
        "services_control_local",
        services
            .control_local(ServiceOperationType::Restart, ["alert_mgr"])
            .await,
    );
    outcomes.record(
        "services_control",
        services
            .control(
                ServiceOperationType::Stop,
                ["alert_mgr", "metrics_exporter"],
            )
            .await,
    );
    let proxies = client.proxies();
    let threads = Proxy {
        threads: Some(8),
        max_threads: Some(12),
        ..Proxy::default()
    };
    let restart = ProxyUpdateRequest {
        allow_restart: Some(true),
        ..ProxyUpdateRequest::default()
    };
    outcomes.record("proxies_list", proxies.list().await);
    outcomes.record("proxies_get", proxies.get(1).await);
    outcomes.record(
        "proxies_update",
        proxies
            .update(1, threads.clone())
            .body(restart.clone())
            .await,
    );
    outcomes.record(
        "proxies_update_all",
        proxies.update_all(threads).body(restart).await,
    );
    outcomes.record("suffix_get", client.suffix().get("cluster.fqdn").await);
    outcomes.record("suffixes_list", client.suffixes().list().await);
}

async fn call_ldap_sso(client: &Client, outcomes: &mut Outcomes) {
    let mappings = client.ldap_mappings();
    let mapping = LdapMapping {
        name: Some("Admins".to_owned()),
        dn: Some("OU=ops.group,DC=redislabs,DC=com".to_owned()),
        email: Some("ops.group@redislabs.com".to_owned()),
        role_uids: Some(vec![1]),
        ..LdapMapping::default()
    };
    let change = LdapMapping {
        email_alerts: Some(true),
        bdbs_email_alerts: Some(vec!["1".to_owned(), "2".to_owned()]),
        ..LdapMapping::default()
    };
    outcomes.record("ldap_mappings_list", mappings.list().await);
    outcomes.record("ldap_mappings_create", mappings.create(mapping).await);
    outcomes.record("ldap_mappings_get", mappings.get(17).await);
    outcomes.record("ldap_mappings_update", mappings.update(17, change).await);
    outcomes.record("ldap_mappings_delete", mappings.delete(17).await);

    let cluster = client.cluster();
    let ldap = Ldap {
        uris: Some(vec!["ldap://ldap.example.org:389".to_owned()]),
        bind_dn: Some("rl_admin".to_owned()),
        bind_pass: Some("secret".into()),
        user_dn_query: Some(LdapQuery {
            base: Some("DC=example,DC=org".to_owned()),
            filter: Some("(&(objectClass=Person)(cn=%u))".to_owned()),
            scope: Some(LdapQueryScope::Subtree),
            ..LdapQuery::default()
        }),
        dn_group_attr: Some("MemberOf".to_owned()),
        directory_timeout_s: Some(5),
        ..Ldap::default()
    };
    let sso = Sso {
        control_plane: Some(false),
        protocol: Some(SsoProtocol::Saml2),
        issuer: Some(SsoIssuer {
            id: Some("urn:sso:example:idp".to_owned()),
            login_url: Some("https://idp.example.com/sso/saml".to_owned()),
            ..SsoIssuer::default()
        }),
        ..Sso::default()
    };
    let metadata = SsoIdpMetadataRequest {
        idp_metadata: "PD94bWwgdmVyc2lvbj0iMS4wIj8+".to_owned(),
        unknown_fields: Default::default(),
    };
    outcomes.record("cluster_ldap_get", cluster.ldap_get().await);
    outcomes.record("cluster_ldap_update", cluster.ldap_update(ldap).await);
    outcomes.record("cluster_ldap_delete", cluster.ldap_delete().await);
    outcomes.record("cluster_sso_get", cluster.sso_get().await);
    outcomes.record("cluster_sso_update", cluster.sso_update(sso).await);
    outcomes.record("cluster_sso_delete", cluster.sso_delete().await);
    outcomes.record(
        "cluster_sso_saml_sp_metadata_get",
        cluster.sso_saml_sp_metadata_get().await,
    );
    outcomes.record(
        "cluster_sso_saml_idp_metadata_upload",
        cluster.sso_saml_idp_metadata_upload(metadata).await,
    );
}

/// Users, their passwords and tokens, roles and Redis ACLs.
async fn call_users(client: &Client, outcomes: &mut Outcomes) {
    let users = client.users();
    let user = User {
        name: Some("Pat Doe".to_owned()),
        email_alerts: Some(true),
        bdbs_email_alerts: Some(vec!["1".to_owned(), "2".to_owned()]),
        role_uids: Some(vec![3, 4]),
        auth_method: Some(UserAuthMethod::Regular),
        ..User::default()
    };
    outcomes.record("users_list", users.list().await);
    outcomes.record("users_get", users.get(1).await);
    outcomes.record(
        "users_create",
        users
            .create("newuser@example.com", "my-password")
            .body(user.clone())
            .dry_run(true)
            .await,
    );
    outcomes.record("users_update", users.update(1, user).dry_run(true).await);
    outcomes.record("users_delete", users.delete(1).await);
    let someone = UserNewPassword {
        username: Some("user@example.com".to_owned()),
        ..UserNewPassword::default()
    };
    outcomes.record(
        "users_password_update",
        users.password_update("new-password").body(someone).await,
    );
    outcomes.record("users_password_add", users.password_add("another").await);
    outcomes.record(
        "users_password_delete",
        users.password_delete("old-password").await,
    );
    let ttl = JwtAuthorize {
        ttl: Some(3600),
        ..JwtAuthorize::default()
    };
    outcomes.record("users_authorize", users.authorize().body(ttl).await);
    let ttl = JwtRefreshRequest {
        ttl: Some(600),
        ..JwtRefreshRequest::default()
    };
    outcomes.record("users_refresh_jwt", users.refresh_jwt().body(ttl).await);

    let roles = client.roles();
    let role = Role {
        name: Some("DBA".to_owned()),
        management: Some(RoleManagement::DbMember),
        resources: Some(vec![RoleResource {
            r#type: Some(RoleResourceType::Db),
            uids: Some(vec!["1".to_owned()]),
            ..RoleResource::default()
        }]),
        ..Role::default()
    };
    outcomes.record("roles_list", roles.list().await);
    outcomes.record("roles_get", roles.get(17).await);
    outcomes.record(
        "roles_create",
        roles.create(role.clone()).dry_run(true).await,
    );
    outcomes.record("roles_update", roles.update(17, role).await);
    outcomes.record("roles_delete", roles.delete(17).await);

    let acls = client.redis_acls();
    let acl = RedisAcl {
        name: Some("Geo".to_owned()),
        acl: Some("~* +@geo".to_owned()),
        ..RedisAcl::default()
    };
    outcomes.record("redis_acls_list", acls.list().await);
    outcomes.record("redis_acls_get", acls.get(17).await);
    outcomes.record(
        "redis_acls_create",
        acls.create(acl.clone()).dry_run(true).await,
    );
    outcomes.record("redis_acls_update", acls.update(17, acl).await);
    outcomes.record("redis_acls_delete", acls.delete(17).await);
}

#[tokio::test]
async fn every_operation_is_a_request_prism_accepts() {
    let prism = Prism::start(false);
    let outcomes = call_every_operation(&prism.client()).await;

    let called: BTreeSet<String> = outcomes.iter().map(|(id, _, _)| (*id).to_owned()).collect();
    assert_eq!(
        called,
        spec_operation_ids(),
        "every operation of the spec is called here"
    );
    let failures: Vec<String> = outcomes
        .iter()
        .filter(|(_, _, ok)| !ok)
        .map(|(id, outcome, _)| format!("{id}: {outcome}"))
        .collect();
    assert!(
        failures.is_empty(),
        "Prism rejected:\n{}\n\nPrism log:\n{}",
        failures.join("\n"),
        prism.log()
    );
}

#[tokio::test]
async fn prism_rejects_a_request_that_breaks_the_spec() {
    let prism = Prism::start(false);
    // The typed client cannot send a string `memory_size`; a raw request can.
    let wrong = serde_json::json!({"name": "contract-db", "memory_size": "a lot"});

    let result = prism
        .client()
        .raw(Method::POST, "/v1/bdbs")
        .json(&wrong)
        .send::<serde_json::Value>()
        .await;

    let status = result.as_ref().err().and_then(Error::status);
    assert!(
        status.is_some_and(|status| status.is_client_error()),
        "a string memory_size must be refused, got: {}",
        explain(&result)
    );
}

#[tokio::test]
async fn random_responses_decode_into_the_generated_types() {
    let prism = Prism::start(true);
    let client = prism.client();
    for round in 0..DYNAMIC_ROUNDS {
        for (id, outcome, ok) in call_every_operation(&client).await {
            assert!(
                ok,
                "round {round}, {id}: {outcome}\n\nPrism log:\n{}",
                prism.log()
            );
        }
    }
}
