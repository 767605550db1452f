//! Bootstrap a new cluster on a freshly installed node, then wait until the node reports that it is
//! done: the first thing automation does on new machines.
//!
//! ```sh
//! REDIS_ENTERPRISE_URL=https://node1.example.com:9443 REDIS_ENTERPRISE_INSECURE=1 \
//! CLUSTER_NAME=cluster.example.com ADMIN_USER=admin@example.com ADMIN_PASSWORD=... \
//!     cargo run --example bootstrap_cluster
//! ```
//!
//! A node that is not bootstrapped yet answers without credentials, with its own self-signed
//! certificate; the admin user given here is created by the bootstrap. Joining more nodes is the same
//! request with `BootstrapAction::JoinCluster` and `cluster.nodes` naming a node of the cluster.

use std::error::Error;
use std::time::Duration;

use redis_enterprise_client::models::{
    Bootstrap, BootstrapAction, BootstrapClusterIdentity, BootstrapCredentials,
    BootstrapStatusState,
};
use redis_enterprise_client::ClientBuilder;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let variable = |name: &str| std::env::var(name).map_err(|_| format!("set {name}"));
    let client = ClientBuilder::from_env()?.build()?;
    let bootstrap = Bootstrap {
        action: Some(BootstrapAction::CreateCluster),
        cluster: Some(BootstrapClusterIdentity {
            name: Some(variable("CLUSTER_NAME")?),
            ..BootstrapClusterIdentity::default()
        }),
        credentials: Some(BootstrapCredentials {
            username: Some(variable("ADMIN_USER")?),
            password: Some(variable("ADMIN_PASSWORD")?.into()),
            ..BootstrapCredentials::default()
        }),
        ..Bootstrap::default()
    };

    // Checking first costs one request and reports every problem of the configuration at once.
    client
        .bootstrap()
        .validate(BootstrapAction::CreateCluster, bootstrap.clone())
        .await?;
    client
        .bootstrap()
        .start(BootstrapAction::CreateCluster, bootstrap)
        .await?;
    println!("bootstrapping");

    // The node answers with its progress until the cluster is up (or the bootstrap failed).
    let deadline = tokio::time::Instant::now() + Duration::from_secs(600);
    loop {
        let info = client.bootstrap().get().await?;
        let status = info.bootstrap_status.unwrap_or_default();
        match status.state {
            Some(BootstrapStatusState::Completed) => break,
            Some(BootstrapStatusState::Error) => {
                let code = status.error_code.map(|code| code.to_string());
                return Err(format!("bootstrap failed: {}", code.unwrap_or_default()).into());
            }
            state => println!(
                "state: {}",
                state.map(|s| s.to_string()).unwrap_or_default()
            ),
        }
        if tokio::time::Instant::now() > deadline {
            return Err("the bootstrap did not complete in 10 minutes".into());
        }
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
    println!("cluster created");
    Ok(())
}
