//! Errors: what failed, in which operation, with what the server said.

use std::error::Error as StdError;
use std::fmt;

use bytes::Bytes;
use reqwest::StatusCode;

use super::request::Operation;

/// Longest stretch of a non-JSON error body quoted in a message.
const BODY_EXCERPT_CHARS: usize = 200;

/// Anything that can go wrong calling the API. Messages name the operation (`bdbs_get (GET
/// /v1/bdbs/{uid})`) and never contain the password.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The client could not be built from its configuration.
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// The request could not be put together (for example the body does not encode).
    #[error("{operation}: cannot build the request: {message}")]
    Request {
        /// The operation.
        operation: String,
        /// What went wrong.
        message: String,
    },
    /// The server's TLS certificate was rejected.
    #[error(
        "{operation}: the server's TLS certificate was rejected ({}); trust the cluster's CA with \
         `root_certificate_pem`, or turn verification off with `danger_accept_invalid_certs`",
        causes(source)
    )]
    Tls {
        /// The operation.
        operation: String,
        /// The transport error carrying the verification failure.
        #[source]
        source: reqwest::Error,
    },
    /// No complete response was received: the connection failed or timed out, or the body broke off.
    #[error("{operation}: {}", causes(source))]
    Transport {
        /// The operation.
        operation: String,
        /// Whether sending the request twice has the effect of sending it once, as the spec says.
        idempotent: bool,
        /// The status of the response whose body could not be read, when one arrived.
        status: Option<StatusCode>,
        /// The transport error.
        #[source]
        source: reqwest::Error,
    },
    /// The server answered with a status other than 2xx.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// A successful response's body does not match the expected type.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// A local file could not be read for an upload, or written for a download.
    #[error("{operation}: {}: {source}", path.display())]
    File {
        /// The operation.
        operation: String,
        /// The file.
        path: std::path::PathBuf,
        /// What the file system said.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api(error) => Some(error.status()),
            Self::Decode(error) => Some(error.status()),
            Self::Transport { status, .. } => *status,
            _ => None,
        }
    }

    /// The `error_code` member of an error response's body as sent, when it had one. Where the spec
    /// documents error codes, `error_code()` gives it as a typed enum.
    pub fn raw_error_code(&self) -> Option<&str> {
        match self {
            Self::Api(error) => error.raw_error_code(),
            _ => None,
        }
    }

    /// Whether the request ran out of time: the client's [`timeout`](crate::ClientBuilder::timeout),
    /// the request's own, or the connect timeout.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Transport { source, .. } if source.is_timeout())
    }

    /// Whether sending the same request again is safe and may succeed: the connection could not be made,
    /// an idempotent request failed in transit (timed out, broke off...), the node was not serving the
    /// cluster (503), or the
    /// body's `error_code` names a temporary condition (`x-retryable` in the spec, such as `busy`).
    ///
    /// Whether an operation is idempotent comes from the spec, not from its method alone: a PUT that
    /// flushes a database must not be repeated blindly. A request that may have taken effect is only
    /// retryable when the operation is idempotent. Other 4xx statuses are never retryable: some
    /// operations use 409 for permanent conditions; see each operation's documented statuses.
    pub fn is_retryable(&self) -> bool {
        self.is_node_unavailable() || matches!(self, Self::Api(error) if error.retryable_code)
    }

    /// Whether the node did not serve the request and another node of the cluster may: it could not be
    /// reached, an idempotent request to it failed in transit (timed out, broke off, any other
    /// transport failure), or it answered 503.
    pub(crate) fn is_node_unavailable(&self) -> bool {
        match self {
            Self::Transport {
                source, idempotent, ..
            } => source.is_connect() || *idempotent,
            Self::Api(error) => error.status() == StatusCode::SERVICE_UNAVAILABLE,
            _ => false,
        }
    }

    /// Classifies a transport failure, with the status of the response when its body broke off:
    /// certificate problems are told apart from other connection errors.
    pub(crate) fn from_transport(
        operation: &Operation,
        status: Option<StatusCode>,
        source: reqwest::Error,
    ) -> Self {
        let idempotent = operation.idempotent;
        let operation = operation.to_string();
        if is_certificate_rejection(&source) {
            Self::Tls { operation, source }
        } else {
            Self::Transport {
                operation,
                idempotent,
                status,
                source,
            }
        }
    }
}

/// Whether a rustls certificate error is somewhere in the chain of `error`.
fn is_certificate_rejection(error: &(dyn StdError + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(error) = current {
        if matches!(
            error.downcast_ref::<rustls::Error>(),
            Some(rustls::Error::InvalidCertificate(_))
        ) {
            return true;
        }
        // `io::Error::source` skips the error it wraps, so look inside explicitly.
        let wrapped = error
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref());
        if let Some(inner) = wrapped {
            if is_certificate_rejection(inner) {
                return true;
            }
        }
        current = error.source();
    }
    false
}

/// `error` and its causes, joined by `: `.
fn causes(error: &(dyn StdError + 'static)) -> String {
    let mut text = error.to_string();
    let mut current = error.source();
    while let Some(cause) = current {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        current = cause.source();
    }
    text
}

/// A response with a non-2xx status.
#[derive(Clone)]
pub struct ApiError {
    operation: String,
    status: StatusCode,
    error_code: Option<String>,
    /// Whether `error_code` is one the operation calls worth a retry.
    retryable_code: bool,
    description: Option<String>,
    body: Bytes,
}

impl ApiError {
    /// Reads `error_code` and `description` (or `message`) from a JSON body, when there is one.
    pub(crate) fn new(operation: &Operation, status: StatusCode, body: Bytes) -> Self {
        let json = serde_json::from_slice::<serde_json::Value>(&body).ok();
        let member = |name: &str| json.as_ref()?.get(name)?.as_str().map(str::to_owned);
        let error_code = member("error_code");
        let retryable_code = error_code
            .as_deref()
            .is_some_and(|code| operation.retryable_error_codes.contains(&code));
        Self {
            operation: operation.to_string(),
            status,
            error_code,
            retryable_code,
            description: member("description").or_else(|| member("message")),
            body,
        }
    }

    /// The operation that failed.
    pub fn operation(&self) -> &str {
        &self.operation
    }

    /// The response status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The `error_code` member of the body as sent, when the body is a JSON object that has one.
    /// Where the spec documents error codes, `error_code()` gives it as a typed enum.
    pub fn raw_error_code(&self) -> Option<&str> {
        self.error_code.as_deref()
    }

    /// The human-readable `description` (or `message`) member of the body, when present.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The raw response body, whatever its format. It may hold secrets, which is why `Debug` only gives
    /// its length.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("error_code", &self.error_code)
            .field("description", &self.description)
            .field("body", &BodyLength(self.body.len()))
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: the server answered {}", self.operation, self.status)?;
        match (&self.error_code, &self.description) {
            (None, None) if self.body.iter().all(u8::is_ascii_whitespace) => {
                f.write_str(" with an empty body")
            }
            (None, None) => write!(f, ": {}", excerpt(&self.body)),
            (Some(code), Some(description)) => write!(f, ": {code}: {description}"),
            (Some(code), None) => write!(f, ": {code}"),
            (None, Some(description)) => write!(f, ": {description}"),
        }
    }
}

impl StdError for ApiError {}

/// A successful response whose body does not decode into the expected type.
#[derive(Clone)]
pub struct DecodeError {
    operation: String,
    status: StatusCode,
    path: String,
    message: String,
    body: Bytes,
}

impl DecodeError {
    pub(crate) fn new(
        operation: &Operation,
        status: StatusCode,
        path: String,
        error: impl fmt::Display,
        body: Bytes,
    ) -> Self {
        Self {
            operation: operation.to_string(),
            status,
            path,
            message: error.to_string(),
            body,
        }
    }

    /// The operation whose response failed to decode.
    pub fn operation(&self) -> &str {
        &self.operation
    }

    /// The response status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Where in the body decoding failed, such as `[0].endpoints[1].port` (`.` for the whole body).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong there.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The raw response body. It may hold secrets (a database with its passwords), which is why neither
    /// `Debug` nor `Display` shows it.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("path", &self.path)
            .field("message", &self.message)
            .field("body", &BodyLength(self.body.len()))
            .finish()
    }
}

/// Stands for a body in `Debug` output: its length, not its contents.
struct BodyLength(usize);

impl fmt::Debug for BodyLength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0)
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: cannot decode the {} response at `{}`: {}",
            self.operation, self.status, self.path, self.message
        )
    }
}

impl StdError for DecodeError {}

/// The start of a body, on one line, for messages.
fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(BODY_EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}
