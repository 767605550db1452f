//! The generated permission table against the permissions page (through the committed extract), and
//! against the roles each request page lists for its permissions.

use std::collections::BTreeSet;

use redis_enterprise_client::models::{BuiltInRole, Permission};
use serde_json::Value;

fn extract(page: &str) -> Value {
    let path = format!("{}/../reference/{page}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn names(values: &Value) -> Vec<String> {
    values
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|value| value.as_str().map(str::to_owned))
        .collect()
}

#[test]
fn every_permission_has_the_roles_the_permissions_page_gives() {
    let page = extract("permissions");
    let tables = page["tables"].as_array().unwrap();
    let roles: BTreeSet<String> = tables[0]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|field| field["name"].as_str().unwrap().to_owned())
        .collect();
    let generated: BTreeSet<String> = BuiltInRole::ALL
        .iter()
        .map(|role| role.as_str().to_owned())
        .collect();
    assert_eq!(generated, roles);

    let permissions = tables[1]["fields"].as_array().unwrap();
    assert_eq!(Permission::ALL.len(), permissions.len());
    for field in permissions {
        let name = field["name"].as_str().unwrap();
        let permission =
            Permission::from_name(name).unwrap_or_else(|| panic!("`{name}` is not a Permission"));
        let holders: Vec<&str> = permission
            .roles()
            .iter()
            .map(|role| role.as_str())
            .collect();
        assert_eq!(holders, names(&field["roles"]), "roles of `{name}`");
    }
}

/// Request pages repeat, beside each operation's permission, the roles holding it: they agree with
/// the permissions page but for a few recorded slips.
#[test]
fn request_pages_agree_with_the_permissions_page() {
    let root = format!("{}/../reference/requests", env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![std::path::PathBuf::from(root)];
    let mut checked = 0;
    let mut disagreements = Vec::new();
    while let Some(path) = pages.pop() {
        if path.is_dir() {
            pages.extend(
                std::fs::read_dir(&path)
                    .unwrap()
                    .map(|entry| entry.unwrap().path()),
            );
            continue;
        }
        let page: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for operation in page["operations"].as_array().into_iter().flatten() {
            for permission in operation["permissions"].as_array().into_iter().flatten() {
                let listed = names(&permission["roles"]);
                let Some(name) = permission["name"].as_str() else {
                    continue;
                };
                let Some(known) = Permission::from_name(name) else {
                    continue;
                };
                if listed.is_empty() {
                    continue;
                }
                checked += 1;
                let holders: BTreeSet<String> = known
                    .roles()
                    .iter()
                    .map(|role| role.as_str().to_owned())
                    .collect();
                if holders != listed.iter().cloned().collect() {
                    disagreements.push(format!(
                        "{} {}: {name}: page {listed:?}, permissions page {holders:?}",
                        operation["method"].as_str().unwrap_or_default(),
                        operation["path"].as_str().unwrap_or_default()
                    ));
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} permissions checked");
    disagreements.sort();
    // Docs inconsistencies: these pages list other roles than the permissions page, which the
    // table follows.
    let known = [
        "DELETE /v1/cluster/sso: config_sso",
        "GET /v1/bdbs/{uid}/actions/recover: view_bdb_recovery_plan",
        "GET /v1/cluster/sso/saml/metadata/sp: view_sso",
        "GET /v1/cluster/sso: view_sso",
        "POST /v1/cluster/sso/saml/metadata/idp: config_sso",
        "PUT /v1/bdbs/{uid}/actions/rebalance: view_bdb_info",
        "PUT /v1/cluster/sso: config_sso",
    ];
    let found: Vec<&str> = disagreements
        .iter()
        .map(|line| {
            line.split_once(": page")
                .map_or(line.as_str(), |(at, _)| at)
        })
        .collect();
    assert_eq!(found, known, "{disagreements:#?}");
}

#[test]
fn a_program_can_ask_who_may_call_what() {
    assert_eq!(
        Permission::required_by("bdbs_create"),
        Some(&[Permission::CreateBdb][..])
    );
    assert_eq!(BuiltInRole::DbViewer.may_call("bdbs_get"), Some(true));
    assert_eq!(BuiltInRole::DbViewer.may_call("bdbs_delete"), Some(false));
    assert_eq!(BuiltInRole::Admin.may_call("bdbs_delete"), Some(true));
    assert_eq!(BuiltInRole::Admin.may_call("no_such_operation"), None);

    let viewer: BTreeSet<&str> = BuiltInRole::DbViewer.operations().collect();
    assert!(viewer.contains("bdbs_list") && !viewer.contains("bdbs_create"));
    assert_eq!(BuiltInRole::None.operations().count(), 0);
    assert!(Permission::CreateBdb
        .operations()
        .any(|id| id == "bdbs_create_v2"));
    assert!(BuiltInRole::Admin.permissions().count() == Permission::ALL.len());
}
