//! Query strings, encoded the way OpenAPI's `form` style describes.

use std::fmt::{Display, Write};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

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

    /// Appends `key=a,b,c`: one pair whose values are separated by literal commas (`explode: false`).
    #[allow(dead_code)] // Generated code calls this; a given spec may not.
    pub(crate) fn push_joined<T: Display>(&mut self, key: &str, values: &[T]) {
        self.start_pair(key);
        for (index, value) in values.iter().enumerate() {
            if index > 0 {
                self.encoded.push(',');
            }
            self.push_value(value);
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_pairs_lists_and_reserved_characters() {
        let mut query = Query::new();
        query.push_joined("fields", &["uid", "name"]);
        query.push("extended", &true);
        query.push_each("tag", &["a b", "c&d"]);
        query.push("q", &"50%,x=y");
        assert_eq!(
            query.as_str(),
            "fields=uid,name&extended=true&tag=a%20b&tag=c%26d&q=50%25%2Cx%3Dy"
        );
    }
}
