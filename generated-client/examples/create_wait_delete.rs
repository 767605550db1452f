//! Create a database, wait for the cluster to finish creating it, then delete it: the asynchronous
//! action behind a create is followed with `client.actions().wait(..)`.
//!
//! ```sh
//! REDIS_ENTERPRISE_URL=https://cluster.example.com:9443 \
//! REDIS_ENTERPRISE_USER=admin@example.com REDIS_ENTERPRISE_PASSWORD=... \
//! REDIS_ENTERPRISE_CA_CERT=proxy_cert.pem \
//!     cargo run --example create_wait_delete
//! ```
//!
//! The connection settings are read as in the `quickstart` example.

use std::env;
use std::error::Error;
use std::time::Duration;

use redis_enterprise_client::models::Bdb;
use redis_enterprise_client::wait::WaitOptions;
use redis_enterprise_client::Client;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let mut builder = Client::builder()
        .base_url(
            env::var("REDIS_ENTERPRISE_URL").unwrap_or_else(|_| "https://localhost:9443".into()),
        )
        .basic_auth(
            env::var("REDIS_ENTERPRISE_USER")?,
            env::var("REDIS_ENTERPRISE_PASSWORD")?,
        );
    if let Ok(ca) = env::var("REDIS_ENTERPRISE_CA_CERT") {
        builder = builder.root_certificate_pem(std::fs::read(ca)?);
    }
    if env::var("REDIS_ENTERPRISE_INSECURE").as_deref() == Ok("1") {
        builder = builder.danger_accept_invalid_certs(true);
    }
    let client = builder.build()?;

    let new = Bdb {
        name: Some("wait-example".to_owned()),
        memory_size: Some(100 << 20),
        ..Bdb::default()
    };
    let created = client.bdbs().create(&new).await?;
    let uid = created
        .uid
        .ok_or("the cluster did not say which uid it gave the database")?;
    println!("created database {uid}");

    if let Some(action) = &created.action_uid {
        let options = WaitOptions::default().timeout(Duration::from_secs(300));
        let done = client.actions().wait_with(action, options).await?;
        println!(
            "action {action} {}",
            done.status
                .map(|status| status.to_string())
                .unwrap_or_default()
        );
    }
    let active = client.bdbs().get(uid).fields(["status"]).await?;
    println!("database {uid} is {:?}", active.status);

    client.bdbs().delete(uid).await?;
    println!("deleting database {uid}");
    Ok(())
}
