//! Every JSON example in the spec decodes into the generated type of its body and encodes back to the
//! same JSON. (That every JSON example of a reference page is among the spec's examples is checked by
//! `spec_matches_reference`.)

use std::collections::BTreeMap;

use redis_enterprise_client::models::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// An example of a request or response body, with where it is and what schema it claims.
struct Example {
    location: String,
    schema: String,
    value: Value,
}

fn spec() -> Value {
    let spec = xtask::read_spec(&xtask::Codegen::default().spec).unwrap_or_else(|e| panic!("{e}"));
    serde_yaml::from_value(spec).unwrap()
}

/// `Bdb` for a `$ref`, `[Bdb]` for an array of them, `{Bdb}` for a map of them.
fn schema_name(schema: &Value) -> String {
    if let Some(reference) = schema["$ref"].as_str() {
        return reference
            .trim_start_matches("#/components/schemas/")
            .to_owned();
    }
    if schema["type"] == "array" {
        return format!("[{}]", schema_name(&schema["items"]));
    }
    if schema["additionalProperties"].is_object() {
        return format!("{{{}}}", schema_name(&schema["additionalProperties"]));
    }
    format!("inline {schema}")
}

fn examples(spec: &Value) -> Vec<Example> {
    let mut found = Vec::new();
    let mut collect = |location: String, media: &Value| {
        let Some(examples) = media["examples"].as_object() else {
            return;
        };
        for (name, example) in examples {
            found.push(Example {
                location: format!("{location} example `{name}`"),
                schema: schema_name(&media["schema"]),
                value: example["value"].clone(),
            });
        }
    };
    for (route, item) in spec["paths"].as_object().unwrap() {
        for (verb, operation) in item.as_object().unwrap() {
            if !operation.is_object() || verb == "parameters" {
                continue;
            }
            let here = format!("{} {route}", verb.to_uppercase());
            collect(
                format!("{here} request"),
                &operation["requestBody"]["content"]["application/json"],
            );
            for (status, response) in operation["responses"].as_object().unwrap() {
                collect(
                    format!("{here} {status}"),
                    &response["content"]["application/json"],
                );
            }
        }
    }
    found
}

/// Equal JSON, except that a number the server sent as a string (`"progress": "100"`) comes back as
/// the number it holds (the client reads numeric strings into number fields and writes numbers), and
/// an integer in a `number` field comes back as a float of the same value (`100` as `100.0`).
fn same_json(encoded: &Value, original: &Value) -> bool {
    match (encoded, original) {
        (Value::Number(left), Value::Number(right)) => left.as_f64() == right.as_f64(),
        (Value::Number(number), Value::String(text)) => text.parse::<f64>().ok() == number.as_f64(),
        (Value::Array(left), Value::Array(right)) => {
            left.len() == right.len() && left.iter().zip(right).all(|(l, r)| same_json(l, r))
        }
        (Value::Object(left), Value::Object(right)) => {
            left.len() == right.len()
                && left
                    .iter()
                    .all(|(key, l)| right.get(key).is_some_and(|r| same_json(l, r)))
        }
        _ => encoded == original,
    }
}

fn round_trip<T: DeserializeOwned + Serialize>(value: &Value) -> Result<Value, String> {
    let decoded: T = serde_json::from_value(value.clone()).map_err(|error| error.to_string())?;
    serde_json::to_value(decoded).map_err(|error| error.to_string())
}

/// `round_trip_as(schema, value)` for the listed types, each also as a list (`[Name]`) and a map
/// (`{Name}`); `None` for a schema not listed.
macro_rules! round_trips {
    ($($name:ident),* $(,)?) => {
        fn round_trip_as(schema: &str, value: &Value) -> Option<Result<Value, String>> {
            Some(match schema {
                $(
                    stringify!($name) => round_trip::<$name>(value),
                    concat!("[", stringify!($name), "]") => round_trip::<Vec<$name>>(value),
                    concat!("{", stringify!($name), "}") => {
                        round_trip::<BTreeMap<String, $name>>(value)
                    }
                )*
                _ => return None,
            })
        }
    };
}

// The body types that examples claim.
round_trips!(
    Action,
    ActionList,
    ActionV2,
    Alert,
    AlertsByName,
    Bdb,
    BdbActionOrBlueprint,
    BdbExportRequest,
    BdbImportRequest,
    BdbModulesConfigRequest,
    BdbModulesUpgradeRequest,
    BdbModulesUpgradeResult,
    BdbPassword,
    BdbRecoverRequest,
    BdbRecoveryPlan,
    BdbRevampRequest,
    BdbUpgradeRequest,
    Bootstrap,
    BootstrapInfo,
    CheckResult,
    Cluster,
    ClusterAction,
    ClusterActionList,
    ClusterActionRequest,
    ClusterAlert,
    ClusterCertificates,
    ClusterSettings,
    ClusterStats,
    ClusterStatsSample,
    CmSettings,
    Crdb,
    CrdbPeerStats,
    CrdbPeerStatsList,
    CrdbUpgradeRequest,
    CreateBdbRequest,
    CreateUserDefinedModuleRequest,
    DbAlertsSettings,
    DbConnsAuditingConfig,
    DbStats,
    DbStatsSample,
    Diagnostics,
    EndpointStats,
    JobScheduler,
    JwtAuthorize,
    JwtRefreshRequest,
    JwtToken,
    Ldap,
    LdapMapping,
    License,
    LicenseUpdate,
    LocalServices,
    LogEvent,
    MasterHealthcheck,
    MetricsConfig,
    MigrationResponse,
    Module,
    ModuleArtifact,
    ModuleCapabilities,
    ModuleConfigRequest,
    Node,
    NodeActionList,
    NodeActionRequest,
    NodeCheckResult,
    NodeSnapshot,
    NodeStats,
    NodeStatsSample,
    NodeStatusInfo,
    Ocsp,
    OcspStatus,
    PasswordHashingAlgorithmRequest,
    Proxy,
    ProxyUpdateRequest,
    RedisAcl,
    Role,
    ServicesConfiguration,
    ServicesRequest,
    ServicesResult,
    Shard,
    ShardActionResponse,
    ShardBlueprint,
    ShardFailoverRequest,
    ShardMigrateRequest,
    ShardStats,
    ShardStatsSample,
    ShardsFailoverRequest,
    ShardsMigrateRequest,
    Sso,
    SsoIdpMetadataRequest,
    StateMachine,
    Suffix,
    SyncSourceStats,
    SyncSourceStatsList,
    SyncerState,
    UpdateCertRequest,
    UpdateClusterCertificatesRequest,
    User,
    UserNewPassword,
    UserOldPassword,
);

#[test]
fn every_spec_example_round_trips_through_its_type() {
    let examples = examples(&spec());
    assert!(
        examples.len() >= 9,
        "expected the bdbs page's examples, found {}",
        examples.len()
    );
    for example in &examples {
        let Some(result) = round_trip_as(&example.schema, &example.value) else {
            panic!(
                "{}: no Rust type listed for schema {}; add it to `round_trips!`",
                example.location, example.schema
            )
        };
        match result {
            Ok(encoded) => assert!(
                same_json(&encoded, &example.value),
                "{} changed on a round trip:\n{encoded:#}",
                example.location
            ),
            Err(error) => panic!(
                "{} does not decode as {}: {error}",
                example.location, example.schema
            ),
        }
    }
}
