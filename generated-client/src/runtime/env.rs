//! Client configuration from environment variables, for scripts and CI jobs.

use std::ffi::OsString;

use super::client::ClientBuilder;
use super::error::Error;

const URL: &str = "REDIS_ENTERPRISE_URL";
const USER: &str = "REDIS_ENTERPRISE_USER";
const PASSWORD: &str = "REDIS_ENTERPRISE_PASSWORD";
const CA_CERT: &str = "REDIS_ENTERPRISE_CA_CERT";
const INSECURE: &str = "REDIS_ENTERPRISE_INSECURE";

impl ClientBuilder {
    /// A builder configured from the environment:
    ///
    /// | Variable | Meaning |
    /// |----------|---------|
    /// | `REDIS_ENTERPRISE_URL` | Required. The REST API, such as `https://cluster.example.com:9443`; several nodes of one cluster separated by commas (see [`nodes`](Self::nodes)). |
    /// | `REDIS_ENTERPRISE_USER`, `REDIS_ENTERPRISE_PASSWORD` | Basic auth credentials; both or neither. |
    /// | `REDIS_ENTERPRISE_CA_CERT` | Path of a PEM file with the cluster's CA, trusted in addition to the system's. |
    /// | `REDIS_ENTERPRISE_INSECURE` | `1` or `true` to accept any server certificate ([`danger_accept_invalid_certs`](Self::danger_accept_invalid_certs)); `0`, `false` or empty for the default, verification on. |
    ///
    /// The result can be configured further before [`build`](Self::build).
    ///
    /// ```no_run
    /// let client = redis_enterprise_client::ClientBuilder::from_env()?.build()?;
    /// # Ok::<(), redis_enterprise_client::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Config`] naming the variable that is missing, not Unicode, or malformed, or the CA file
    /// that cannot be read. The password never appears in it.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_vars(|name| std::env::var_os(name))
    }

    /// [`from_env`](Self::from_env) with the variables looked up by `var`.
    pub(crate) fn from_vars(var: impl Fn(&str) -> Option<OsString>) -> Result<Self, Error> {
        let text = |name: &str| -> Result<Option<String>, Error> {
            match var(name) {
                None => Ok(None),
                Some(value) => value
                    .into_string()
                    .map(Some)
                    .map_err(|_| Error::Config(format!("{name} is not valid Unicode"))),
            }
        };
        let url = text(URL)?
            .filter(|url| !url.trim().is_empty())
            .ok_or_else(|| Error::Config(format!("{URL} is not set")))?;
        let nodes: Vec<&str> = url.split(',').map(str::trim).collect();
        if let Some(bad) = nodes.iter().find(|node| reqwest::Url::parse(node).is_err()) {
            return Err(Error::Config(format!("{URL}: `{bad}` is not a URL")));
        }
        let mut builder = ClientBuilder::default().nodes(nodes);
        match (text(USER)?, text(PASSWORD)?) {
            (Some(user), Some(password)) => builder = builder.basic_auth(user, password),
            (None, None) => {}
            (Some(_), None) => {
                return Err(Error::Config(format!(
                    "{USER} is set but {PASSWORD} is not"
                )))
            }
            (None, Some(_)) => {
                return Err(Error::Config(format!(
                    "{PASSWORD} is set but {USER} is not"
                )))
            }
        }
        if let Some(path) = text(CA_CERT)? {
            let pem = std::fs::read(&path).map_err(|error| {
                Error::Config(format!("{CA_CERT}: cannot read `{path}`: {error}"))
            })?;
            builder = builder.root_certificate_pem(pem);
        }
        let insecure = match text(INSECURE)?.as_deref().map(str::trim) {
            None | Some("" | "0" | "false") => false,
            Some("1" | "true") => true,
            Some(other) => {
                return Err(Error::Config(format!(
                    "{INSECURE} must be 1, true, 0 or false, not `{other}`"
                )))
            }
        };
        Ok(builder.danger_accept_invalid_certs(insecure))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn from(vars: &[(&str, &str)]) -> Result<ClientBuilder, Error> {
        let vars: HashMap<String, OsString> = vars
            .iter()
            .map(|(name, value)| (name.to_string(), OsString::from(value)))
            .collect();
        ClientBuilder::from_vars(|name| vars.get(name).cloned())
    }

    fn message(result: Result<ClientBuilder, Error>) -> String {
        result.unwrap_err().to_string()
    }

    #[test]
    fn reads_url_credentials_and_insecure() {
        let builder = from(&[
            (URL, "https://a.example:9443, https://b.example:9443"),
            (USER, "admin@example.com"),
            (PASSWORD, "hunter2"),
            (INSECURE, "true"),
        ])
        .unwrap();
        let debug = format!("{builder:?}");
        assert!(debug.contains("https://b.example:9443"), "{debug}");
        assert!(debug.contains("admin@example.com"), "{debug}");
        assert!(debug.contains("accept_invalid_certs: true"), "{debug}");
        assert!(!debug.contains("hunter2"), "{debug}");
        let client = builder.build().unwrap();
        assert_eq!(client.base_url().as_str(), "https://a.example:9443/");
    }

    #[test]
    fn names_the_missing_or_malformed_variable_without_the_password() {
        assert_eq!(
            message(from(&[])),
            "invalid client configuration: REDIS_ENTERPRISE_URL is not set"
        );
        let error = message(from(&[(URL, "https://a"), (PASSWORD, "hunter2")]));
        assert!(error.contains("REDIS_ENTERPRISE_USER is not"), "{error}");
        assert!(!error.contains("hunter2"), "{error}");
        let error = message(from(&[(URL, "https://a"), (INSECURE, "yes")]));
        assert!(
            error.contains("REDIS_ENTERPRISE_INSECURE must be"),
            "{error}"
        );
        let error = message(from(&[
            (URL, "https://a"),
            (CA_CERT, "/nonexistent/ca.pem"),
        ]));
        assert!(
            error.contains("REDIS_ENTERPRISE_CA_CERT: cannot read `/nonexistent/ca.pem`"),
            "{error}"
        );
        let error = message(from(&[(URL, "https://a, node2")]));
        assert!(
            error.contains("REDIS_ENTERPRISE_URL: `node2` is not a URL"),
            "{error}"
        );
        assert!(from(&[(URL, "https://a"), (INSECURE, "0")]).is_ok());
    }
}
