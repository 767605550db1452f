//! The request builder every operation shares. Generated code describes an operation once, as the
//! type of its arguments implementing [`Endpoint`]; sending, awaiting and decoding are written here
//! once, and compiled only for the operations a program calls.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::time::Duration;

use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::download::Download;
use super::error::Error;
use super::lines::JsonLines;
use super::request::{BoxFuture, Call, Operation};
use super::response::Response;
use super::Client;

/// A request to one operation: its arguments and a clone of the client. Set its optional parameters,
/// then `.await` it, or call [`send`](Self::send) or [`send_with_response`](Self::send_with_response).
///
/// It owns everything it needs, so it can be stored, returned or spawned. Each operation's module
/// names its request (for example `apis::roles::Create`), and the request's page lists its setters.
#[must_use = "a request does nothing until it is sent or awaited"]
#[derive(Clone)]
pub struct Request<E> {
    client: Client,
    pub(crate) args: E,
    timeout: Option<Duration>,
}

impl<E: fmt::Debug> fmt::Debug for Request<E> {
    // The client is left out: it is the same for every request, and printed on its own.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.args.fmt(f)
    }
}

impl<E> Request<E> {
    /// A request to the operation of `args`, to be sent by `client`.
    pub(crate) fn new(client: &Client, args: E) -> Self {
        Self {
            client: client.clone(),
            args,
            timeout: None,
        }
    }

    /// Gives the request `timeout` in place of the client's [`timeout`](crate::ClientBuilder::timeout):
    /// from sending it to the end of the response's body, for each attempt when it is sent again. A
    /// request that runs out of time fails with an error whose [`is_timeout`](Error::is_timeout) is
    /// true.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
}

impl<E: Endpoint> Request<E> {
    /// Sends the request and returns what a successful response holds: the decoded body, its text or
    /// lines, a download, or `()` when it has none.
    pub async fn send(self) -> Result<E::Output, Error> {
        self.send_with_response().await.map(Response::into_value)
    }

    /// Sends the request and returns what [`send`](Self::send) does, with the response's status and
    /// headers.
    pub async fn send_with_response(self) -> Result<Response<E::Output>, Error> {
        let call = self.args.call(&self.client)?.timeout(self.timeout);
        E::Decode::decode(call).await
    }
}

impl<E: Endpoint> IntoFuture for Request<E> {
    type Output = Result<E::Output, Error>;
    type IntoFuture = BoxFuture<Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// The arguments of one operation, and how they make its request. Generated code implements it.
pub trait Endpoint: Send + Sync + 'static {
    /// What a successful response holds.
    type Output: Send + 'static;
    /// How the successful response becomes [`Output`](Self::Output).
    type Decode: Decode<Self::Output>;

    /// The request for these arguments, to be sent by `client`, or why they cannot make one (a path
    /// parameter that would change the path, a form field that does not encode).
    fn call<'a>(&'a self, client: &'a Client) -> Result<Call<'a>, Error>;
}

/// How a call is sent and its successful response read as `T`.
pub trait Decode<T>: 'static {
    /// Sends `call` and reads its successful response.
    fn decode(call: Call<'_>) -> impl Future<Output = Result<Response<T>, Error>> + Send + '_;
}

/// A JSON body.
#[allow(dead_code)] // Generated code names it; a given spec may not.
pub enum AsJson {}

impl<T: DeserializeOwned + Send + 'static> Decode<T> for AsJson {
    fn decode(call: Call<'_>) -> impl Future<Output = Result<Response<T>, Error>> + Send + '_ {
        call.send_json()
    }
}

/// A newline-delimited JSON body, decoded line by line as it arrives.
#[allow(dead_code)] // Generated code names it; a given spec may not.
pub enum AsJsonLines {}

impl<T: DeserializeOwned + Send + 'static> Decode<JsonLines<T>> for AsJsonLines {
    fn decode(
        call: Call<'_>,
    ) -> impl Future<Output = Result<Response<JsonLines<T>>, Error>> + Send + '_ {
        call.send_json_lines()
    }
}

/// A text body.
#[allow(dead_code)] // Generated code names it; a given spec may not.
pub enum AsText {}

impl Decode<String> for AsText {
    fn decode(call: Call<'_>) -> impl Future<Output = Result<Response<String>, Error>> + Send + '_ {
        call.send_text()
    }
}

/// A body read as it arrives, for files.
#[allow(dead_code)] // Generated code names it; a given spec may not.
pub enum AsDownload {}

impl Decode<Download> for AsDownload {
    fn decode(
        call: Call<'_>,
    ) -> impl Future<Output = Result<Response<Download>, Error>> + Send + '_ {
        call.send_download()
    }
}

/// No body worth reading: the status and headers say it all.
#[allow(dead_code)] // Generated code names it; a given spec may not.
pub enum AsEmpty {}

impl Decode<()> for AsEmpty {
    fn decode(call: Call<'_>) -> impl Future<Output = Result<Response<()>, Error>> + Send + '_ {
        call.send_empty()
    }
}

/// A body whose type the status decides, read by `T`'s [`FromStatus`].
#[allow(dead_code)] // Generated code names it; a given spec may not.
pub enum ByStatus {}

impl<T: FromStatus> Decode<T> for ByStatus {
    fn decode(call: Call<'_>) -> impl Future<Output = Result<Response<T>, Error>> + Send + '_ {
        let operation = call.operation();
        async move { T::from_status(operation, call.send().await?) }
    }
}

/// What an operation answers when its 2xx statuses have different bodies: one variant per status.
#[allow(dead_code)] // Generated code names it; a given spec may not.
pub trait FromStatus: Send + Sized + 'static {
    /// Reads `response`, a successful response to `operation` with its raw body, as the variant of its
    /// status.
    fn from_status(
        operation: &Operation<'_>,
        response: Response<Bytes>,
    ) -> Result<Response<Self>, Error>;
}
