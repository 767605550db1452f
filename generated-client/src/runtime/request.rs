//! Sending one request and decoding its response: the single path every generated operation takes.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use bytes::Bytes;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use reqwest::header::{
    HeaderName, HeaderValue, InvalidHeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, COOKIE,
};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde::Serialize;
use tokio::time::Instant;
use tracing::Instrument;

pub use reqwest::Method;

use super::auth::{token_header, CallAuth};
use super::download::Download;
use super::error::{ApiError, DecodeError, Error};
use super::lines::JsonLines;
use super::query::{Query, ENCODE};
use super::response::Response;
use super::upload::{Form, Upload};
use super::Client;

/// The future an operation's builder turns into when awaited. It owns everything it needs, so it can be
/// spawned on another task.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// What identifies an operation in errors and traces: its id, method and path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation<'a> {
    /// The spec's `operationId`.
    pub id: &'a str,
    /// HTTP method.
    pub method: Method,
    /// Path template, such as `/v1/bdbs/{uid}`.
    pub path: &'a str,
    /// Whether sending it twice has the effect of sending it once, as the spec says (`x-idempotent`,
    /// or by method). Only idempotent requests are sent again once they may have reached a server.
    pub idempotent: bool,
    /// The `error_code` values of error bodies that name a temporary condition, worth a retry.
    pub retryable_error_codes: &'a [&'a str],
}

impl fmt::Display for Operation<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({} {})", self.id, self.method, self.path)
    }
}

/// A path parameter, percent-encoded so it stays one segment (`a/b` becomes `a%2Fb`).
#[allow(dead_code)] // Generated code calls this; a given spec may not.
pub(crate) fn path_segment(
    operation: &Operation<'_>,
    value: &impl fmt::Display,
) -> Result<String, Error> {
    encode_segment(&value.to_string()).map_err(|message| Error::Request {
        operation: operation.to_string(),
        message,
    })
}

/// `value` as JSON text, for a form field holding an object or a parameter sent as JSON.
#[allow(dead_code)] // Generated code calls this; a given spec may not.
pub(crate) fn json_text(
    operation: &Operation<'_>,
    value: &impl Serialize,
) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|error| Error::Request {
        operation: operation.to_string(),
        message: format!("cannot encode a parameter as JSON: {error}"),
    })
}

/// Appends `value`, an object, to `query` member by member as the parameter `key` (`deepObject`).
#[allow(dead_code)] // Generated code calls this; a given spec may not.
pub(crate) fn push_deep(
    operation: &Operation<'_>,
    query: &mut Query,
    key: &str,
    value: &impl Serialize,
) -> Result<(), Error> {
    match parameter_json(operation, key, value)? {
        serde_json::Value::Object(members) => {
            query.push_deep(key, &members);
            Ok(())
        }
        _ => Err(Error::Request {
            operation: operation.to_string(),
            message: format!("the `{key}` parameter must be a JSON object"),
        }),
    }
}

/// Appends `value`, an object, to `query` as the parameter `key` in the `form` style (or
/// `spaceDelimited`, `pipeDelimited`): member by member with `separator` `None` (`explode: true`),
/// else as one pair of its members and values joined by `separator` (see [`Query::push_form`]).
#[allow(dead_code)] // Generated code calls this; a given spec may not.
pub(crate) fn push_members(
    operation: &Operation<'_>,
    query: &mut Query,
    key: &str,
    value: &impl Serialize,
    separator: Option<char>,
) -> Result<(), Error> {
    query.push_form(key, &parameter_json(operation, key, value)?, separator);
    Ok(())
}

/// `value`, the parameter `key`, as JSON, or why it has none.
fn parameter_json(
    operation: &Operation<'_>,
    key: &str,
    value: &impl Serialize,
) -> Result<serde_json::Value, Error> {
    serde_json::to_value(value).map_err(|error| Error::Request {
        operation: operation.to_string(),
        message: format!("cannot encode the `{key}` parameter: {error}"),
    })
}

/// `value` percent-encoded as one path segment. `.` and `..` are refused: URL parsing resolves them, so
/// the request would go to another path.
pub(crate) fn encode_segment(value: &str) -> Result<String, String> {
    if value == "." || value == ".." {
        return Err(format!(
            "the path parameter `{value}` would change the request's path"
        ));
    }
    Ok(utf8_percent_encode(value, ENCODE).to_string())
}

/// Decodes the JSON body of `response`, a successful response to `operation`, as `T`. A body that
/// does not decode is an error naming the path of the bad value, which keeps the body.
pub(crate) fn decode_json<T: DeserializeOwned>(
    operation: &Operation<'_>,
    response: Response<Bytes>,
) -> Result<Response<T>, Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(response.value());
    let decoded = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| (error.path().to_string(), error.into_inner()))
        .and_then(|value| {
            deserializer
                .end()
                .map(|()| value)
                .map_err(|error| (".".to_owned(), error))
        });
    match decoded {
        Ok(value) => Ok(response.map(|_| value)),
        Err((path, error)) => Err(Error::Decode(Box::new(DecodeError::new(
            operation,
            response.status(),
            path,
            error,
            response.into_value(),
        )))),
    }
}

/// How an attempt reads the body of a successful response: whole, or as it arrives.
pub(crate) trait Receive: Sized + Send + 'static {
    /// Reads (or starts reading) the body of `response`, a 2xx.
    fn receive(
        operation: &Operation<'_>,
        response: reqwest::Response,
    ) -> impl Future<Output = Result<Self, Error>> + Send;
}

impl Receive for Bytes {
    fn receive(
        operation: &Operation<'_>,
        response: reqwest::Response,
    ) -> impl Future<Output = Result<Self, Error>> + Send {
        let status = response.status();
        async move {
            response
                .bytes()
                .await
                .map_err(|error| Error::from_transport(operation, Some(status), error))
        }
    }
}

/// A request body, as each attempt sends it.
enum Payload {
    /// Encoded once, sent as they are (JSON, form fields, text).
    Bytes {
        content_type: &'static str,
        bytes: Bytes,
    },
    /// Parts of a `multipart/form-data` body, files opened by each attempt.
    Form(Form),
    /// A file, the whole body, opened by each attempt.
    File {
        content_type: String,
        upload: Upload,
    },
}

/// A request being prepared by generated code or a raw request.
pub struct Call<'a> {
    client: &'a Client,
    operation: &'a Operation<'a>,
    path: String,
    query: Query,
    headers: Vec<(&'static str, String)>,
    cookies: Vec<(&'static str, String)>,
    /// The body, or why it cannot be sent.
    body: Option<Result<Payload, String>>,
    auth: Option<CallAuth>,
    accept: Option<&'static str>,
    /// How long each attempt may take, in place of the client's timeout.
    timeout: Option<Duration>,
}

impl Client {
    /// Starts a request for `operation` to `path` (already encoded) with `query`.
    pub(crate) fn call<'a>(
        &'a self,
        operation: &'a Operation<'a>,
        path: String,
        query: Query,
    ) -> Call<'a> {
        Call {
            client: self,
            operation,
            path,
            query,
            headers: Vec::new(),
            cookies: Vec::new(),
            body: None,
            auth: None,
            accept: None,
            timeout: None,
        }
    }
}

impl<'a> Call<'a> {
    /// The operation this request is for.
    #[allow(dead_code)] // Reading a body by status needs it; a given spec may have none.
    pub(crate) fn operation(&self) -> &'a Operation<'a> {
        self.operation
    }

    /// Sends `body` as JSON.
    #[allow(dead_code)] // Generated code calls this; a given spec may not.
    pub(crate) fn json(mut self, body: &impl Serialize) -> Self {
        self.body = Some(
            serde_json::to_vec(body)
                .map(|bytes| Payload::Bytes {
                    content_type: "application/json",
                    bytes: Bytes::from(bytes),
                })
                .map_err(|error| format!("cannot encode the request body: {error}")),
        );
        self
    }

    /// Sends `form` as a `multipart/form-data` body.
    #[allow(dead_code)] // Generated code calls this; a given spec may not.
    pub(crate) fn multipart(mut self, form: Form) -> Self {
        self.body = Some(Ok(Payload::Form(form)));
        self
    }

    /// Sends `fields` as an `application/x-www-form-urlencoded` body.
    #[allow(dead_code)] // Generated code calls this; a given spec may not.
    pub(crate) fn url_encoded(self, fields: Query) -> Self {
        self.bytes(
            "application/x-www-form-urlencoded",
            fields.as_str().to_owned(),
        )
    }

    /// Sends `text` as the body, of `content_type` (printable ASCII).
    #[allow(dead_code)] // Generated code calls this; a given spec may not.
    pub(crate) fn text(self, content_type: &'static str, text: &str) -> Self {
        self.bytes(content_type, text.to_owned())
    }

    /// Sends `bytes` as the body, of `content_type` (printable ASCII).
    #[allow(dead_code)] // Generated code calls this; a given spec may not.
    fn bytes(mut self, content_type: &'static str, bytes: impl Into<Bytes>) -> Self {
        self.body = Some(Ok(Payload::Bytes {
            content_type,
            bytes: bytes.into(),
        }));
        self
    }

    /// Sends `upload` as the whole body, documented as `content_type` (see
    /// [`Upload::body_media_type`]).
    #[allow(dead_code)] // Generated code calls this; a given spec may not.
    pub(crate) fn upload(mut self, content_type: &str, upload: &Upload) -> Self {
        self.body = Some(Ok(Payload::File {
            content_type: upload.body_media_type(content_type),
            upload: upload.clone(),
        }));
        self
    }

    /// Asks for a response body of `media_type` (printable ASCII), rather than the kind the `send_*`
    /// method reads.
    #[allow(dead_code)] // Generated code calls this; a given spec may not.
    pub(crate) fn accept(mut self, media_type: &'static str) -> Self {
        self.accept = Some(media_type);
        self
    }

    /// Authenticates this request with `auth` rather than the client's own setting.
    pub(crate) fn auth(mut self, auth: CallAuth) -> Self {
        self.auth = Some(auth);
        self
    }

    /// Gives each attempt `timeout`, when set, rather than the client's timeout.
    pub(crate) fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sends the header `name: value`.
    #[allow(dead_code)] // Generated code calls this; a given spec may not.
    pub(crate) fn header(mut self, name: &'static str, value: &impl fmt::Display) -> Self {
        self.headers.push((name, value.to_string()));
        self
    }

    /// Sends the cookie `name=value`, with the other cookies in one `Cookie` header.
    #[allow(dead_code)] // Generated code calls this; a given spec may not.
    pub(crate) fn cookie(mut self, name: &'static str, value: &impl fmt::Display) -> Self {
        self.cookies.push((name, value.to_string()));
        self
    }

    /// Sends the request and decodes a JSON response body as `T`.
    pub(crate) async fn send_json<T: DeserializeOwned>(self) -> Result<Response<T>, Error> {
        let operation = self.operation;
        decode_json(operation, self.send().await?)
    }

    /// Sends the request and returns a text response body.
    #[allow(dead_code)] // Generated code calls this; a given spec may not.
    pub(crate) async fn send_text(self) -> Result<Response<String>, Error> {
        let operation = self.operation;
        let response = self.send_as::<Bytes>("text/plain, */*").await?;
        match std::str::from_utf8(response.value()) {
            Ok(text) => {
                let text = text.to_owned();
                Ok(response.map(|_| text))
            }
            Err(error) => Err(Error::Decode(Box::new(DecodeError::new(
                operation,
                response.status(),
                ".".to_owned(),
                format!("the body is not UTF-8 text: {error}"),
                response.into_value(),
            )))),
        }
    }

    /// Sends the request and returns a newline-delimited JSON body, decoded line by line as it
    /// arrives.
    #[allow(dead_code)] // Generated code calls this; a given spec may not.
    pub(crate) async fn send_json_lines<T: DeserializeOwned>(
        self,
    ) -> Result<Response<JsonLines<T>>, Error> {
        Ok(self.send_download().await?.map(JsonLines::new))
    }

    /// Sends the request and returns the response body as it arrives, for large files.
    pub(crate) async fn send_download(self) -> Result<Response<Download>, Error> {
        self.send_as("*/*").await
    }

    /// Sends the request; a successful response's body, if any, is not needed.
    #[allow(dead_code)] // Generated code calls this; a given spec may not.
    pub(crate) async fn send_empty(self) -> Result<Response<()>, Error> {
        self.send().await.map(|response| response.map(drop))
    }

    /// Sends the request, to another node when one is unavailable and again as the retry policy
    /// allows, and returns a successful (2xx) response with its raw body.
    pub(crate) async fn send(self) -> Result<Response<Bytes>, Error> {
        self.send_as("application/json").await
    }

    /// [`send`](Self::send), reading the successful response's body as `R`, and accepting `accept` unless
    /// the call asked for another media type.
    async fn send_as<R: Receive>(mut self, accept: &'static str) -> Result<Response<R>, Error> {
        let body = match self.body.take() {
            Some(Ok(body)) => Some(body),
            Some(Err(message)) => {
                return Err(Error::Request {
                    operation: self.operation.to_string(),
                    message,
                })
            }
            None => None,
        };
        let mut headers = Vec::with_capacity(self.headers.len());
        for (name, value) in &self.headers {
            match (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(value),
            ) {
                (Ok(name), Ok(value)) => headers.push((name, value)),
                _ => {
                    return Err(Error::Request {
                        operation: self.operation.to_string(),
                        message: format!("the `{name}` header cannot hold the given value"),
                    })
                }
            }
        }
        if !self.cookies.is_empty() {
            let cookies = cookie_header(&self.cookies).map_err(|_| Error::Request {
                operation: self.operation.to_string(),
                message: "the cookies cannot be sent in a header".to_owned(),
            })?;
            headers.push((COOKIE, cookies));
        }
        let request = Prepared {
            accept: self.accept.unwrap_or(accept),
            headers,
            body,
            auth: self.auth.take(),
            timeout: self.timeout,
            token_refused: AtomicBool::new(false),
        };
        // Field names follow OpenTelemetry's HTTP conventions where they exist; `otel.name` names the
        // span after the operation for exporters (a `tracing` span name cannot vary).
        let span = tracing::info_span!(
            "request",
            otel.name = self.operation.id,
            operation = self.operation.id,
            http.request.method = %self.operation.method,
            url.template = self.operation.path,
            http.response.status_code = tracing::field::Empty,
            attempts = tracing::field::Empty,
        );
        async {
            let result = self.send_as_needed(&request).await;
            // A refused token has been dropped by its source (see `attempt`): one more try with a new
            // one. The server did not act on a request it refused, so sending it again is safe.
            if result.is_err() && request.token_refused.swap(false, Ordering::Relaxed) {
                return self.send_as_needed(&request).await;
            }
            result
        }
        .instrument(span)
        .await
    }

    /// The attempts of [`send`](Self::send). A round tries the node the client sticks to, then, while
    /// nodes are unavailable, each other node once, in order; rounds are repeated as the retry policy
    /// allows. The order of a round is fixed when it starts, so requests running at the same time,
    /// which move the shared current node too, cannot make it skip or repeat a node.
    async fn send_as_needed<R: Receive>(&self, request: &Prepared) -> Result<Response<R>, Error> {
        let started = Instant::now();
        let nodes = self.client.node_urls().len();
        let mut attempt = 1;
        let mut sent = 0;
        loop {
            let first = self.client.current_node();
            let mut offset = 0;
            let error = loop {
                let node = (first + offset) % nodes;
                sent += 1;
                let result = self.attempt_traced(node, sent, request).await;
                let error = match result {
                    Ok(response) => {
                        self.client.stick_to(node);
                        return Ok(response);
                    }
                    Err(error) => error,
                };
                if !error.is_node_unavailable() {
                    break error;
                }
                self.client.move_on_from(node);
                offset += 1;
                if offset == nodes {
                    break error;
                }
                tracing::warn!(
                    status = error.status().map(|status| status.as_u16()),
                    "node unavailable, moving on to the next one"
                );
            };
            let retry = self.client.retry_policy().filter(|_| error.is_retryable());
            match retry.and_then(|policy| policy.backoff(attempt, started.elapsed())) {
                Some(wait) => {
                    tracing::warn!(
                        status = error.status().map(|status| status.as_u16()),
                        error_code = error.raw_error_code(),
                        wait = ?wait,
                        "retrying"
                    );
                    tokio::time::sleep(wait).await;
                }
                None => return Err(error),
            }
            attempt += 1;
        }
    }

    /// One attempt to `node`, in its own span, recording the status on the request's span.
    async fn attempt_traced<R: Receive>(
        &self,
        node: usize,
        sent: u32,
        request: &Prepared,
    ) -> Result<Response<R>, Error> {
        let url = &self.client.node_urls()[node];
        let span = tracing::debug_span!(
            "attempt",
            attempt = sent,
            server.address = url.host_str().unwrap_or_default(),
            server.port = url.port_or_known_default(),
            http.response.status_code = tracing::field::Empty,
        );
        let result = self.attempt(node, request).instrument(span).await;
        let request = tracing::Span::current();
        request.record("attempts", sent);
        if let Some(status) = result
            .as_ref()
            .map_or_else(Error::status, |ok| Some(ok.status()))
        {
            request.record("http.response.status_code", status.as_u16());
        }
        result
    }

    /// Sends the request once, to `node`.
    async fn attempt<R: Receive>(
        &self,
        node: usize,
        prepared: &Prepared,
    ) -> Result<Response<R>, Error> {
        let operation = self.operation;
        let url = self
            .client
            .url(node, &self.path, &self.query)
            .map_err(|message| Error::Request {
                operation: operation.to_string(),
                message,
            })?;
        let mut request = self
            .client
            .http()
            .request(operation.method.clone(), url)
            .header(ACCEPT, HeaderValue::from_static(prepared.accept));
        if let Some(timeout) = prepared.timeout {
            request = request.timeout(timeout);
        }
        for (name, value) in &prepared.headers {
            request = request.header(name, value);
        }
        // The authorization headers are marked sensitive, so HTTP tooling does not log them.
        let mut sent_token = None;
        let token = match (
            &prepared.auth,
            self.client.credentials(),
            self.client.token_source(),
        ) {
            (Some(CallAuth::Basic { username, password }), _, _) => {
                request = request.basic_auth(username, Some(password.expose()));
                None
            }
            (Some(CallAuth::Token { scheme, token }), _, _) => Some((*scheme, token.clone())),
            (None, Some(credentials), _) => {
                request = request.basic_auth(&credentials.username, Some(&credentials.password));
                None
            }
            (None, None, Some(source)) => {
                let token = source.token(self.client).await?;
                sent_token = Some(token.clone());
                Some((source.scheme(), token))
            }
            (None, None, None) => None,
        };
        if let Some((scheme, token)) = token {
            let header = token_header(scheme, &token).ok_or_else(|| Error::Request {
                operation: operation.to_string(),
                message: "the token cannot be sent in an HTTP header".to_owned(),
            })?;
            request = request.header(AUTHORIZATION, header);
        }
        match &prepared.body {
            Some(Payload::Bytes {
                content_type,
                bytes,
            }) => {
                request = request
                    .header(CONTENT_TYPE, HeaderValue::from_static(content_type))
                    .body(bytes.clone());
            }
            Some(Payload::Form(form)) => request = request.multipart(form.open(operation).await?),
            Some(Payload::File {
                content_type,
                upload,
            }) => {
                let content_type =
                    HeaderValue::from_str(content_type).map_err(|_| Error::Request {
                        operation: operation.to_string(),
                        message: format!(
                            "the upload's content type `{content_type}` is not a header value"
                        ),
                    })?;
                let (body, length) = upload.open(operation).await?;
                request = request
                    .header(CONTENT_TYPE, content_type)
                    .header(reqwest::header::CONTENT_LENGTH, length)
                    .body(body);
            }
            None => {}
        }
        let response = request
            .send()
            .await
            .map_err(|error| Error::from_transport(operation, None, error))?;
        let status = response.status();
        tracing::Span::current().record("http.response.status_code", status.as_u16());
        if let (StatusCode::UNAUTHORIZED, Some(token), Some(source)) =
            (status, &sent_token, self.client.token_source())
        {
            source.refused(token);
            prepared.token_refused.store(true, Ordering::Relaxed);
        }
        let headers = response.headers().clone();
        if status.is_success() {
            let body = R::receive(operation, response).await?;
            return Ok(Response::new(status, headers, body));
        }
        let body = response
            .bytes()
            .await
            .map_err(|error| Error::from_transport(operation, Some(status), error))?;
        Err(Error::Api(Box::new(ApiError::new(operation, status, body))))
    }
}

/// Bytes percent-encoded in a cookie value: those RFC 6265 does not allow there, and `%`, so that the
/// value decodes back to what was given.
const COOKIE_VALUE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// The `Cookie` header sending `cookies`. Names are HTTP tokens (the generator checks them) and values
/// are encoded to visible ASCII, which a header value holds.
fn cookie_header(cookies: &[(&str, String)]) -> Result<HeaderValue, InvalidHeaderValue> {
    let pairs: Vec<String> = cookies
        .iter()
        .map(|(name, value)| format!("{name}={}", utf8_percent_encode(value, COOKIE_VALUE)))
        .collect();
    HeaderValue::from_str(&pairs.join("; "))
}

/// What every attempt of a request sends beside its method, path and query.
struct Prepared {
    accept: &'static str,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Option<Payload>,
    auth: Option<CallAuth>,
    timeout: Option<Duration>,
    /// Set when the server refused the token of the client's token source: the request is worth
    /// one more try with a new token.
    token_refused: AtomicBool,
}
