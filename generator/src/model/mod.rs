//! The intermediate model: what the spec means for the generated crate, with every name decided.
//!
//! Built from the `openapiv3` document by [`build`], consumed by `emit`. Nothing in here refers back to the
//! document except pointers kept for messages.

mod composition;
mod docs;
mod media;
mod operations;
mod permissions;
mod recursion;
mod refs;
mod required_members;
mod types;
mod value_or_list;

use openapiv3::OpenAPI;

use crate::diagnostics::Collector;
use crate::pointer::JsonPointer;

pub use docs::Docs;
pub use operations::{BUILDER_MEMBERS, CLIENT_METHODS};
pub use permissions::{PermissionTable, PermissionVariant, RoleVariant, BUILT_IN_ROLE, PERMISSION};
pub use types::{fallback_variant, OTHER_ALTERNATIVE};

/// Everything the emitter needs, in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// Named types, in the order their schemas appear.
    pub types: Vec<TypeDef>,
    /// Operations grouped by resource (first tag).
    pub groups: Vec<Group>,
}

/// A generated type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Rust type name.
    pub name: String,
    /// File (module) the type is emitted into: the component it comes from.
    pub module: String,
    /// Doc comment.
    pub docs: Docs,
    /// What kind of type it is.
    pub kind: TypeKind,
    /// The schema it comes from, for messages.
    pub source: JsonPointer,
}

/// The shapes a named type can take.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object with known properties; unknown ones are kept too.
    Struct(Vec<Field>),
    /// A string enum that also keeps values it does not know.
    Enum(Vec<Variant>),
    /// The string enum of the documented error codes, which also says which codes name a temporary
    /// condition.
    ErrorCodes(Vec<ErrorCodeVariant>),
    /// A name for another type (a component that is not an object or an enum).
    Alias(RustType),
    /// A value of one of several shapes (`oneOf`, `anyOf`), told apart by trying each in order; a
    /// value of none of them is kept as it came.
    Union(Vec<Alternative>),
    /// A value of one of several object shapes (`oneOf`, `anyOf` with a `discriminator`), told apart
    /// by the string in its member `property`; an object with an undocumented tag is kept as it came.
    Tagged {
        /// Name of the member holding the tag.
        property: String,
        /// The shapes, each with its [`tags`](Alternative::tags).
        alternatives: Vec<Alternative>,
    },
    /// The permissions operations require, with the roles holding each (`x-permission-roles`).
    Permissions(PermissionTable),
    /// The built-in roles (`x-roles`).
    Roles(Vec<RoleVariant>),
}

/// One shape of a [`TypeKind::Union`] or [`TypeKind::Tagged`].
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    /// In a tagged union, the tag values that select it (the first is written); empty otherwise.
    pub tags: Vec<String>,
    /// Name of its variant.
    pub rust_name: String,
    /// Type of the value.
    pub ty: RustType,
    /// Held in a `Box`, because the union contains itself through this alternative.
    pub boxed: bool,
    /// Doc comment.
    pub docs: Docs,
}

/// A property of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Name in JSON.
    pub json_name: String,
    /// Name in Rust.
    pub rust_name: String,
    /// Type of the value, without the `Option` an optional field adds.
    pub ty: RustType,
    /// Whether the member must be there, and may be `null`.
    pub presence: Presence,
    /// Held in a `Box`, because the type contains itself through this field.
    pub boxed: bool,
    /// Doc comment.
    pub docs: Docs,
}

/// How a property appears in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Required and not nullable: `T`.
    Required,
    /// Required but nullable: `Option<T>`, always sent (`null` for `None`).
    RequiredNullable,
    /// Optional: `Option<T>`, left out when `None`.
    Optional,
}

/// A known value of a string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The value in JSON.
    pub value: String,
    /// Rust variant name.
    pub rust_name: String,
    /// Doc comment.
    pub docs: Docs,
}

/// A documented error code.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorCodeVariant {
    /// The code, its variant name and every operation's description of it.
    pub variant: Variant,
    /// Whether it names a temporary condition (`x-retryable`): the same request may succeed later.
    pub retryable: bool,
}

/// The Rust type of a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    /// `String`.
    String,
    /// A string the docs call a password or key (`format: password`): `Debug` does not show it.
    Secret,
    /// `bool`.
    Bool,
    /// A fixed-size integer.
    Integer(IntegerType),
    /// `f64`.
    Number,
    /// A generated type, by name.
    Named(String),
    /// `Vec<T>`.
    Array(Box<RustType>),
    /// A JSON object used as a map from string keys to `T`.
    Map(Box<RustType>),
    /// Any JSON value.
    Any,
    /// A file sent as a part of a `multipart/form-data` body (`crate::Upload`): only form parts have
    /// this type.
    Upload,
}

/// Integer widths, chosen from the schema's `format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntegerType {
    /// `i8` (`format: int8`).
    I8,
    /// `i16` (`format: int16`).
    I16,
    /// `i32` (`format: int32`).
    I32,
    /// `i64` (no format, or `int64`).
    I64,
    /// `u8` (`format: uint8`).
    U8,
    /// `u16` (`format: uint16`).
    U16,
    /// `u32` (`format: uint32`).
    U32,
    /// `u64` (`format: uint64`, or `uint` of no stated width).
    U64,
}

/// Operations sharing a first tag, reached as `client.<accessor>()`.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Module and accessor method name.
    pub module: String,
    /// The type holding the group's methods.
    pub api_type: String,
    /// Doc comment (from the tag).
    pub docs: Docs,
    /// The operations, in document order.
    pub operations: Vec<Operation>,
}

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The spec's `operationId`, or the method name derived for an operation without one.
    pub id: String,
    /// Method on the group type that starts the call.
    pub method_name: String,
    /// Request builder type returned by that method: an alias of the runtime's `Request` of
    /// `args_type`.
    pub builder_type: String,
    /// The type holding the operation's arguments, which makes its request.
    pub args_type: String,
    /// HTTP method.
    pub http_method: HttpMethod,
    /// Path template as written in the spec (`/v1/bdbs/{uid}`).
    pub path: String,
    /// The path template split into literal text and parameters.
    pub path_segments: Vec<PathSegment>,
    /// Every parameter: path ones first (in template order), then query ones.
    pub params: Vec<Param>,
    /// The request body sent whole, if any.
    pub body: Option<Body>,
    /// What a successful response holds.
    pub response: ResponseBody,
    /// The media type of that body, asked for in `Accept`; `None` when the response has none.
    pub accept: Option<String>,
    /// Doc comment: summary and description.
    pub docs: Docs,
    /// Permissions the caller needs (`x-permissions`).
    pub permissions: Vec<String>,
    /// Whether sending it twice has the effect of sending it once (`x-idempotent`, or by method).
    pub idempotent: bool,
    /// Whether the document marks it deprecated: its method then is `#[deprecated]`.
    pub deprecated: bool,
    /// Documented `error_code` values (`x-error-codes`), in the order the spec lists them.
    pub error_codes: Vec<OperationErrorCode>,
    /// Documented failure statuses with their meaning.
    pub error_statuses: Vec<(String, String)>,
}

/// HTTP methods the generator supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
    /// HEAD: the status and headers a GET would have, without a body.
    Head,
    /// OPTIONS: what the server allows at a path.
    Options,
    /// TRACE: the request as the server received it.
    Trace,
}

impl HttpMethod {
    /// Upper-case method name, as `http::Method` constants are named.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
            Self::Head => "HEAD",
            Self::Options => "OPTIONS",
            Self::Trace => "TRACE",
        }
    }
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// Text sent as is.
    Literal(String),
    /// The path parameter at this index of [`Operation::params`], percent-encoded.
    Param(usize),
}

/// A path or query parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Name on the wire.
    pub wire_name: String,
    /// Name in Rust (argument or setter).
    pub rust_name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Type of the value.
    pub ty: RustType,
    /// Sent as its JSON text: a form field holding an object, or a parameter described by
    /// `content: {application/json: ...}`.
    pub json: bool,
    /// Required parameters are method arguments; optional ones are builder setters.
    pub required: bool,
    /// Doc comment.
    pub docs: Docs,
}

/// Where a parameter is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// In the path.
    Path,
    /// In the query string.
    Query(QueryEncoding),
    /// A request header.
    Header,
    /// A cookie, sent with the others in one `Cookie` header.
    Cookie,
    /// A part of a `multipart/form-data` request body: a file when its type is
    /// [`RustType::Upload`], text otherwise.
    FormPart,
    /// A field of an `application/x-www-form-urlencoded` request body; arrays as repeated fields.
    FormField,
}

impl ParamLocation {
    /// The location in a word, as names and messages use it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Path => "path",
            Self::Query(_) => "query",
            Self::Header => "header",
            Self::Cookie => "cookie",
            Self::FormPart => "part",
            Self::FormField => "field",
        }
    }
}

/// How a query parameter is written, from its `style` and `explode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryEncoding {
    /// `key=value`, an array as one pair per item (`a=1&a=2`): `form` (the default), and the other
    /// array styles with `explode: true`.
    Repeated,
    /// An array as one pair, its items separated by this character: `,` for `form` with `explode:
    /// false`, ` ` for `spaceDelimited`, `|` for `pipeDelimited`.
    Joined(char),
    /// An object as one pair per member, `key[member]=value` (`deepObject`).
    Deep,
    /// An object in the `form`, `spaceDelimited` or `pipeDelimited` style: one pair per member,
    /// `member=value`, with `explode: true` (`None`), else one pair `key=member,value,...` whose members
    /// and values are separated by this character.
    Members(Option<char>),
}

/// A request body sent whole (JSON, text or a file); form bodies are parameters instead.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// Type of the body: a JSON value, a `String` or a `crate::Upload`.
    pub ty: RustType,
    /// How it is sent.
    pub encoding: BodyEncoding,
    /// Whether the operation needs one (an argument), or may go without (a builder setter).
    pub required: bool,
    /// Doc comment.
    pub docs: Docs,
    /// The fields of the body's struct that the operation needs although the type leaves them optional
    /// (`x-required-members`), in the order the spec lists them.
    pub required_members: Vec<Field>,
}

/// How a [`Body`] is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyEncoding {
    /// As JSON.
    Json,
    /// As text of this media type.
    Text(String),
    /// As a file of this media type (`crate::Upload`), streamed.
    File(String),
}

/// What a successful response carries.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseBody {
    /// A JSON value of this type.
    Json(RustType),
    /// Newline-delimited JSON, one value of this type per line, read as the lines arrive
    /// (`crate::JsonLines`).
    JsonLines(RustType),
    /// Text (`text/*`), as a `String`.
    Text,
    /// A file (any other media type), read as it arrives (`crate::Download`).
    Download,
    /// Nothing worth decoding.
    Empty,
    /// Different bodies for different 2xx statuses: an enum of the operation with a variant per
    /// status, the first one also standing for 2xx statuses the document does not list.
    ByStatus {
        /// Name of the enum, in the group's module.
        type_name: String,
        /// Its variants, in document order.
        variants: Vec<StatusVariant>,
    },
}

/// A success status of a [`ResponseBody::ByStatus`].
#[derive(Debug, Clone, PartialEq)]
pub struct StatusVariant {
    /// The status.
    pub status: u16,
    /// Its variant: the reason phrase (`Created`).
    pub rust_name: String,
    /// The JSON value it carries, if any.
    pub body: Option<RustType>,
    /// Doc comment: the response's description.
    pub docs: Docs,
}

/// An `error_code` an operation documents.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationErrorCode {
    /// The code as sent.
    pub code: String,
    /// Its `ErrorCode` variant.
    pub rust_name: String,
    /// What it means for this operation.
    pub description: String,
}

/// Builds the model of `document`, recording every problem in `problems`.
pub fn build(document: &OpenAPI, problems: &mut Collector) -> Api {
    let mut types = types::TypeBuilder::new(document);
    types.build_components(problems);
    let operations::Built {
        mut groups,
        error_codes,
        required_members,
    } = operations::build(document, &mut types, problems);
    let mut types = types.finish(problems);
    required_members::resolve(&mut groups, required_members, &types, problems);
    if documents_error_codes(document) {
        types.push(TypeDef {
            name: ERROR_CODE.to_owned(),
            module: "error_code".to_owned(),
            docs: Docs::from_text(Some(
                "The documented values of `error_code` in error bodies, gathered from every \
                 operation's `x-error-codes`. Each operation's docs list the codes it may return.",
            )),
            kind: TypeKind::ErrorCodes(error_codes),
            source: JsonPointer::root().push("paths"),
        });
    }
    for table in permissions::build(document, &groups, problems) {
        if let Some(taken) = types.iter().find(|def| def.name == table.name) {
            problems.report(
                &taken.source,
                format!(
                    "type name `{}` is reserved: it names the permission table of `x-permission-roles`; \
                     set `x-rust-name` on the schema",
                    table.name
                ),
            );
        }
        types.push(table);
    }
    Api { types, groups }
}

/// Name of the enum of documented error codes, generated when an operation has `x-error-codes`.
pub const ERROR_CODE: &str = "ErrorCode";

/// Whether some operation of `document` documents error codes (`x-error-codes`), so that the
/// `ErrorCode` enum is generated and its name is taken.
fn documents_error_codes(document: &OpenAPI) -> bool {
    document
        .paths
        .iter()
        .filter_map(|(_, item)| item.as_item())
        .flat_map(|item| item.iter())
        .any(|(_, operation)| operation.extensions.contains_key("x-error-codes"))
}
