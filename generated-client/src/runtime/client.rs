//! Client configuration: where the cluster is, how to authenticate, which certificates to trust.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use reqwest::Url;

use super::auth::{StaticToken, TokenSource};
use super::error::Error;
use super::query::Query;
use super::retry::RetryPolicy;
use super::secret::Secret;

/// Where the REST API listens unless told otherwise.
const DEFAULT_BASE_URL: &str = "https://localhost:9443";

/// The `User-Agent` unless told otherwise: this crate and its version.
const DEFAULT_USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// A connection to the REST API of one cluster. Cheap to clone: clones share the configuration and
/// the connection pool, so a clone can be moved into a spawned task.
///
/// Endpoints are grouped by resource, e.g. `client.bdbs().list().await`.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    /// Base URLs of the cluster's nodes, every one serving the same API.
    nodes: Vec<Url>,
    /// The node requests go to first: the last one that answered.
    current: AtomicUsize,
    credentials: Option<Credentials>,
    tokens: Option<Arc<dyn TokenSource>>,
    retry: Option<RetryPolicy>,
}

impl Client {
    /// A builder, starting from `https://localhost:9443`, no credentials, TLS verification on.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL requests are sent to first: that of the node that last answered.
    pub fn base_url(&self) -> &Url {
        &self.inner.nodes[self.current_node()]
    }

    /// The base URLs of every node, in the order they were given.
    pub fn node_urls(&self) -> &[Url] {
        &self.inner.nodes
    }

    /// Index of the node requests go to first.
    pub(crate) fn current_node(&self) -> usize {
        self.inner.current.load(Ordering::Relaxed)
    }

    /// Makes `node`, which answered, the first one tried from now on.
    pub(crate) fn stick_to(&self, node: usize) {
        self.inner.current.store(node, Ordering::Relaxed);
    }

    /// Moves on from `node`, which failed, to the next one; unless another request already did.
    pub(crate) fn move_on_from(&self, node: usize) {
        let next = (node + 1) % self.inner.nodes.len();
        let _ =
            self.inner
                .current
                .compare_exchange(node, next, Ordering::Relaxed, Ordering::Relaxed);
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    pub(crate) fn credentials(&self) -> Option<&Credentials> {
        self.inner.credentials.as_ref()
    }

    pub(crate) fn token_source(&self) -> Option<&Arc<dyn TokenSource>> {
        self.inner.tokens.as_ref()
    }

    pub(crate) fn retry_policy(&self) -> Option<&RetryPolicy> {
        self.inner.retry.as_ref()
    }

    /// The URL for an encoded `path` and `query` on `node`, below its base URL's own path.
    pub(crate) fn url(&self, node: usize, path: &str, query: &Query) -> Result<Url, String> {
        let base = self.inner.nodes[node].as_str().trim_end_matches('/');
        let mut url = format!("{base}{path}");
        if !query.as_str().is_empty() {
            url.push('?');
            url.push_str(query.as_str());
        }
        Url::parse(&url).map_err(|error| format!("invalid URL {url}: {error}"))
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field(
                "nodes",
                &self.inner.nodes.iter().map(Url::as_str).collect::<Vec<_>>(),
            )
            .field("credentials", &self.credentials())
            .field("token_source", &self.token_source())
            .field("retry", &self.retry_policy())
            .finish_non_exhaustive()
    }
}

/// Basic auth credentials. `Debug` shows the username only.
#[derive(Clone)]
pub(crate) struct Credentials {
    pub(crate) username: String,
    pub(crate) password: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .field("password", &Redacted)
            .finish()
    }
}

/// Stands for a secret in `Debug` output.
struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Configures a [`Client`]; see the crate documentation for an example.
#[derive(Clone)]
pub struct ClientBuilder {
    nodes: Vec<String>,
    credentials: Option<Credentials>,
    tokens: Option<Arc<dyn TokenSource>>,
    root_certificates: Vec<Vec<u8>>,
    accept_invalid_certs: bool,
    allow_http: bool,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    http: Option<reqwest::Client>,
    user_agent: Option<String>,
    proxy: Option<String>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            nodes: vec![DEFAULT_BASE_URL.to_owned()],
            credentials: None,
            tokens: None,
            root_certificates: Vec::new(),
            accept_invalid_certs: false,
            allow_http: false,
            timeout: Some(Duration::from_secs(60)),
            connect_timeout: Some(Duration::from_secs(10)),
            retry: None,
            http: None,
            user_agent: None,
            proxy: None,
        }
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("nodes", &self.nodes)
            .field("credentials", &self.credentials)
            .field("token_source", &self.tokens)
            .field("root_certificates", &self.root_certificates.len())
            .field("accept_invalid_certs", &self.accept_invalid_certs)
            .field("allow_http", &self.allow_http)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .field("http", &self.http.is_some())
            .field("user_agent", &self.user_agent)
            // A proxy URL may carry the proxy's credentials.
            .field("proxy", &self.proxy.is_some())
            .finish()
    }
}

impl ClientBuilder {
    /// The cluster's REST API, such as `https://cluster.example.com:9443` (the default is
    /// `https://localhost:9443`). A path is kept as a prefix of every request path.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.nodes = vec![url.into()];
        self
    }

    /// The base URLs of several nodes of one cluster, each like [`base_url`](Self::base_url): every
    /// node serves the API. Requests go to the node that last answered. When a node cannot be reached,
    /// or answers 503 (it is not in an active cluster), the request moves on to the next node at once;
    /// a request that may have reached the failed node moves on only if its operation is idempotent.
    /// Once every node has failed, the [retry policy](Self::retry) decides whether to wait and go round
    /// again.
    ///
    /// ```
    /// let client = redis_enterprise_client::Client::builder()
    ///     .nodes(["https://node1.example.com:9443", "https://node2.example.com:9443"])
    ///     .build()?;
    /// assert_eq!(client.node_urls().len(), 2);
    /// # Ok::<(), redis_enterprise_client::Error>(())
    /// ```
    pub fn nodes(mut self, urls: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.nodes = urls.into_iter().map(Into::into).collect();
        self
    }

    /// Authenticates every request with HTTP Basic auth. The password never appears in `Debug` output
    /// or error messages.
    pub fn basic_auth(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
        self.credentials = Some(Credentials {
            username: username.into(),
            password: password.into(),
        });
        self
    }

    /// Authenticates every request with this bearer token (`Authorization: Bearer ...`), such as a JWT
    /// obtained elsewhere. Nothing renews it; for tokens that expire, use a
    /// [`token_source`](Self::token_source).
    pub fn bearer_token(self, token: impl Into<Secret>) -> Self {
        self.token_source(Arc::new(StaticToken(token.into())))
    }

    /// Authenticates every request with a bearer token from `source`, which renews it as needed.
    /// A request answered 401 tells the source its token was refused and is sent once more with a
    /// new one.
    pub fn token_source(mut self, source: Arc<dyn TokenSource>) -> Self {
        self.tokens = Some(source);
        self
    }

    /// Also trusts the certificate authorities in this PEM data, such as the cluster's own CA for its
    /// self-signed certificate. May be called several times.
    pub fn root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_certificates.push(pem.into());
        self
    }

    /// Accepts any server certificate, valid or not, when `accept` is true.
    ///
    /// This turns off protection against man-in-the-middle attacks, and with it the secrecy of the
    /// credentials sent. Prefer [`root_certificate_pem`](Self::root_certificate_pem) with the cluster's CA.
    pub fn danger_accept_invalid_certs(mut self, accept: bool) -> Self {
        self.accept_invalid_certs = accept;
        self
    }

    /// Allows a plain `http` base URL with credentials for a host other than this machine, when `allow`
    /// is true. The password then crosses the network in clear; without this, such a configuration is
    /// refused. (`http` to `localhost` or a loopback address, as in tests and SSH tunnels, needs no opt-in.)
    pub fn danger_allow_http(mut self, allow: bool) -> Self {
        self.allow_http = allow;
        self
    }

    /// Limit on the whole of one request, from connecting to reading the body (60 s by default;
    /// `None` for no limit).
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// Limit on establishing a connection (10 s by default; `None` for no limit).
    pub fn connect_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The `User-Agent` header of every request; `redis-enterprise-client/<version>` by default. Naming
    /// the tool that uses the client helps whoever reads the cluster's logs.
    ///
    /// ```
    /// let builder = redis_enterprise_client::Client::builder().user_agent("backup-job/2.1");
    /// ```
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Sends every request through the HTTP(S) proxy at `url`, such as `http://proxy.internal:3128`
    /// (credentials, if any, in the URL). The URL never appears in `Debug` output or errors.
    ///
    /// ```
    /// let client = redis_enterprise_client::Client::builder()
    ///     .base_url("https://cluster.example.com:9443")
    ///     .proxy("http://proxy.internal:3128")
    ///     .build()?;
    /// # Ok::<(), redis_enterprise_client::Error>(())
    /// ```
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(url.into());
        self
    }

    /// Sends requests again after failures that may go away, as `policy` says (see [`RetryPolicy`]).
    /// Off by default: each request is sent once.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Sends requests through `client`, configured by the caller: middleware-free `reqwest` settings
    /// such as client certificates, custom DNS resolution, or connection pool limits.
    ///
    /// Its own TLS, timeout, proxy and user agent settings then apply, not this builder's:
    /// [`root_certificate_pem`](Self::root_certificate_pem),
    /// [`danger_accept_invalid_certs`](Self::danger_accept_invalid_certs), [`proxy`](Self::proxy) and
    /// [`user_agent`](Self::user_agent) are refused with it by [`build`](Self::build), and the timeouts
    /// are those of the given client. Authentication, the base URL and retries still come from this
    /// builder.
    ///
    /// ```
    /// let http = reqwest::Client::builder()
    ///     .pool_max_idle_per_host(2)
    ///     .build()
    ///     .unwrap();
    /// let client = redis_enterprise_client::Client::builder()
    ///     .base_url("https://cluster.example.com:9443")
    ///     .http_client(http)
    ///     .build()?;
    /// # Ok::<(), redis_enterprise_client::Error>(())
    /// ```
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when no base URL is given, when one is not an absolute `http`/`https` URL or carries credentials,
    /// when a root certificate is not valid PEM, or when the TLS backend cannot be set up.
    pub fn build(self) -> Result<Client, Error> {
        if self.nodes.is_empty() {
            return Err(Error::Config("no base URL given".to_owned()));
        }
        if self.credentials.is_some() && self.tokens.is_some() {
            return Err(Error::Config(
                "both Basic auth and a bearer token are configured; choose one".to_owned(),
            ));
        }
        let nodes = self
            .nodes
            .iter()
            .map(|node| self.node_url(node))
            .collect::<Result<Vec<_>, _>>()?;
        let http = match self.http.clone() {
            Some(_)
                if !self.root_certificates.is_empty()
                    || self.accept_invalid_certs
                    || self.proxy.is_some()
                    || self.user_agent.is_some() =>
            {
                return Err(Error::Config(
                    "TLS, proxy and user agent settings of the builder cannot apply to a given \
                     `http_client`: configure them on that client"
                        .to_owned(),
                ))
            }
            Some(http) => http,
            None => self.new_http_client()?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                nodes,
                current: AtomicUsize::new(0),
                credentials: self.credentials,
                tokens: self.tokens,
                retry: self.retry,
            }),
        })
    }

    /// Checks the base URL of one node.
    fn node_url(&self, text: &str) -> Result<Url, Error> {
        let base_url = Url::parse(text)
            .map_err(|error| Error::Config(format!("invalid base URL `{text}`: {error}")))?;
        if !matches!(base_url.scheme(), "http" | "https") {
            return Err(Error::Config(format!(
                "base URL `{base_url}` must use https (or http)"
            )));
        }
        if !base_url.username().is_empty() || base_url.password().is_some() {
            return Err(Error::Config(
                "the base URL must not carry credentials; use `basic_auth`".to_owned(),
            ));
        }
        if base_url.query().is_some() || base_url.fragment().is_some() {
            return Err(Error::Config(format!(
                "base URL `{base_url}` must not have a query or fragment: request paths are appended to it"
            )));
        }
        let cleartext = base_url.scheme() == "http" && !is_loopback(&base_url);
        if cleartext && (self.credentials.is_some() || self.tokens.is_some()) && !self.allow_http {
            return Err(Error::Config(format!(
                "base URL `{base_url}` uses http, which would send the password in clear; use https, \
                 or opt in with `danger_allow_http(true)`"
            )));
        }
        Ok(base_url)
    }

    /// A `reqwest` client with this builder's TLS and timeout settings.
    fn new_http_client(&self) -> Result<reqwest::Client, Error> {
        let user_agent = self.user_agent.as_deref().unwrap_or(DEFAULT_USER_AGENT);
        let user_agent = reqwest::header::HeaderValue::from_str(user_agent).map_err(|_| {
            Error::Config(format!(
                "user agent `{user_agent}` is not a valid header value"
            ))
        })?;
        let mut http = reqwest::Client::builder()
            .user_agent(user_agent)
            .danger_accept_invalid_certs(self.accept_invalid_certs);
        if let Some(proxy) = &self.proxy {
            // Neither message quotes the URL, which may hold the proxy's password.
            let url = Url::parse(proxy)
                .map_err(|error| Error::Config(format!("invalid proxy URL: {error}")))?;
            let proxy = reqwest::Proxy::all(url)
                .map_err(|_| Error::Config("unsupported proxy URL".to_owned()))?;
            http = http.proxy(proxy);
        }
        if let Some(timeout) = self.timeout {
            http = http.timeout(timeout);
        }
        if let Some(timeout) = self.connect_timeout {
            http = http.connect_timeout(timeout);
        }
        for (index, pem) in self.root_certificates.iter().enumerate() {
            let certificates = reqwest::Certificate::from_pem_bundle(pem).map_err(|error| {
                Error::Config(format!("root certificate #{}: {error}", index + 1))
            })?;
            if certificates.is_empty() {
                return Err(Error::Config(format!(
                    "root certificate #{}: no PEM certificate found",
                    index + 1
                )));
            }
            http = http.tls_certs_merge(certificates);
        }
        http.build()
            .map_err(|error| Error::Config(format!("cannot set up the HTTP client: {error}")))
    }
}

/// Whether `url` points at this machine.
fn is_loopback(url: &Url) -> bool {
    let host = url.host_str().unwrap_or_default();
    let address = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || address
            .parse::<std::net::IpAddr>()
            .is_ok_and(|address| address.is_loopback())
}
