//! The hand-written half of the client: configuration, transport, errors, and the encoding and decoding
//! helpers that generated code calls. Nothing here knows about a particular endpoint.

mod auth;
mod builder;
mod client;
pub mod de;
mod download;
mod env;
mod error;
mod lines;
mod query;
mod raw;
mod request;
mod response;
mod retry;
mod secret;
#[allow(dead_code)] // Generated code calls it for tagged unions; a given spec may have none.
pub mod tagged;
mod unknown;
mod upload;

pub use auth::{TokenFuture, TokenSource};
pub use builder::Request;
pub use client::{Client, ClientBuilder};
pub use download::Download;
pub use error::{ApiError, DecodeError, Error};
pub use lines::{JsonLines, Line};
pub use raw::RawRequest;
pub use request::Method;
pub use reqwest::StatusCode;
pub use response::Response;
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use unknown::{UnknownFields, UnknownValue};
pub use upload::Upload;

#[allow(unused_imports)] // The crate's own token sources use it; a given crate may have none.
pub(crate) use auth::CallAuth;
#[allow(unused_imports)] // Generated code implements these; a given spec may not.
pub(crate) use builder::{
    AsDownload, AsEmpty, AsJson, AsJsonLines, AsText, ByStatus, Endpoint, FromStatus,
};
#[allow(unused_imports)] // Generated code calls this; a given spec may not.
pub(crate) use query::Query;
#[allow(unused_imports)] // Generated code calls this; a given spec may not.
pub(crate) use request::{
    decode_json, json_text, path_segment, push_deep, push_members, BoxFuture, Call, Operation,
};
#[allow(unused_imports)] // Generated code calls this; a given spec may not.
pub(crate) use upload::Form;
