//! The REST API quick start in Rust: list the databases (only `uid` and `name`), then rename each one
//! to `database<uid>` with a PUT that sends nothing but the new name.
//!
//! ```sh
//! REDIS_ENTERPRISE_URL=https://cluster.example.com:9443 \
//! REDIS_ENTERPRISE_USER=admin@example.com REDIS_ENTERPRISE_PASSWORD=... \
//! REDIS_ENTERPRISE_CA_CERT=proxy_cert.pem \
//!     cargo run --example quickstart
//! ```
//!
//! The connection comes from the environment (`ClientBuilder::from_env`). Without
//! `REDIS_ENTERPRISE_CA_CERT` the system's trusted roots are used. `REDIS_ENTERPRISE_INSECURE=1` turns
//! certificate verification off, like `curl -k`; use it only against a test cluster.

use std::error::Error;

use redis_enterprise_client::models::Bdb;
use redis_enterprise_client::ClientBuilder;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let client = ClientBuilder::from_env()?.build()?;

    println!("GET /v1/bdbs?fields=uid,name");
    let bdbs = client.bdbs().list().fields(["uid", "name"]).await?;
    for bdb in &bdbs {
        println!("  {:?}: {:?}", bdb.uid, bdb.name);
    }

    for bdb in bdbs {
        let Some(uid) = bdb.uid else { continue };
        let rename = Bdb {
            name: Some(format!("database{uid}")),
            ..Bdb::default()
        };
        println!("PUT /v1/bdbs/{uid} {}", serde_json::to_string(&rename)?);
        let updated = client.bdbs().update(uid, rename).await?;
        println!("  renamed to {:?}", updated.name);
    }
    Ok(())
}
