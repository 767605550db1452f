#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

// Generated modules are formatted by the generator (prettyplease), not by rustfmt.
#[rustfmt::skip]
pub mod apis;
#[rustfmt::skip]
pub mod models;
mod runtime;
// Written by hand on top of the generated endpoints; standalone crates do not get it.
pub mod wait;
// Written by hand on top of the runtime's token sources; standalone crates do not get it.
pub mod jwt;
// Written by hand on top of the generated `logs` endpoint; standalone crates do not get it.
pub mod logs;

/// The HTTP client underneath, for [`ClientBuilder::http_client`] at the version this crate uses.
pub use reqwest;

pub use runtime::{
    ApiError, Client, ClientBuilder, DecodeError, Download, Error, JsonLines, Line, Method,
    RawRequest, Request, Response, RetryPolicy, Secret, StatusCode, TokenFuture, TokenSource,
    UnknownFields, UnknownValue, Upload,
};
