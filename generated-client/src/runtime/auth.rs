//! Bearer tokens: where a client gets the token it sends, and how the source learns that the server
//! refused one.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use super::error::Error;
use super::secret::Secret;
use super::Client;

/// The future of [`TokenSource::token`].
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<Secret, Error>> + Send + 'a>>;

/// Where a client configured with [`token_source`](crate::ClientBuilder::token_source) gets the token
/// of each request, sent as `Authorization: <scheme> <token>`. A source renews its token itself
/// (before it expires, or once the server refused it); requests running at the same time should share
/// one renewal.
pub trait TokenSource: Send + Sync + fmt::Debug {
    /// The authorization scheme the token is sent with: `Bearer` unless the server wants another.
    fn scheme(&self) -> &'static str {
        "Bearer"
    }

    /// A token to send now. `client` is the client making the request, for a source that logs in
    /// through the API itself (its requests must set their own authentication).
    fn token<'a>(&'a self, client: &'a Client) -> TokenFuture<'a>;

    /// The server answered 401 to a request carrying `token`: it must not be handed out again. The
    /// request is then sent once more with a new token.
    fn refused(&self, token: &Secret);
}

/// A fixed token, from [`bearer_token`](crate::ClientBuilder::bearer_token): nothing renews it.
#[derive(Debug)]
pub(crate) struct StaticToken(pub(crate) Secret);

impl TokenSource for StaticToken {
    fn token<'a>(&'a self, _: &'a Client) -> TokenFuture<'a> {
        Box::pin(std::future::ready(Ok(self.0.clone())))
    }

    fn refused(&self, _: &Secret) {}
}

/// How one request authenticates when it does not use the client's own setting: a token source
/// logging in, or renewing its token, says so for its own requests.
#[derive(Clone)]
#[allow(dead_code)] // The crate's own token sources use it; a given crate may have none.
pub(crate) enum CallAuth {
    /// HTTP Basic auth.
    Basic { username: String, password: Secret },
    /// This token, under this scheme (`Authorization: <scheme> <token>`).
    Token { scheme: &'static str, token: Secret },
}

/// The `Authorization` header value `<scheme> <token>`, marked sensitive so HTTP tooling does not log
/// it; `None` when the token cannot be sent in a header.
pub(crate) fn token_header(scheme: &str, token: &Secret) -> Option<reqwest::header::HeaderValue> {
    let mut value =
        reqwest::header::HeaderValue::from_str(&format!("{scheme} {}", token.expose())).ok()?;
    value.set_sensitive(true);
    Some(value)
}
