//! The models against what real clusters send: undocumented fields, missing ones, `null` and `""`,
//! numbers as strings, new enum values. Nothing is lost on a read-modify-write.

use redis_enterprise_client::models::{Bdb, BdbDataPersistence, BdbStatus, BdbType};
use redis_enterprise_client::Client;
use serde_json::{json, Value};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A database as a newer cluster might send it.
fn from_the_field() -> Value {
    json!({
        "uid": 1,
        "name": "tr01",
        "type": "redis",
        "status": "active",
        "memory_size": "1073741824",
        "shards_count": 2,
        "port": null,
        "version": "",
        "data_persistence": "",
        "eviction_policy": "allkeys-lrm-v2",
        "new_feature_flag": {"enabled": true, "level": 3},
        "endpoints": [{"uid": "1:1", "port": 12000, "dns_name": "redis-12000.cluster", "future": [1, 2]}]
    })
}

#[test]
fn undocumented_and_odd_values_decode() {
    let bdb: Bdb = serde_json::from_value(from_the_field()).unwrap();

    assert_eq!(bdb.uid, Some(1));
    assert_eq!(bdb.r#type, Some(BdbType::Redis));
    assert_eq!(bdb.status, Some(BdbStatus::Active));
    assert_eq!(
        bdb.memory_size,
        Some(1_073_741_824),
        "a number sent as a string"
    );
    assert_eq!(bdb.port, None, "null reads as absent");
    assert_eq!(
        bdb.version.as_deref(),
        Some(""),
        "an empty string stays a string"
    );
    let persistence = bdb.data_persistence.as_ref().unwrap();
    assert!(
        matches!(persistence, BdbDataPersistence::Unknown(_)),
        "{persistence:?}"
    );
    assert_eq!(persistence.as_str(), "");
    assert_eq!(
        bdb.eviction_policy.as_ref().map(|p| p.as_str()),
        Some("allkeys-lrm-v2")
    );
    assert_eq!(
        bdb.unknown_fields["new_feature_flag"],
        json!({"enabled": true, "level": 3})
    );
    let endpoint = &bdb.endpoints.as_ref().unwrap()[0];
    assert_eq!(endpoint.unknown_fields["future"], json!([1, 2]));
}

#[test]
fn writing_back_keeps_every_value_except_nulls() {
    let bdb: Bdb = serde_json::from_value(from_the_field()).unwrap();

    let mut expected = from_the_field();
    let object = expected.as_object_mut().unwrap();
    object.remove("port");
    object.insert("memory_size".into(), json!(1_073_741_824));
    assert_eq!(serde_json::to_value(&bdb).unwrap(), expected);
}

#[test]
fn numbers_inside_arrays_decode_from_numeric_strings() {
    let bdb: Bdb = serde_json::from_value(json!({"shard_list": ["1", 2, "3"]})).unwrap();
    assert_eq!(bdb.shard_list, Some(vec![1, 2, 3]));
    assert_eq!(
        serde_json::to_value(&bdb).unwrap(),
        json!({"shard_list": [1, 2, 3]})
    );

    let error = serde_json::from_value::<Bdb>(json!({"shard_list": ["1", "x"]})).unwrap_err();
    assert!(error.to_string().contains(r#""x""#), "{error}");
}

#[test]
fn debug_names_undocumented_members_without_their_values() {
    let mut value = from_the_field();
    value["session_token"] = json!("tok-8f3e");
    let bdb: Bdb = serde_json::from_value(value).unwrap();

    let debug = format!("{bdb:?}");

    assert!(
        debug.contains(r#"unknown_fields: {"new_feature_flag", "session_token"}"#),
        "{debug}"
    );
    assert!(!debug.contains("tok-8f3e"), "{debug}");
    assert!(debug.contains(r#"name: Some("tr01")"#), "{debug}");
}

#[test]
fn a_partial_object_decodes() {
    let bdb: Bdb = serde_json::from_value(json!({"uid": 3})).unwrap();
    assert_eq!(bdb.uid, Some(3));
    assert_eq!(bdb.name, None);
    assert_eq!(serde_json::to_value(&bdb).unwrap(), json!({"uid": 3}));
}

#[tokio::test]
async fn read_modify_write_sends_back_what_was_read() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/bdbs/1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(from_the_field()))
        .mount(&server)
        .await;
    let mut sent_back = from_the_field();
    let object = sent_back.as_object_mut().unwrap();
    object.remove("port");
    object.insert("memory_size".into(), json!(1_073_741_824));
    object.insert("name".into(), json!("database1"));
    Mock::given(method("PUT"))
        .and(path("/v1/bdbs/1"))
        .and(body_json(&sent_back))
        .respond_with(ResponseTemplate::new(200).set_body_json(&sent_back))
        .expect(1)
        .mount(&server)
        .await;
    let api = Client::builder().base_url(server.uri()).build().unwrap();

    let mut bdb = api.bdbs().get(1).await.unwrap();
    bdb.name = Some("database1".to_owned());
    let updated = api.bdbs().update(1, bdb).await.unwrap();

    assert_eq!(
        updated.unknown_fields["new_feature_flag"]["level"],
        json!(3)
    );
}

/// A value of several documented shapes keeps the shape it came in, and one of none of them is kept
/// as it came: each round trip gives back the same JSON.
#[test]
fn values_of_several_shapes_keep_theirs() {
    use redis_enterprise_client::models::{Action, ActionProgress, Shard, ShardUid};

    for (sent, expected) in [
        (json!("1"), ShardUid::String("1".into())),
        (json!(2), ShardUid::Integer(2)),
        (json!({"id": 3}), ShardUid::Other(json!({"id": 3}))),
    ] {
        let shard: Shard = serde_json::from_value(json!({"uid": sent})).unwrap();
        assert_eq!(shard.uid.as_ref(), Some(&expected));
        assert_eq!(serde_json::to_value(&shard).unwrap(), json!({"uid": sent}));
    }
    for (sent, expected) in [
        (json!("100"), ActionProgress::String("100".into())),
        (json!(42.5), ActionProgress::Number(42.5)),
    ] {
        let action: Action = serde_json::from_value(json!({"progress": sent})).unwrap();
        assert_eq!(action.progress.as_ref(), Some(&expected));
        assert_eq!(
            serde_json::to_value(&action).unwrap(),
            json!({"progress": sent})
        );
    }
    let shard: Shard = serde_json::from_value(json!({"uid": null})).unwrap();
    assert_eq!(shard.uid, None);
}
