//! The spec against the committed extract of the REST API reference (`reference/`, written by
//! `cargo xtask reference`): every operation and schema that names a page in `x-reference` holds the
//! page's facts. The rules are in `xtask::reference::crosscheck`; this test runs them, and shows they
//! catch the slips they exist for.

use serde_yaml::Value;
use xtask::reference::{crosscheck, Reference, EXTRACT_DIR};

fn reference() -> Reference {
    Reference::load(&xtask::repository_root().join(EXTRACT_DIR)).unwrap()
}

fn spec() -> Value {
    xtask::read_spec(&xtask::Codegen::default().spec).unwrap()
}

#[test]
fn every_referenced_operation_and_schema_matches_its_page() {
    let report = crosscheck::check(&spec(), &reference());
    assert!(
        report.problems.is_empty(),
        "the spec differs from the reference:\n{}",
        report.problems.join("\n")
    );
    // Not vacuous: the database pages are held against the extract.
    assert!(
        report.coverage.operations.covered >= 7,
        "{}",
        report.coverage
    );
    assert!(report.coverage.fields.covered >= 300, "{}", report.coverage);
}

/// The value at `path` (mapping keys, or sequence indexes written as numbers).
fn at<'v>(value: &'v mut Value, path: &[&str]) -> &'v mut Value {
    path.iter()
        .fold(value, |node, key| match key.parse::<usize>() {
            Ok(index) if node.is_sequence() => &mut node[index],
            _ => &mut node[*key],
        })
}

fn remove(value: &mut Value, path: &[&str]) {
    let (last, parent) = path.split_last().unwrap();
    let parent = at(value, parent);
    match (last.parse::<usize>(), parent) {
        (Ok(index), Value::Sequence(items)) => {
            items.remove(index);
        }
        (_, Value::Mapping(map)) => {
            map.remove(*last).unwrap();
        }
        (_, other) => panic!("cannot remove {last} from {other:?}"),
    }
}

fn swap_first_two(value: &mut Value, path: &[&str]) {
    match at(value, path) {
        Value::Sequence(items) => items.swap(0, 1),
        Value::Mapping(map) => {
            let entries: Vec<(Value, Value)> = std::mem::take(map).into_iter().collect();
            let mut entries = entries.into_iter();
            let (first, second) = (entries.next().unwrap(), entries.next().unwrap());
            map.insert(second.0, second.1);
            map.insert(first.0, first.1);
            map.extend(entries);
        }
        other => panic!("cannot reorder {other:?}"),
    }
}

type Mutation = fn(&mut Value);

/// Each slip, applied alone to the real spec, and what the report must then say.
const SLIPS: &[(&str, Mutation, &str)] = &[
    (
        "a documented status dropped",
        |spec| {
            remove(
                spec,
                &["paths", "/v1/bdbs/{uid}", "get", "responses", "404"],
            )
        },
        "documented status 404 is not a response",
    ),
    (
        "error codes out of page order",
        |spec| swap_first_two(spec, &["paths", "/v1/bdbs", "post", "x-error-codes"]),
        "x-error-codes",
    ),
    (
        "a permission misnamed",
        |spec| {
            *at(spec, &["paths", "/v1/bdbs", "get", "x-permissions", "0"]) = "view_bdb_info".into()
        },
        "x-permissions",
    ),
    (
        "a documented query parameter dropped",
        |spec| remove(spec, &["paths", "/v1/bdbs", "get", "parameters", "0"]),
        "documented parameter `fields` is missing",
    ),
    (
        "the wrong method",
        |spec| {
            let get = at(spec, &["paths", "/v1/bdbs"])
                .as_mapping_mut()
                .unwrap()
                .remove("get")
                .unwrap();
            at(spec, &["paths", "/v1/bdbs"])
                .as_mapping_mut()
                .unwrap()
                .insert("patch".into(), get);
        },
        "the page documents GET /v1/bdbs",
    ),
    (
        "a page example edited",
        |spec| {
            remove(
                spec,
                &[
                    "paths",
                    "/v1/bdbs",
                    "post",
                    "requestBody",
                    "content",
                    "application/json",
                    "examples",
                    "redis1GiB",
                    "value",
                    "name",
                ],
            )
        },
        "the page's request example is not among the spec's request examples",
    ),
    (
        "an operation naming no page",
        |spec| remove(spec, &["paths", "/v1/bdbs", "get", "x-reference"]),
        "names no reference page",
    ),
    (
        "a further section documenting another operation",
        |spec| {
            *at(spec, &["paths", "/v1/bdbs/{uid}", "put", "x-reference", "1"]) =
                "requests/bdbs/actions/optimize_shards_placement.md#get-bdbs-actions-optimize-shards-placement"
                    .into()
        },
        "documents GET /v1/bdbs/{uid}/actions/optimize_shards_placement",
    ),
    (
        "an anchor that does not exist",
        |spec| {
            *at(spec, &["paths", "/v1/bdbs", "get", "x-reference"]) =
                "requests/bdbs/_index.md#get-everything".into()
        },
        "has no section, table or field `get-everything`",
    ),
    (
        "fields out of page order",
        |spec| swap_first_two(spec, &["components", "schemas", "Bdb", "properties"]),
        "properties differ from the page's fields in page order",
    ),
    (
        "a documented field dropped",
        |spec| {
            remove(
                spec,
                &[
                    "components",
                    "schemas",
                    "SnapshotPolicy",
                    "properties",
                    "secs",
                ],
            )
        },
        "properties differ from the page's fields in page order",
    ),
    (
        "a field of the wrong type",
        |spec| {
            *at(
                spec,
                &["components", "schemas", "Bdb", "properties", "uid", "type"],
            ) = "string".into()
        },
        "field `uid` is `integer` on the page",
    ),
    (
        "an inline enum value dropped",
        |spec| {
            remove(
                spec,
                &[
                    "components",
                    "schemas",
                    "Bdb",
                    "properties",
                    "aof_policy",
                    "enum",
                    "0",
                ],
            )
        },
        "field `aof_policy` lists",
    ),
    (
        "an enum page value dropped",
        |spec| remove(spec, &["components", "schemas", "BdbStatus", "enum", "0"]),
        "enum values",
    ),
    (
        "an inline structure's member dropped",
        |spec| {
            remove(
                spec,
                &["components", "schemas", "BdbTag", "properties", "key"],
            )
        },
        "properties differ from the page's fields in page order",
    ),
    (
        "a schema naming no page",
        |spec| {
            remove(
                spec,
                &["components", "schemas", "SnapshotPolicy", "x-reference"],
            )
        },
        "schema SnapshotPolicy: names no reference page",
    ),
];

#[test]
fn the_cross_check_catches_each_kind_of_slip() {
    let reference = reference();
    let spec = spec();
    for (slip, mutate, expected) in SLIPS {
        let mut mutated = spec.clone();
        mutate(&mut mutated);
        let problems = crosscheck::check(&mutated, &reference).problems;
        assert!(
            problems.iter().any(|problem| problem.contains(expected)),
            "{slip}: expected a problem saying `{expected}`, got:\n{}",
            problems.join("\n")
        );
    }
}
