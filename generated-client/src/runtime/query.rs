//! Query strings, encoded the way OpenAPI's `form` style describes.

use std::fmt::{Display, Write};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{Map, Value};

/// Bytes left as they are in a query value or path segment: RFC 3986's unreserved characters.
pub(crate) const ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A query string under construction: `key=value` pairs joined by `&`, already percent-encoded.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Query {
    encoded: String,
}

impl Query {
    /// An empty query string.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Appends `key=value`.
    pub(crate) fn push(&mut self, key: &str, value: &impl Display) {
        self.start_pair(key);
        self.push_value(value);
    }

    /// Appends `key=a,b,c`: one pair whose values are separated by `separator` (`explode: false`), a
    /// comma as it is, another character percent-encoded (`a%20b` for `spaceDelimited`).
    #[allow(dead_code)] // Generated code calls this; a given spec may not.
    pub(crate) fn push_joined<T: Display>(&mut self, key: &str, values: &[T], separator: char) {
        self.start_pair(key);
        let mut buffer = [0; 4];
        let separator: &str = separator.encode_utf8(&mut buffer);
        for (index, value) in values.iter().enumerate() {
            if index > 0 {
                match separator {
                    "," => self.encoded.push(','),
                    other => self.encoded.extend(utf8_percent_encode(other, ENCODE)),
                }
            }
            self.push_value(value);
        }
    }

    /// Appends `key[member]=value` for each member of `object` (`deepObject`), in the order
    /// `serde_json` keeps them (by name, unless its `preserve_order` feature is on): nested objects as
    /// `key[member][inner]`, arrays as one pair per item; `null` members are left out.
    #[allow(dead_code)] // Generated code calls this; a given spec may not.
    pub(crate) fn push_deep(&mut self, key: &str, object: &Map<String, Value>) {
        for (member, value) in object {
            let key = format!("{key}[{member}]");
            match value {
                Value::Object(inner) => self.push_deep(&key, inner),
                other => self.push_items(&key, other),
            }
        }
    }

    /// Appends `value` as the parameter `key` in the `form` style: with `separator` `None` (`explode:
    /// true`), an object as `member=value` for each member, an array as one pair per item; else as one
    /// pair whose members and values, or items, are joined by `separator` (`key=member,value,...`).
    /// Members and items are in the order `serde_json` keeps them, `null` ones left out; a value
    /// inside a member or an item is written as its JSON text, as are numbers and booleans; a string
    /// as its text.
    #[allow(dead_code)] // Generated code calls this; a given spec may not.
    pub(crate) fn push_form(&mut self, key: &str, value: &Value, separator: Option<char>) {
        match (value, separator) {
            (Value::Null, _) => {}
            (Value::Object(members), None) => {
                for (member, value) in members {
                    self.push_items(member, value);
                }
            }
            (Value::Array(_), None) => self.push_items(key, value),
            (Value::Object(members), Some(separator)) => {
                let texts: Vec<String> = members
                    .iter()
                    .filter(|(_, value)| !value.is_null())
                    .flat_map(|(member, value)| [member.clone(), text(value)])
                    .collect();
                self.push_joined(key, &texts, separator);
            }
            (Value::Array(items), Some(separator)) => {
                let texts: Vec<String> = items
                    .iter()
                    .filter(|item| !item.is_null())
                    .map(text)
                    .collect();
                self.push_joined(key, &texts, separator);
            }
            (scalar, _) => self.push_json(key, scalar),
        }
    }

    /// Appends `key=value` for each item of the array `value`, or for `value` itself; `null` ones are
    /// left out.
    fn push_items(&mut self, key: &str, value: &Value) {
        let items = match value {
            Value::Array(items) => items.as_slice(),
            one => std::slice::from_ref(one),
        };
        for item in items.iter().filter(|item| !item.is_null()) {
            self.push_json(key, item);
        }
    }

    /// Appends `key=value`, a string as its text and any other value as its JSON text.
    fn push_json(&mut self, key: &str, value: &Value) {
        self.push(key, &text(value));
    }

    /// Appends `key=a&key=b`: one pair per value (`explode: true`).
    #[allow(dead_code)] // Generated code calls this; a given spec may not.
    pub(crate) fn push_each<T: Display>(&mut self, key: &str, values: &[T]) {
        for value in values {
            self.push(key, value);
        }
    }

    /// The encoded query, without the leading `?`.
    pub(crate) fn as_str(&self) -> &str {
        &self.encoded
    }

    fn start_pair(&mut self, key: &str) {
        if !self.encoded.is_empty() {
            self.encoded.push('&');
        }
        self.encoded.extend(utf8_percent_encode(key, ENCODE));
        self.encoded.push('=');
    }

    fn push_value(&mut self, value: &impl Display) {
        // Writing into a String cannot fail.
        let _ = write!(
            self.encoded,
            "{}",
            utf8_percent_encode(&value.to_string(), ENCODE)
        );
    }
}

/// A string's text, or any other value's JSON text.
fn text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_pairs_lists_and_reserved_characters() {
        let mut query = Query::new();
        query.push_joined("fields", &["uid", "name"], ',');
        query.push_joined("ids", &[1, 2], '|');
        query.push("extended", &true);
        query.push_each("tag", &["a b", "c&d"]);
        query.push("q", &"50%,x=y");
        assert_eq!(
            query.as_str(),
            "fields=uid,name&ids=1%7C2&extended=true&tag=a%20b&tag=c%26d&q=50%25%2Cx%3Dy"
        );
    }

    #[test]
    fn writes_form_objects_member_by_member_or_joined() {
        let object = serde_json::json!({"role": "a,b", "age": 3, "gone": null, "tags": ["x", "y"],
            "owner": {"id": 7}});
        let mut exploded = Query::new();
        exploded.push_form("filter", &object, None);
        assert_eq!(
            exploded.as_str(),
            "age=3&owner=%7B%22id%22%3A7%7D&role=a%2Cb&tags=x&tags=y"
        );
        let mut joined = Query::new();
        joined.push_form("filter", &object, Some(','));
        assert_eq!(
            joined.as_str(),
            "filter=age,3,owner,%7B%22id%22%3A7%7D,role,a%2Cb,tags,%5B%22x%22%2C%22y%22%5D"
        );
        let mut scalar = Query::new();
        scalar.push_form("limit", &serde_json::json!(10), None);
        assert_eq!(scalar.as_str(), "limit=10");
    }

    #[test]
    fn writes_objects_member_by_member() {
        let object = serde_json::json!({"name": "a b", "age": 3, "gone": null, "tags": ["x", "y"],
            "owner": {"id": 7}});
        let mut query = Query::new();
        query.push_deep("filter", object.as_object().unwrap());
        assert_eq!(
            query.as_str(),
            "filter%5Bage%5D=3&filter%5Bname%5D=a%20b&filter%5Bowner%5D%5Bid%5D=7\
             &filter%5Btags%5D=x&filter%5Btags%5D=y"
        );
    }
}
