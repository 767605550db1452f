//! The spec against the REST API reference it transcribes: every documented status code, error code,
//! parameter and permission of the database requests page, and every field of the object pages, is in
//! the spec, in the documented order where order means something. A transcription slip fails here.
//!
//! The reference is read from `shared/redis-docs/rest-api/` beside the repository. When another page is
//! transcribed, add it to the tables below.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// Sections of `requests/bdbs/_index.md` (by anchor) and the operation each documents.
const BDBS_SECTIONS: &[(&str, &str, &str)] = &[
    ("get-all-bdbs", "get", "/v1/bdbs"),
    ("get-bdbs", "get", "/v1/bdbs/{uid}"),
    ("put-bdbs", "put", "/v1/bdbs/{uid}"),
    ("put-bdbs-action", "put", "/v1/bdbs/{uid}/{action}"),
    ("post-bdbs-v1", "post", "/v1/bdbs"),
    ("post-bdbs-v2", "post", "/v2/bdbs"),
    ("delete-bdbs", "delete", "/v1/bdbs/{uid}"),
];

/// Object pages whose tables each list the fields of one schema: page, table index, schema.
const OBJECT_TABLES: &[(&str, usize, &str)] = &[
    ("objects/bdb/_index.md", 0, "Bdb"),
    ("objects/bdb/audit_settings.md", 0, "AuditSettings"),
    ("objects/bdb/audit_settings.md", 1, "AuditUsernameFilter"),
    ("objects/bdb/audit_settings.md", 2, "AuditSourceIpFilter"),
    ("objects/bdb/probabilistic.md", 0, "ProbabilisticConfig"),
    (
        "objects/bdb/query_performance_factor.md",
        0,
        "QueryPerformanceFactor",
    ),
    ("objects/bdb/search.md", 0, "SearchConfig"),
    ("objects/bdb/snapshot_policy.md", 0, "SnapshotPolicy"),
    ("objects/bdb/syncer_sources.md", 0, "SyncerSource"),
    ("objects/bdb/timeseries.md", 0, "TimeseriesConfig"),
];

/// Location pages: a `type` table, then one table of keys per location kind, merged into one schema.
const LOCATION_PAGES: &[(&str, &str)] = &[
    ("objects/bdb/backup_location.md", "BackupLocation"),
    (
        "objects/bdb/dataset_import_sources.md",
        "DatasetImportSource",
    ),
];

/// Pages listing the values of one enum in their table's first column.
const ENUM_PAGES: &[(&str, &str)] = &[
    ("objects/bdb/status.md", "BdbStatus"),
    ("objects/bdb/replica_sync.md", "SyncState"),
    (
        "objects/bdb/replica_sources_status.md",
        "ReplicaSourceStatus",
    ),
];

fn reference(page: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/redis-docs/rest-api");
    let path: PathBuf = root.join(page);
    std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "the REST API reference is expected at {} ({error})",
            path.display()
        )
    })
}

/// The spec, as any serde value: `serde_yaml::Value` keeps the order of mappings, `serde_json::Value`
/// sorts them.
fn spec<T: serde::de::DeserializeOwned>() -> T {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/redis-enterprise.yaml");
    let spec = openapi_rust_generator::load::bundle(&path).unwrap_or_else(|d| panic!("{d}"));
    serde_yaml::from_value(spec).unwrap()
}

/// A Markdown table: the heading it is under and its body rows, cells as plain text.
struct Table {
    heading: String,
    rows: Vec<Vec<String>>,
}

fn tables(markdown: &str) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    let mut heading = String::new();
    let mut in_table = false;
    for line in markdown.lines() {
        let line = line.trim();
        if line.starts_with('#') {
            heading = line.trim_start_matches('#').trim().to_owned();
        }
        if !line.starts_with('|') {
            in_table = false;
            continue;
        }
        let cells: Vec<String> = line.trim_matches('|').split('|').map(plain).collect();
        if !in_table {
            // The header row; the separator row follows.
            tables.push(Table {
                heading: heading.clone(),
                rows: Vec::new(),
            });
            in_table = true;
        } else if !cells[0].starts_with("---") {
            tables.last_mut().unwrap().rows.push(cells);
        }
    }
    tables
}

/// A cell as text: link targets, HTML tags, quotes and entities removed.
fn plain(cell: &str) -> String {
    let mut text = String::new();
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => {
                for c in chars.by_ref() {
                    if c == '>' {
                        break;
                    }
                }
            }
            ']' if chars.peek() == Some(&'(') => {
                let mut depth = 0;
                for c in chars.by_ref() {
                    match c {
                        '(' => depth += 1,
                        ')' if depth == 1 => break,
                        ')' => depth -= 1,
                        _ => {}
                    }
                }
            }
            '[' | '\'' | '‘' | '’' | '`' | '*' => {}
            _ => text.push(c),
        }
    }
    text.replace("&nbsp;", " ").trim().to_owned()
}

/// The text of `## Title {#anchor}` sections, by anchor.
fn section<'a>(markdown: &'a str, anchor: &str) -> &'a str {
    let marker = format!("{{#{anchor}}}");
    let start = markdown
        .lines()
        .find(|line| line.starts_with("## ") && line.ends_with(&marker))
        .and_then(|line| markdown.find(line))
        .unwrap_or_else(|| panic!("no section {anchor}"));
    let rest = &markdown[start + 3..];
    let end = rest
        .find("\n## ")
        .map_or(markdown.len(), |end| start + 3 + end);
    &markdown[start..end]
}

fn first_column(tables: &[Table], heading: &str) -> Vec<String> {
    tables
        .iter()
        .filter(|table| table.heading.starts_with(heading))
        .flat_map(|table| table.rows.iter().map(|row| row[0].clone()))
        .collect()
}

/// Resolves a local `$ref` in the spec, once.
fn resolve<'a>(spec: &'a Value, value: &'a Value) -> &'a Value {
    match value["$ref"].as_str() {
        Some(reference) => reference
            .trim_start_matches("#/")
            .split('/')
            .fold(spec, |node, key| &node[key]),
        None => value,
    }
}

#[test]
fn the_bdbs_operations_have_every_documented_status_code_parameter_and_permission() {
    let page = reference("requests/bdbs/_index.md");
    let spec: Value = spec();
    for (anchor, method, path) in BDBS_SECTIONS {
        let tables = tables(section(&page, anchor));
        let item = &spec["paths"][path];
        let operation = &item[method];
        let here = format!("{} {path} (#{anchor})", method.to_uppercase());
        assert!(operation.is_object(), "{here} is missing from the spec");

        let statuses: BTreeSet<String> = operation["responses"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        for status in first_column(&tables, "Status codes") {
            let code: String = status.chars().take(3).collect();
            assert!(
                statuses.contains(&code),
                "{here}: documented status {status} is not a response"
            );
        }

        let documented_codes = first_column(&tables, "Error codes");
        let spec_codes: Vec<String> = operation["x-error-codes"]
            .as_array()
            .map(|codes| {
                codes
                    .iter()
                    .map(|code| code["code"].as_str().unwrap().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        if !documented_codes.is_empty() {
            assert_eq!(
                spec_codes, documented_codes,
                "{here}: x-error-codes differ from the page"
            );
        }

        let parameters: BTreeSet<String> = [&item["parameters"], &operation["parameters"]]
            .into_iter()
            .filter_map(Value::as_array)
            .flatten()
            .map(|parameter| {
                resolve(&spec, parameter)["name"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        for heading in ["Query parameters", "URL parameters"] {
            for name in first_column(&tables, heading) {
                assert!(
                    parameters.contains(&name),
                    "{here}: documented parameter {name} is missing"
                );
            }
        }

        let permissions = first_column(&tables, "Permissions");
        let spec_permissions: Vec<String> = operation["x-permissions"]
            .as_array()
            .map(|names| {
                names
                    .iter()
                    .map(|name| name.as_str().unwrap().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        if !permissions.is_empty() {
            assert_eq!(
                spec_permissions, permissions,
                "{here}: x-permissions differ from the page"
            );
        }
        assert!(!spec_permissions.is_empty(), "{here}: no x-permissions");
    }
}

#[test]
fn every_object_page_field_is_a_property_in_page_order() {
    let spec: serde_yaml::Value = spec();
    let ordered = |schema: &str| -> Vec<String> {
        spec["components"]["schemas"][schema]["properties"]
            .as_mapping()
            .unwrap_or_else(|| panic!("schema {schema} has no properties"))
            .keys()
            .map(|key| key.as_str().unwrap().to_owned())
            .collect()
    };
    for (page, index, schema) in OBJECT_TABLES {
        let tables = tables(&reference(page));
        let fields: Vec<String> = tables[*index]
            .rows
            .iter()
            .map(|row| row[0].clone())
            .collect();
        assert_eq!(
            ordered(schema),
            fields,
            "{schema} against {page}, table {index}"
        );
    }
    for (page, schema) in LOCATION_PAGES {
        let tables = tables(&reference(page));
        let mut keys = vec!["type".to_owned()];
        for table in &tables[1..] {
            for row in &table.rows {
                if !keys.contains(&row[0]) {
                    keys.push(row[0].clone());
                }
            }
        }
        let mut documented = keys.clone();
        documented.sort();
        let mut in_spec = ordered(schema);
        in_spec.sort();
        assert_eq!(in_spec, documented, "{schema} against {page}");
    }
}

#[test]
fn every_documented_enum_value_is_listed() {
    let spec: Value = spec();
    for (page, schema) in ENUM_PAGES {
        let documented: BTreeSet<String> = tables(&reference(page))[0]
            .rows
            .iter()
            .map(|row| row[0].clone())
            .collect();
        let listed: BTreeSet<String> = spec["components"]["schemas"][schema]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|value| value.as_str().unwrap().to_owned())
            .collect();
        assert_eq!(listed, documented, "{schema} against {page}");
    }
    let storage_types: BTreeSet<String> = tables(&reference("objects/bdb/backup_location.md"))[0]
        .rows
        .iter()
        .map(|row| row[1].replace('"', ""))
        .collect();
    let listed: BTreeSet<String> = spec["components"]["schemas"]["StorageLocationType"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|value| value.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        listed, storage_types,
        "StorageLocationType against backup_location.md"
    );
}
