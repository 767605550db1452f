//! Reading values out of parsed YAML documents.

use serde_yaml::Value;

use crate::pointer::JsonPointer;

/// A mapping key as text: status codes and other keys may be written as numbers.
pub fn key_text(key: &Value) -> String {
    match key {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_owned(),
    }
}

/// The entries of a YAML mapping, keys rendered as text.
pub fn entries(value: Option<&Value>) -> impl Iterator<Item = (String, &Value)> {
    let mapping = match value {
        Some(Value::Mapping(mapping)) => Some(mapping),
        _ => None,
    };
    mapping
        .into_iter()
        .flat_map(|mapping| mapping.iter().map(|(key, value)| (key_text(key), value)))
}

/// The value `pointer` designates in `document`, if there is one.
pub fn lookup<'a>(document: &'a Value, pointer: &JsonPointer) -> Option<&'a Value> {
    pointer
        .segments()
        .try_fold(document, |node, segment| match node {
            // A text key is found by hash; only keys written as numbers (status codes) need a scan.
            Value::Mapping(mapping) => mapping.get(segment.as_str()).or_else(|| {
                mapping
                    .iter()
                    .find_map(|(key, value)| names_other(key, &segment).then_some(value))
            }),
            Value::Sequence(items) => items.get(segment.parse::<usize>().ok()?),
            _ => None,
        })
}

/// The value `pointer` designates in `document`, to change it.
pub fn lookup_mut<'a>(document: &'a mut Value, pointer: &JsonPointer) -> Option<&'a mut Value> {
    pointer
        .segments()
        .try_fold(document, |node, segment| match node {
            Value::Mapping(mapping) => {
                if mapping.contains_key(segment.as_str()) {
                    mapping.get_mut(segment.as_str())
                } else {
                    mapping
                        .iter_mut()
                        .find_map(|(key, value)| names_other(key, &segment).then_some(value))
                }
            }
            Value::Sequence(items) => items.get_mut(segment.parse::<usize>().ok()?),
            _ => None,
        })
}

/// Whether `key`, written other than as text (a status code written as a number), is `segment`.
fn names_other(key: &Value, segment: &str) -> bool {
    !key.is_string() && key_text(key) == segment
}

/// The target of a reference object (`{$ref: ...}`), when `value` is one.
pub fn reference(value: &Value) -> Option<&str> {
    value.get("$ref")?.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_follows_mappings_and_sequences() {
        let document: Value = serde_yaml::from_str("a: {'b/c': [x, {200: y}]}").unwrap();
        let pointer = |text: &str| JsonPointer::from_fragment(text).unwrap();
        assert_eq!(
            lookup(&document, &pointer("/a/b~1c/1/200")),
            Some(&Value::from("y"))
        );
        assert_eq!(lookup(&document, &pointer("/a/b~1c/2")), None);
        assert_eq!(lookup(&document, &pointer("")), Some(&document));
    }
}
