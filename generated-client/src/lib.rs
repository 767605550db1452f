//! Typed async client for the Redis Enterprise Software REST API.
//!
//! Endpoints are grouped by resource and return request builders that can be awaited directly:
//!
//! ```no_run
//! use redis_enterprise_client::{models::Bdb, Client};
//!
//! # async fn run() -> Result<(), redis_enterprise_client::Error> {
//! let client = Client::builder()
//!     .base_url("https://cluster.example.com:9443")
//!     .basic_auth("admin@example.com", "secret")
//!     .build()?;
//!
//! for bdb in client.bdbs().list().fields(["uid", "name"]).await? {
//!     let Some(uid) = bdb.uid else { continue };
//!     // A PUT that sends only the fields that are set: here `{"name": ...}`.
//!     let rename = Bdb { name: Some(format!("database{uid}")), ..Bdb::default() };
//!     client.bdbs().update(uid, &rename).await?;
//! }
//! # Ok(()) }
//! ```
//!
//! Models follow the spec but tolerate what real clusters send: every field is optional unless the spec
//! requires it, members the spec does not know are kept in `unknown_fields` and written back, enums keep
//! unknown values in their `Unknown` variant, and numbers also decode from numeric strings.
//!
//! TLS certificates are verified by default. Clusters usually run with a self-signed certificate: trust
//! its CA with [`ClientBuilder::root_certificate_pem`], or explicitly opt out with
//! [`ClientBuilder::danger_accept_invalid_certs`].
//!
//! `models` and `apis` are generated from `spec/redis-enterprise.yaml` by `cargo xtask codegen`;
//! the runtime (client, errors, encoding) is written by hand.

#![deny(missing_docs)]

// Generated modules are formatted by the generator (prettyplease), not by rustfmt.
#[rustfmt::skip]
pub mod apis;
#[rustfmt::skip]
pub mod models;
mod runtime;

pub use runtime::{ApiError, Client, ClientBuilder, DecodeError, Error, Secret, StatusCode};
