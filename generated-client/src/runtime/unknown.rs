//! What models keep of values and members the spec does not describe.

use std::fmt;
use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The payload of an enum's `Unknown` variant: a value the spec does not list, kept as received.
///
/// It is deliberately opaque. A pattern such as `Unknown(value) if value == "db_not_exist"` would silently
/// stop matching once a later spec adds the value as a variant of its own. Compare the enum's `as_str()`
/// instead (`match code.as_str() { "db_not_exist" => .., _ => .. }`): it gives the wire value whichever
/// variant holds it, so such code keeps working when the spec catches up. Its `Debug` output shows the
/// value.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct UnknownValue(String);

#[allow(dead_code)] // Generated enums call these; a given spec may have none.
impl UnknownValue {
    pub(crate) fn new(value: &str) -> Self {
        Self(value.to_owned())
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// Members of a JSON object that its model does not describe, kept as received and sent back unchanged.
///
/// It reads and writes like the [`serde_json::Map`] it wraps, but `Debug` shows only the keys: the spec
/// does not say what the values are, so any of them may be a secret.
///
/// ```
/// use redis_enterprise_client::UnknownFields;
///
/// let fields: UnknownFields = serde_json::from_str(r#"{"token": "s3cret", "tier": 2}"#).unwrap();
/// assert_eq!(fields["token"], "s3cret");
/// assert_eq!(format!("{fields:?}"), r#"{"tier", "token"}"#);
/// ```
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UnknownFields(Map<String, Value>);

impl UnknownFields {
    /// The members, unwrapped.
    pub fn into_inner(self) -> Map<String, Value> {
        self.0
    }
}

impl From<Map<String, Value>> for UnknownFields {
    fn from(members: Map<String, Value>) -> Self {
        Self(members)
    }
}

impl Deref for UnknownFields {
    type Target = Map<String, Value>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl DerefMut for UnknownFields {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl fmt::Debug for UnknownFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.0.keys()).finish()
    }
}
