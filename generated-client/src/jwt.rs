//! Token authentication: logging in once for a JSON Web Token and renewing it, for clusters that
//! refuse Basic auth on every request.
//!
//! ```no_run
//! # fn example() -> Result<(), redis_enterprise_client::Error> {
//! use redis_enterprise_client::Client;
//!
//! let client = Client::builder()
//!     .base_url("https://cluster.example.com:9443")
//!     .jwt_auth("admin@example.com", "secret")
//!     .build()?;
//! # Ok(()) }
//! ```
//!
//! The first request logs in with `POST /v1/users/authorize` (Basic auth, once); every request then
//! carries `Authorization: JWT <token>`. The token is renewed with `POST /v1/users/refresh_jwt` once
//! most of its lifetime has passed, by the first request that needs it while the others wait for that
//! one renewal; a token the cluster refuses (401) is dropped, and the request is sent once more after a
//! new login. The password and the tokens never appear in `Debug` output, logs or errors.
//!
//! This module is written by hand on top of the runtime's [`TokenSource`]: it is not part of the generic
//! runtime, which knows nothing of Redis Enterprise's endpoints.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::time::Instant;

use crate::runtime::CallAuth;
use crate::{Client, ClientBuilder, Error, Method, Secret, TokenFuture, TokenSource};

/// How long tokens live unless told otherwise: the cluster's own default.
const DEFAULT_TTL: Duration = Duration::from_secs(300);

/// Logs in with a username and password for a JSON Web Token and renews it: a [`TokenSource`] for
/// [`ClientBuilder::token_source`], or set up with [`ClientBuilder::jwt_auth`].
pub struct Jwt {
    username: String,
    password: Secret,
    ttl: Duration,
    /// The token in use, read by every request.
    current: Mutex<Option<Token>>,
    /// Held while a token is obtained, so that concurrent requests share one login or renewal.
    renewal: tokio::sync::Mutex<()>,
}

struct Token {
    value: Secret,
    /// From then on the token is renewed before use.
    renew_at: Instant,
    /// From then on the cluster refuses it: a new login is needed.
    expires_at: Instant,
}

/// The body of both token requests.
#[derive(Serialize)]
struct TokenRequest {
    ttl: u64,
}

/// The answer of both token requests.
#[derive(Deserialize)]
struct TokenResponse {
    access_token: Secret,
}

impl Jwt {
    /// Logs in as `username` with `password`, for tokens that live 5 minutes (the cluster's default).
    pub fn new(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Self {
            username: username.into(),
            password: password.into(),
            ttl: DEFAULT_TTL,
            current: Mutex::new(None),
            renewal: tokio::sync::Mutex::new(()),
        }
    }

    /// Asks for tokens that live `ttl` (the cluster accepts 1 second to 24 hours).
    pub fn ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }

    /// The current token while it needs no renewal.
    fn fresh(&self) -> Option<Secret> {
        let current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        current
            .as_ref()
            .filter(|token| Instant::now() < token.renew_at)
            .map(|token| token.value.clone())
    }

    /// A new token: renewed from the current one while it is valid, else from a login.
    async fn renew(&self, client: &Client) -> Result<Secret, Error> {
        let valid = {
            let current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
            current
                .as_ref()
                .filter(|token| Instant::now() < token.expires_at)
                .map(|token| token.value.clone())
        };
        let requested = Instant::now();
        let refreshed = match valid {
            // A refused renewal (the token was revoked, the password changed) falls back to a login.
            Some(token) => self
                .request(client, "refresh_jwt", self.scheme_auth(token))
                .await
                .ok(),
            None => None,
        };
        let token = match refreshed {
            Some(token) => token,
            None => {
                let basic = CallAuth::Basic {
                    username: self.username.clone(),
                    password: self.password.clone(),
                };
                self.request(client, "authorize", basic).await?
            }
        };
        // Renewed once four fifths of its life has passed, so that a slow renewal still ends in time.
        *self.current.lock().unwrap_or_else(PoisonError::into_inner) = Some(Token {
            value: token.clone(),
            renew_at: requested + self.ttl * 4 / 5,
            expires_at: requested + self.ttl,
        });
        Ok(token)
    }

    fn scheme_auth(&self, token: Secret) -> CallAuth {
        CallAuth::Token {
            scheme: self.scheme(),
            token,
        }
    }

    /// `POST /v1/users/<action>` for a token.
    async fn request(
        &self,
        client: &Client,
        action: &str,
        auth: CallAuth,
    ) -> Result<Secret, Error> {
        let body = TokenRequest {
            ttl: self.ttl.as_secs().max(1),
        };
        let response: TokenResponse = client
            .raw(Method::POST, "/v1/users")
            .segment(action)
            .json(&body)
            .idempotent(true)
            .auth(auth)
            .send()
            .await?;
        Ok(response.access_token)
    }
}

impl TokenSource for Jwt {
    /// Redis Enterprise reads tokens as `Authorization: JWT <token>`.
    fn scheme(&self) -> &'static str {
        "JWT"
    }

    fn token<'a>(&'a self, client: &'a Client) -> TokenFuture<'a> {
        Box::pin(async move {
            if let Some(token) = self.fresh() {
                return Ok(token);
            }
            let _renewing = self.renewal.lock().await;
            // Whoever held the lock before may have renewed it already.
            if let Some(token) = self.fresh() {
                return Ok(token);
            }
            self.renew(client).await
        })
    }

    fn refused(&self, token: &Secret) {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        if current
            .as_ref()
            .is_some_and(|current| current.value == *token)
        {
            *current = None;
        }
    }
}

impl fmt::Debug for Jwt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Jwt")
            .field("username", &self.username)
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Authenticates with JSON Web Tokens: logs in as `username` once, then sends the token, renewing
    /// it before it expires (see [`jwt`](crate::jwt)). For another token lifetime, pass a
    /// [`Jwt`] to [`token_source`](Self::token_source).
    pub fn jwt_auth(self, username: impl Into<String>, password: impl Into<Secret>) -> Self {
        self.token_source(Arc::new(Jwt::new(username, password)))
    }
}
