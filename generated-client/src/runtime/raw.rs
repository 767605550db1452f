//! Requests to routes the spec does not describe (newer server versions, undocumented routes), sent
//! the way generated operations are: same authentication, TLS, timeouts, retries and error mapping.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::auth::CallAuth;
use super::download::Download;
use super::error::Error;
use super::query::Query;
use super::request::{encode_segment, Call, Operation};
use super::response::Response;
use super::Client;

/// How raw requests are named in errors, where generated operations give their `operationId`.
const RAW_ID: &str = "raw request";

impl Client {
    /// Starts a request to `path`, below the base URL, for a route the spec lacks. The path is sent as
    /// written: add values with [`RawRequest::segment`], which percent-encodes them as generated
    /// operations do.
    ///
    /// ```no_run
    /// use redis_enterprise_client::{Client, Method};
    /// use serde_json::Value;
    ///
    /// # async fn run(client: Client) -> Result<(), redis_enterprise_client::Error> {
    /// // GET /v1/bdbs/1/shards?extended=true, decoded as any JSON value.
    /// let shards: Value = client
    ///     .raw(Method::GET, "/v1/bdbs")
    ///     .segment(1)
    ///     .segment("shards")
    ///     .query("extended", true)
    ///     .send()
    ///     .await?;
    /// // A POST with a JSON body whose response is not needed.
    /// client
    ///     .raw(Method::POST, "/v1/bdbs/1/actions/backup")
    ///     .json(&serde_json::json!({"location": "s3"}))
    ///     .send_bytes()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn raw(&self, method: Method, path: impl Into<String>) -> RawRequest {
        let path = path.into();
        let problem =
            (!path.starts_with('/')).then(|| format!("the path `{path}` must start with `/`"));
        RawRequest {
            client: self.clone(),
            idempotent: method.is_idempotent(),
            method,
            path,
            query: Query::new(),
            body: None,
            auth: None,
            timeout: None,
            problem,
        }
    }
}

/// A request to a route the spec lacks, started by [`Client::raw`]. Whether it is sent again after a
/// failure that may have reached the server follows [`idempotent`](Self::idempotent).
#[derive(Clone)]
#[must_use = "a request does nothing until it is sent"]
pub struct RawRequest {
    client: Client,
    method: Method,
    path: String,
    query: Query,
    body: Option<Value>,
    idempotent: bool,
    auth: Option<CallAuth>,
    timeout: Option<Duration>,
    /// The first problem found while building, reported when sending.
    problem: Option<String>,
}

/// The body is left out: it may hold passwords the runtime cannot recognise.
impl fmt::Debug for RawRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("has_body", &self.body.is_some())
            .field("idempotent", &self.idempotent)
            .field("timeout", &self.timeout)
            .field("problem", &self.problem)
            .finish_non_exhaustive()
    }
}

impl RawRequest {
    /// Appends `/` and `value`, percent-encoded so it stays one segment (`a/b` becomes `a%2Fb`).
    pub fn segment(mut self, value: impl fmt::Display) -> Self {
        match encode_segment(&value.to_string()) {
            Ok(encoded) => {
                self.path.push('/');
                self.path.push_str(&encoded);
            }
            Err(problem) => {
                self.problem.get_or_insert(problem);
            }
        }
        self
    }

    /// Appends `key=value` to the query string, percent-encoded.
    pub fn query(mut self, key: &str, value: impl fmt::Display) -> Self {
        self.query.push(key, &value);
        self
    }

    /// Sends `body` as JSON.
    pub fn json(mut self, body: &impl Serialize) -> Self {
        match serde_json::to_value(body) {
            Ok(body) => self.body = Some(body),
            Err(error) => {
                self.problem
                    .get_or_insert(format!("cannot encode the request body: {error}"));
            }
        }
        self
    }

    /// Authenticates this request with `auth` rather than the client's own setting.
    #[allow(dead_code)] // The crate's own token sources use it; a given crate may have none.
    pub(crate) fn auth(mut self, auth: CallAuth) -> Self {
        self.auth = Some(auth);
        self
    }

    /// Whether sending the request twice has the effect of sending it once, so that it may be sent
    /// again after a failure that may have reached the server. By default, what HTTP says of the
    /// method (GET, PUT and DELETE are idempotent, POST and PATCH are not).
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = idempotent;
        self
    }

    /// Gives the request `timeout` in place of the client's [`timeout`](crate::ClientBuilder::timeout),
    /// as [`Request::timeout`](crate::Request::timeout) does.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends the request and decodes the JSON response as `T`: a model, or [`serde_json::Value`].
    pub async fn send<T: DeserializeOwned>(self) -> Result<T, Error> {
        self.send_with_response().await.map(Response::into_value)
    }

    /// Sends the request and decodes the JSON response as `T`, with the response's status and headers.
    pub async fn send_with_response<T: DeserializeOwned>(self) -> Result<Response<T>, Error> {
        let operation = self.operation();
        self.call(&operation)?.send_json().await
    }

    /// Sends the request and returns the response body as it came, possibly empty.
    pub async fn send_bytes(self) -> Result<Bytes, Error> {
        let operation = self.operation();
        Ok(self.call(&operation)?.send().await?.into_value())
    }

    /// Sends the request and returns the response body as it arrives, for files too large to hold in
    /// memory.
    pub async fn send_download(self) -> Result<Download, Error> {
        let operation = self.operation();
        Ok(self.call(&operation)?.send_download().await?.into_value())
    }

    /// The request as the runtime sends it, or the first problem found while building it.
    fn call<'a>(&'a self, operation: &'a Operation<'a>) -> Result<Call<'a>, Error> {
        if let Some(message) = &self.problem {
            return Err(Error::Request {
                operation: operation.to_string(),
                message: message.clone(),
            });
        }
        let mut call = self
            .client
            .call(operation, self.path.clone(), self.query.clone())
            .timeout(self.timeout);
        if let Some(auth) = &self.auth {
            call = call.auth(auth.clone());
        }
        Ok(match &self.body {
            Some(body) => call.json(body),
            None => call,
        })
    }

    fn operation(&self) -> Operation<'_> {
        Operation {
            id: RAW_ID,
            method: self.method.clone(),
            path: &self.path,
            idempotent: self.idempotent,
            // A raw request has no spec to say which error codes are temporary.
            retryable_error_codes: &[],
        }
    }
}
