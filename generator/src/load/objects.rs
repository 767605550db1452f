//! The OpenAPI objects a document is made of, as far as references are concerned: which members hold
//! objects that may be references, and what kind of object a pointer designates.

use serde_yaml::Value;

use super::yaml::{key_text, reference};
use crate::pointer::JsonPointer;

/// The OpenAPI objects whose members may hold references, and those that may be referenced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Object {
    Document,
    Components,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Response,
    MediaType,
    Encoding,
    Header,
    Schema,
    Example,
    Link,
    Callback,
    SecurityScheme,
}

/// How a member holds objects: one, or a mapping or list of them.
#[derive(Debug, Clone, Copy)]
pub enum Slot {
    One(Object),
    Each(Object),
}

impl Object {
    /// The `components` member a referenced object of this kind is bundled into. `None` for objects a
    /// reference cannot stand for in OpenAPI 3.0, and for path items, which have no component kind.
    pub fn component_kind(self) -> Option<&'static str> {
        Some(match self {
            Self::Schema => "schemas",
            Self::Parameter => "parameters",
            Self::RequestBody => "requestBodies",
            Self::Response => "responses",
            Self::Header => "headers",
            Self::Example => "examples",
            Self::Link => "links",
            Self::Callback => "callbacks",
            Self::SecurityScheme => "securitySchemes",
            _ => return None,
        })
    }

    pub fn of_component_kind(kind: &str) -> Option<Self> {
        [
            Self::Schema,
            Self::Parameter,
            Self::RequestBody,
            Self::Response,
            Self::Header,
            Self::Example,
            Self::Link,
            Self::Callback,
            Self::SecurityScheme,
        ]
        .into_iter()
        .find(|object| object.component_kind() == Some(kind))
    }

    pub fn may_be_reference(self) -> bool {
        self == Self::PathItem || self.component_kind().is_some()
    }

    /// The object, with its article, as messages name it.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Document => "the document",
            Self::Components => "the components",
            Self::PathItem => "a path item",
            Self::Operation => "an operation",
            Self::Parameter => "a parameter",
            Self::RequestBody => "a request body",
            Self::Response => "a response",
            Self::MediaType => "a media type",
            Self::Encoding => "an encoding",
            Self::Header => "a header",
            Self::Schema => "a schema",
            Self::Example => "an example",
            Self::Link => "a link",
            Self::Callback => "a callback",
            Self::SecurityScheme => "a security scheme",
        }
    }

    /// What the member `key` of this object holds, when it may hold references.
    pub fn member(self, key: &str) -> Option<Slot> {
        use Object::*;
        use Slot::{Each, One};
        Some(match (self, key) {
            (Document, "paths") => Each(PathItem),
            (Document, "components") => One(Components),
            (Components, kind) => Each(Object::of_component_kind(kind)?),
            (
                PathItem,
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace",
            ) => One(Operation),
            (PathItem | Operation, "parameters") => Each(Parameter),
            (Operation, "requestBody") => One(RequestBody),
            (Operation, "responses") => Each(Response),
            (Operation, "callbacks") => Each(Callback),
            (Callback, _) => One(PathItem),
            (Parameter | Header, "schema") => One(Schema),
            (Parameter | Header | RequestBody | Response, "content") => Each(MediaType),
            (Parameter | Header | MediaType, "examples") => Each(Example),
            (Response | Encoding, "headers") => Each(Header),
            (Response, "links") => Each(Link),
            (MediaType, "schema") => One(Schema),
            (MediaType, "encoding") => Each(Encoding),
            (Schema, "properties" | "allOf" | "oneOf" | "anyOf") => Each(Schema),
            (Schema, "items" | "additionalProperties" | "not") => One(Schema),
            _ => return None,
        })
    }
}

/// What a pointer into the document designates, as far as its position tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// An object of this kind.
    Object(Object),
    /// A member `key` of a `parent`, or a value inside it, that is not an object a reference may
    /// stand for: a mapping or list of objects (`parameters`), or a field (`info`, `example`).
    Member { parent: Object, key: String },
    /// A value under an extension (`x-...`), which may hold anything.
    Unknown,
}

impl Place {
    /// The place `pointer` designates in a document.
    pub fn of(pointer: &JsonPointer) -> Self {
        let mut object = Object::Document;
        let mut segments = pointer.segments();
        while let Some(key) = segments.next() {
            let inner = match object.member(&key) {
                Some(Slot::One(inner)) => Some(inner),
                // The next segment picks one of the objects.
                Some(Slot::Each(inner)) => segments.next().map(|_| inner),
                None if key.starts_with("x-") => return Self::Unknown,
                None => None,
            };
            let Some(inner) = inner else {
                return Self::Member {
                    parent: object,
                    key,
                };
            };
            object = inner;
        }
        Self::Object(object)
    }
}

/// A position in documents, extended one segment at a time as a walk goes down.
pub trait Position: Sized {
    /// The position of the member or item `segment` of the value here.
    fn push(&self, segment: &str) -> Self;
}

impl Position for JsonPointer {
    fn push(&self, segment: &str) -> Self {
        JsonPointer::push(self, segment)
    }
}

/// Whether `value`, an `object`, is a reference object: it may be replaced by a reference, and holds
/// a `$ref`.
pub fn is_reference(value: &Value, object: Object) -> bool {
    object.may_be_reference() && reference(value).is_some()
}

/// Calls `found` with every reference object inside `value`, an `object` at `at`. Reference objects
/// are not entered.
pub fn each_reference<P: Position>(
    value: &mut Value,
    object: Object,
    at: &P,
    found: &mut impl FnMut(&mut Value, Object, &P),
) {
    each_object(value, object, at, &mut |value, object, at| {
        if is_reference(value, object) {
            found(value, object, at);
        }
    });
}

/// Calls `visit` with `value`, an `object` at `at`, then with every object inside it that may hold or
/// be a reference. Reference objects are not entered.
pub fn each_object<P: Position>(
    value: &mut Value,
    object: Object,
    at: &P,
    visit: &mut impl FnMut(&mut Value, Object, &P),
) {
    let reference = is_reference(value, object);
    visit(value, object, at);
    let Value::Mapping(mapping) = value else {
        return;
    };
    if reference {
        return;
    }
    for (key, member) in mapping.iter_mut() {
        let key = key_text(key);
        let Some(slot) = object.member(&key) else {
            continue;
        };
        let at = at.push(&key);
        match (slot, member) {
            (Slot::One(object), member) => each_object(member, object, &at, visit),
            (Slot::Each(object), Value::Mapping(members)) => {
                for (key, member) in members.iter_mut() {
                    each_object(member, object, &at.push(&key_text(key)), visit);
                }
            }
            (Slot::Each(object), Value::Sequence(members)) => {
                for (index, member) in members.iter_mut().enumerate() {
                    each_object(member, object, &at.push(&index.to_string()), visit);
                }
            }
            (Slot::Each(_), _) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pointer_designates_the_object_its_position_says() {
        let place = |text: &str| Place::of(&JsonPointer::from_fragment(text).unwrap());
        assert_eq!(
            place("/paths/~1a/get/responses/401"),
            Place::Object(Object::Response)
        );
        assert_eq!(
            place("/paths/~1a/get/parameters/0/schema/items/properties/b"),
            Place::Object(Object::Schema)
        );
        assert_eq!(
            place("/components/schemas/A/properties/b"),
            Place::Object(Object::Schema)
        );
        assert_eq!(
            place("/paths/~1a/get/parameters"),
            Place::Member {
                parent: Object::Operation,
                key: "parameters".into()
            }
        );
        assert_eq!(
            place("/info/title"),
            Place::Member {
                parent: Object::Document,
                key: "info".into()
            }
        );
        assert_eq!(
            place("/components/schemas/A/example/b"),
            Place::Member {
                parent: Object::Schema,
                key: "example".into()
            }
        );
        assert_eq!(place("/paths/~1a/get"), Place::Object(Object::Operation));
        assert_eq!(place("/x-shared/A"), Place::Unknown);
        assert_eq!(place("/components/schemas/A/x-parts/b"), Place::Unknown);
    }
}
