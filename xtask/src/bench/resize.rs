//! Documents of any size made from one: its first operations, or several renamed copies of it.

use std::collections::BTreeSet;

use serde_yaml::Value;

/// HTTP methods a path item may hold an operation under.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Component kinds a copy of the document gets its own entries of. Security schemes are named by
/// requirements rather than by `$ref`, so the copies share them.
const COPIED_COMPONENTS: [&str; 6] = [
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
];

/// The number of operations in a (bundled) document.
pub fn operation_count(document: &Value) -> usize {
    let Some(Value::Mapping(paths)) = document.get("paths") else {
        return 0;
    };
    paths.values().map(item_operations).sum()
}

fn item_operations(item: &Value) -> usize {
    METHODS
        .iter()
        .filter(|method| item.get(**method).is_some())
        .count()
}

/// A document of about `operations` operations made from `document` (bundled: every reference
/// local): its first paths, with the components they use, when it has more operations; else as many
/// copies of it as it takes (see [`replicate`]).
pub fn sized(document: &Value, operations: usize) -> Value {
    let available = operation_count(document).max(1);
    if operations >= available {
        replicate(document, operations.div_ceil(available))
    } else {
        first_operations(document, operations)
    }
}

/// `document` with its first paths up to `operations` operations, and only the components they use.
fn first_operations(document: &Value, operations: usize) -> Value {
    let mut result = document.clone();
    if let Some(Value::Mapping(paths)) = result.get_mut("paths") {
        let mut kept = 0;
        paths.retain(|_, item| {
            let keep = kept < operations;
            kept += item_operations(item);
            keep
        });
    }
    let used = used_components(&result);
    for kind in COPIED_COMPONENTS {
        let entries = result
            .get_mut("components")
            .and_then(|components| components.get_mut(kind));
        if let Some(Value::Mapping(entries)) = entries {
            entries.retain(|name, _| {
                used.contains(&(kind, name.as_str().unwrap_or_default().to_owned()))
            });
        }
    }
    result
}

/// The components the paths of `document` refer to, directly or through other components.
fn used_components(document: &Value) -> BTreeSet<(&'static str, String)> {
    let mut used = BTreeSet::new();
    let mut pending: Vec<&Value> = document.get("paths").into_iter().collect();
    while let Some(value) = pending.pop() {
        match value {
            Value::Mapping(mapping) => {
                for (key, value) in mapping {
                    let target = (key.as_str() == Some("$ref"))
                        .then(|| value.as_str())
                        .flatten();
                    let Some((kind, name)) = target.and_then(component) else {
                        pending.push(value);
                        continue;
                    };
                    if used.insert((kind, name.to_owned())) {
                        let components = document.get("components");
                        pending.extend(components.and_then(|c| c.get(kind)?.get(name)));
                    }
                }
            }
            Value::Sequence(items) => pending.extend(items),
            _ => {}
        }
    }
    used
}

/// The kind and name of the copied component a reference points into.
fn component(target: &str) -> Option<(&'static str, &str)> {
    let mut segments = target.strip_prefix("#/components/")?.split('/');
    let kind = segments.next()?;
    let kind = COPIED_COMPONENTS.into_iter().find(|known| *known == kind)?;
    Some((kind, segments.next()?))
}

/// `document` (bundled: every reference local) with `copies` copies of its paths, components and
/// tags. Copy 0 is the document itself; copy `k` has its paths under `/c{k}` and its components,
/// operation ids and tags suffixed with `_c{k}`, so every generated name stays unique.
fn replicate(document: &Value, copies: usize) -> Value {
    let mut result = document.clone();
    for copy in 1..copies {
        let suffix = format!("_c{copy}");
        let renamed = renamed_references(document, &suffix);
        merge(
            &mut result,
            &renamed,
            &["paths"],
            |path| format!("/c{copy}{path}"),
            |item| renamed_operations(item, &suffix),
        );
        for kind in COPIED_COMPONENTS {
            merge(
                &mut result,
                &renamed,
                &["components", kind],
                |name| format!("{name}{suffix}"),
                Value::clone,
            );
        }
        let tags = renamed.get("tags").and_then(Value::as_sequence);
        let all = result.get_mut("tags").and_then(Value::as_sequence_mut);
        if let (Some(tags), Some(all)) = (tags, all) {
            all.extend(tags.iter().map(|tag| {
                let mut tag = tag.clone();
                if let Some(name) = tag.get_mut("name") {
                    *name = suffixed(name, &suffix);
                }
                tag
            }));
        }
    }
    result
}

/// Adds each entry of the mapping at `keys` in `from` to the one in `into`, key and value changed.
fn merge(
    into: &mut Value,
    from: &Value,
    keys: &[&str],
    key: impl Fn(&str) -> String,
    value: impl Fn(&Value) -> Value,
) {
    let from = keys.iter().try_fold(from, |node, key| node.get(*key));
    let into = keys.iter().try_fold(into, |node, key| node.get_mut(*key));
    if let (Some(Value::Mapping(from)), Some(Value::Mapping(into))) = (from, into) {
        for (name, entry) in from {
            into.insert(key(name.as_str().unwrap_or_default()).into(), value(entry));
        }
    }
}

/// `value` with every `$ref` to a copied component pointing at its suffixed copy.
fn renamed_references(value: &Value, suffix: &str) -> Value {
    match value {
        Value::Mapping(mapping) => Value::Mapping(
            mapping
                .iter()
                .map(|(key, value)| {
                    let value = match (key.as_str(), value.as_str()) {
                        (Some("$ref"), Some(target)) => suffixed_reference(target, suffix).into(),
                        _ => renamed_references(value, suffix),
                    };
                    (key.clone(), value)
                })
                .collect(),
        ),
        Value::Sequence(items) => Value::Sequence(
            items
                .iter()
                .map(|item| renamed_references(item, suffix))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `#/components/schemas/bdb/properties/x` -> `#/components/schemas/bdb_c1/properties/x`.
fn suffixed_reference(target: &str, suffix: &str) -> String {
    match component(target) {
        Some((kind, name)) => {
            let prefix = format!("#/components/{kind}/{name}");
            format!("{prefix}{suffix}{}", &target[prefix.len()..])
        }
        None => target.to_owned(),
    }
}

/// A path item whose operations have suffixed operation ids and tags.
fn renamed_operations(item: &Value, suffix: &str) -> Value {
    let mut item = item.clone();
    for method in METHODS {
        let Some(operation) = item.get_mut(method) else {
            continue;
        };
        if let Some(id) = operation.get_mut("operationId") {
            *id = suffixed(id, suffix);
        }
        if let Some(Value::Sequence(tags)) = operation.get_mut("tags") {
            for tag in tags {
                *tag = suffixed(tag, suffix);
            }
        }
    }
    item
}

fn suffixed(name: &Value, suffix: &str) -> Value {
    format!("{}{suffix}", name.as_str().unwrap_or_default()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOCUMENT: &str = "
openapi: 3.0.3
tags: [{name: things}]
paths:
  /things:
    get:
      operationId: list_things
      tags: [things]
      responses: {'200': {$ref: '#/components/responses/Things'}}
  /other:
    get:
      operationId: other
      responses: {'200': {description: ok}}
components:
  responses:
    Things: {content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
  schemas:
    Thing: {type: object}
    Unused: {type: object}
";

    fn document() -> Value {
        serde_yaml::from_str(DOCUMENT).unwrap()
    }

    #[test]
    fn copies_have_their_own_paths_components_operation_ids_and_tags() {
        let copied = sized(&document(), 4);
        assert_eq!(operation_count(&copied), 4);
        let operation = &copied["paths"]["/c1/things"]["get"];
        assert_eq!(operation["operationId"], "list_things_c1");
        assert_eq!(operation["tags"][0], "things_c1");
        assert_eq!(
            operation["responses"]["200"]["$ref"],
            "#/components/responses/Things_c1"
        );
        let response = &copied["components"]["responses"]["Things_c1"];
        let schema = &response["content"]["application/json"]["schema"];
        assert_eq!(schema["$ref"], "#/components/schemas/Thing_c1");
        assert_eq!(copied["tags"][1]["name"], "things_c1");
    }

    #[test]
    fn a_cut_keeps_the_first_paths_and_the_components_they_use() {
        let cut = sized(&document(), 1);
        assert_eq!(operation_count(&cut), 1);
        assert!(cut["paths"].get("/other").is_none());
        let schemas = cut["components"]["schemas"].as_mapping().unwrap();
        assert_eq!(schemas.keys().collect::<Vec<_>>(), [&Value::from("Thing")]);
    }
}
