//! JSON pointers (RFC 6901) into the spec, used to say where a problem is.

use std::fmt::{self, Write};

/// A location in the spec document, such as `#/paths/~1v1~1bdbs/get`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JsonPointer(String);

impl JsonPointer {
    /// The document root.
    pub fn root() -> Self {
        Self::default()
    }

    /// This pointer extended by one segment, escaped as RFC 6901 requires.
    pub fn push(&self, segment: impl fmt::Display) -> Self {
        // The model makes a pointer for every value it reads, in case it has a problem to report: one
        // allocation each, unless the segment needs escaping.
        let mut pointer = String::with_capacity(self.0.len() + 24);
        pointer.push_str(&self.0);
        pointer.push('/');
        let start = pointer.len();
        write!(pointer, "{segment}").expect("writing to a String cannot fail");
        if pointer[start..].contains(['~', '/']) {
            let escaped = pointer[start..].replace('~', "~0").replace('/', "~1");
            pointer.truncate(start);
            pointer.push_str(&escaped);
        }
        Self(pointer)
    }

    /// The pointer a `$ref` fragment (the part after `#`) spells, percent-decoded as URI fragments are.
    pub(crate) fn from_fragment(fragment: &str) -> Result<Self, String> {
        let decoded = percent_decode(fragment)
            .ok_or_else(|| format!("`#{fragment}` has an invalid percent-encoding"))?;
        if !(decoded.is_empty() || decoded.starts_with('/')) {
            return Err(format!(
                "`#{fragment}` is not a JSON pointer: only `#/...` fragments are read"
            ));
        }
        let mut rest = decoded.as_str();
        while let Some(tilde) = rest.find('~') {
            if !matches!(rest.as_bytes().get(tilde + 1), Some(b'0' | b'1')) {
                return Err(format!(
                    "`#{fragment}` is not a JSON pointer: `~` must be followed by 0 or 1"
                ));
            }
            rest = &rest[tilde + 2..];
        }
        Ok(Self(decoded))
    }

    /// The unescaped segments, from the root down.
    pub(crate) fn segments(&self) -> impl Iterator<Item = String> + '_ {
        self.0
            .split('/')
            .skip(1)
            .map(|segment| segment.replace("~1", "/").replace("~0", "~"))
    }

    /// The last segment, unescaped; `None` for the root.
    pub(crate) fn last(&self) -> Option<String> {
        self.segments().last()
    }

    /// Whether this pointer is `ancestor` or inside it (whole segments only).
    pub(crate) fn is_within(&self, ancestor: &JsonPointer) -> bool {
        self.0
            .strip_prefix(&ancestor.0)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    }

    /// This pointer with its prefix `from` replaced by `to`, when `from` is a prefix of it (whole
    /// segments only).
    pub(crate) fn rebase(&self, from: &JsonPointer, to: &JsonPointer) -> Option<JsonPointer> {
        let rest = self.0.strip_prefix(&from.0)?;
        self.is_within(from)
            .then(|| Self(format!("{}{rest}", to.0)))
    }
}

impl fmt::Display for JsonPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// `%XX` sequences decoded, or `None` when one is malformed or the result is not UTF-8.
pub(crate) fn percent_decode(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(byte);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_slashes_and_tildes() {
        let pointer = JsonPointer::root()
            .push("paths")
            .push("/v1/bdbs/{uid}")
            .push("a~b");
        assert_eq!(pointer.to_string(), "#/paths/~1v1~1bdbs~1{uid}/a~0b");
        assert_eq!(
            pointer.segments().collect::<Vec<_>>(),
            ["paths", "/v1/bdbs/{uid}", "a~b"]
        );
    }

    #[test]
    fn fragments_are_percent_decoded_and_checked() {
        let pointer = JsonPointer::from_fragment("/paths/~1v1~1bdbs~1%7Buid%7D").unwrap();
        assert_eq!(pointer.last().as_deref(), Some("/v1/bdbs/{uid}"));
        assert_eq!(JsonPointer::from_fragment(""), Ok(JsonPointer::root()));
        for bad in ["Bdb", "/a~2", "/a~", "/%zz", "/%4"] {
            assert!(JsonPointer::from_fragment(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rebase_replaces_whole_leading_segments() {
        let from = JsonPointer::root()
            .push("components")
            .push("schemas")
            .push("A");
        let to = JsonPointer::root().push("A");
        let inside = from.push("properties").push("b");
        assert_eq!(
            inside.rebase(&from, &to).unwrap().to_string(),
            "#/A/properties/b"
        );
        assert_eq!(from.rebase(&from, &to), Some(to.clone()));
        let sibling = JsonPointer::root()
            .push("components")
            .push("schemas")
            .push("AB");
        assert_eq!(sibling.rebase(&from, &to), None);
        assert!(inside.is_within(&from) && from.is_within(&from) && !sibling.is_within(&from));
    }
}
