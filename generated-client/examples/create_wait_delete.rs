//! Create a database, wait for the cluster to finish creating it, then delete it: the asynchronous
//! action behind a create is followed with `client.actions().wait_with(..)`.
//!
//! ```sh
//! REDIS_ENTERPRISE_URL=https://cluster.example.com:9443 \
//! REDIS_ENTERPRISE_USER=admin@example.com REDIS_ENTERPRISE_PASSWORD=... \
//! REDIS_ENTERPRISE_CA_CERT=proxy_cert.pem \
//!     cargo run --example create_wait_delete
//! ```
//!
//! The connection comes from the environment, as in the `quickstart` example.

use std::error::Error;
use std::time::Duration;

use redis_enterprise_client::wait::WaitOptions;
use redis_enterprise_client::ClientBuilder;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let client = ClientBuilder::from_env()?.build()?;

    let created = client.bdbs().create("wait-example", 100 << 20).await?;
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
