//! Every JSON example in the spec decodes into the generated type of its body and encodes back to the
//! same JSON; and every JSON example of the database request page is one of the spec's examples.

use std::path::Path;

use redis_enterprise_client::models::{Bdb, CreateBdbRequest};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

const SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/redis-enterprise.yaml");
const BDBS_PAGE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/redis-docs/rest-api/requests/bdbs/_index.md"
);

/// An example of a request or response body, with where it is and what schema it claims.
struct Example {
    location: String,
    schema: String,
    value: Value,
}

fn spec() -> Value {
    let spec =
        openapi_rust_generator::load::bundle(Path::new(SPEC)).unwrap_or_else(|d| panic!("{d}"));
    serde_yaml::from_value(spec).unwrap()
}

/// `Bdb` for a `$ref`, `[Bdb]` for an array of them.
fn schema_name(schema: &Value) -> String {
    if let Some(reference) = schema["$ref"].as_str() {
        return reference
            .trim_start_matches("#/components/schemas/")
            .to_owned();
    }
    if schema["type"] == "array" {
        return format!("[{}]", schema_name(&schema["items"]));
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

fn round_trip<T: DeserializeOwned + Serialize>(value: &Value) -> Result<Value, String> {
    let decoded: T = serde_json::from_value(value.clone()).map_err(|error| error.to_string())?;
    serde_json::to_value(decoded).map_err(|error| error.to_string())
}

#[test]
fn every_spec_example_round_trips_through_its_type() {
    let examples = examples(&spec());
    assert!(
        examples.len() >= 9,
        "expected the bdbs page's examples, found {}",
        examples.len()
    );
    for example in &examples {
        let result = match example.schema.as_str() {
            "Bdb" => round_trip::<Bdb>(&example.value),
            "[Bdb]" => round_trip::<Vec<Bdb>>(&example.value),
            "CreateBdbRequest" => round_trip::<CreateBdbRequest>(&example.value),
            other => panic!(
                "{}: no Rust type mapped for schema {other}; add it here",
                example.location
            ),
        };
        match result {
            Ok(encoded) => assert_eq!(
                encoded, example.value,
                "{} changed on a round trip",
                example.location
            ),
            Err(error) => panic!(
                "{} does not decode as {}: {error}",
                example.location, example.schema
            ),
        }
    }
}

/// The JSON blocks of a Markdown page, minus the `"// additional fields..."` placeholders the docs put
/// in place of the rest of an object (which make them invalid JSON).
fn json_blocks(markdown: &str) -> Vec<Value> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim()) {
            (None, "```json") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(parse_lenient(block));
                current = None;
            }
            (Some(block), text) if !text.starts_with("\"// ") => {
                block.push_str(line);
                block.push('\n');
            }
            _ => {}
        }
    }
    blocks
}

/// Parses JSON after dropping the commas left dangling before `}` or `]`.
fn parse_lenient(text: &str) -> Value {
    let mut cleaned = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (index, &c) in chars.iter().enumerate() {
        let next = chars[index + 1..].iter().find(|c| !c.is_whitespace());
        if c == ',' && matches!(next, Some('}') | Some(']')) {
            continue;
        }
        cleaned.push(c);
    }
    serde_json::from_str(&cleaned)
        .unwrap_or_else(|error| panic!("doc example is not JSON ({error}):\n{cleaned}"))
}

#[test]
fn every_example_of_the_bdbs_page_is_in_the_spec() {
    assert!(
        Path::new(BDBS_PAGE).exists(),
        "the REST API reference is expected at {BDBS_PAGE} (shared/ beside the repository)"
    );
    let page = std::fs::read_to_string(BDBS_PAGE).unwrap();
    let documented = json_blocks(&page);
    assert_eq!(
        documented.len(),
        9,
        "the page's JSON examples changed; review the spec"
    );
    let in_spec: Vec<Value> = examples(&spec())
        .into_iter()
        .map(|example| example.value)
        .collect();
    for example in documented {
        assert!(
            in_spec.contains(&example),
            "doc example missing from the spec:\n{example:#}"
        );
    }
}
