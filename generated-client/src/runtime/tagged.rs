//! Reading and writing tagged unions (a `discriminator` in the spec): the generated `Serialize` and
//! `Deserialize` impls of such an enum call these.

use serde::de::DeserializeOwned;
use serde::ser::Error as _;
use serde::{Serialize, Serializer};
use serde_json::Value;

/// The tag of `value`: its member `property`, when `value` is an object and that member a string.
pub fn tag<'v>(value: &'v Value, property: &str) -> Option<&'v str> {
    value.get(property)?.as_str()
}

/// Decodes `value`, whose tag selected the variant of type `T`.
pub fn variant<T: DeserializeOwned, E: serde::de::Error>(value: Value) -> Result<T, E> {
    serde_json::from_value(value).map_err(E::custom)
}

/// Encodes `value` as the variant whose tag values are `tags`: its member `property` is set to the
/// first of them, unless it holds one of them already.
pub fn serialize<S: Serializer, T: Serialize>(
    serializer: S,
    property: &str,
    tags: &[&str],
    value: &T,
) -> Result<S::Ok, S::Error> {
    let mut encoded = serde_json::to_value(value).map_err(S::Error::custom)?;
    let tagged = matches!(tag(&encoded, property), Some(tag) if tags.contains(&tag));
    if let (false, Value::Object(members), Some(first)) = (tagged, &mut encoded, tags.first()) {
        members.insert(property.to_owned(), Value::String((*first).to_owned()));
    }
    encoded.serialize(serializer)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn writes_the_first_tag_unless_one_is_there() {
        let write = |value: Value| {
            serialize(
                serde_json::value::Serializer,
                "kind",
                &["dog", "hound"],
                &value,
            )
        };
        assert_eq!(
            write(json!({"name": "Rex"})).unwrap(),
            json!({"name": "Rex", "kind": "dog"})
        );
        assert_eq!(
            write(json!({"kind": "hound"})).unwrap(),
            json!({"kind": "hound"})
        );
        assert_eq!(
            write(json!({"kind": "cat"})).unwrap(),
            json!({"kind": "dog"})
        );
    }

    #[test]
    fn reads_the_tag_of_objects_only() {
        assert_eq!(tag(&json!({"kind": "dog"}), "kind"), Some("dog"));
        assert_eq!(tag(&json!({"kind": 1}), "kind"), None);
        assert_eq!(tag(&json!(["kind"]), "kind"), None);
    }
}
