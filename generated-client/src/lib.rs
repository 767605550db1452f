#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

// Generated modules are formatted by the generator (prettyplease), not by rustfmt.
#[rustfmt::skip]
pub mod apis;
#[rustfmt::skip]
pub mod models;
mod runtime;

pub use runtime::{
    ApiError, Client, ClientBuilder, DecodeError, Error, Secret, StatusCode, UnknownFields,
    UnknownValue,
};
