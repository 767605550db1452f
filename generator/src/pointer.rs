//! JSON pointers (RFC 6901) into the spec, used to say where a problem is.

use std::fmt;

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
        let segment = segment.to_string().replace('~', "~0").replace('/', "~1");
        Self(format!("{}/{}", self.0, segment))
    }
}

impl fmt::Display for JsonPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
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
    }
}
