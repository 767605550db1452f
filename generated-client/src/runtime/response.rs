//! A successful response: its decoded body, status and headers.

use std::fmt;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// A successful response: the decoded value with the status and headers it came with, from
/// `send_with_response()` on any request, for callers that need a header such as `Location`, or want
/// to log the status.
///
/// `Debug` shows the header names only: values such as cookies may be secrets.
#[derive(Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    value: T,
}

impl<T> Response<T> {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, value: T) -> Self {
        Self {
            status,
            headers,
            value,
        }
    }

    /// The response status (2xx).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded body.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The decoded body, without the status and headers.
    pub fn into_value(self) -> T {
        self.value
    }

    /// The decoded body, status and headers.
    pub fn into_parts(self) -> (T, StatusCode, HeaderMap) {
        (self.value, self.status, self.headers)
    }

    /// The same response with its body converted by `convert`.
    pub(crate) fn map<U>(self, convert: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            value: convert(self.value),
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Response<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &HeaderNames(&self.headers))
            .field("value", &self.value)
            .finish()
    }
}

/// Stands for headers in `Debug` output: their names.
struct HeaderNames<'a>(&'a HeaderMap);

impl fmt::Debug for HeaderNames<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.0.keys()).finish()
    }
}
