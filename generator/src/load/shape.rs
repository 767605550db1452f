//! Reading the bundled document as the `openapiv3` document model, locating what does not fit.

use openapiv3::{
    OpenAPI, Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response, Responses, Schema,
};
use serde::de::DeserializeOwned;
use serde_yaml::Value;

use super::yaml::entries;
use crate::pointer::JsonPointer;

/// Reads `document` as OpenAPI 3.0. A document whose shape does not match yields the JSON pointer of
/// the innermost offending value and what is wrong with it.
pub fn openapi(document: &Value) -> Result<OpenAPI, (JsonPointer, String)> {
    let openapi: OpenAPI = serde_yaml::from_value(document.clone()).map_err(|error| {
        locate(document).unwrap_or_else(|| (JsonPointer::root(), error.to_string()))
    })?;
    if !openapi.openapi.starts_with("3.0.") {
        return Err((
            JsonPointer::root().push("openapi"),
            format!(
                "unsupported OpenAPI version `{}`: only 3.0.x documents are read",
                openapi.openapi
            ),
        ));
    }
    Ok(openapi)
}

/// Finds the innermost part of a document that does not parse as what OpenAPI says it is.
///
/// `openapiv3` flattens vendor extensions into most of its structs, which hides the location of an error
/// from serde; so the document's shape is walked here, trying each part on its own.
fn locate(document: &Value) -> Option<(JsonPointer, String)> {
    let root = JsonPointer::root();
    let mut parts: Vec<Part<'_>> = Vec::new();
    for (path, item) in entries(document.get("paths")) {
        parts.push(Part::new::<PathItem>(
            item,
            root.push("paths").push(path),
            path_item_parts,
        ));
    }
    if let Some(components) = document.get("components") {
        let base = root.push("components");
        for (name, schema) in entries(components.get("schemas")) {
            parts.push(Part::new::<ReferenceOr<Schema>>(
                schema,
                base.push("schemas").push(name),
                schema_parts,
            ));
        }
        for (name, parameter) in entries(components.get("parameters")) {
            parts.push(Part::new::<ReferenceOr<Parameter>>(
                parameter,
                base.push("parameters").push(name),
                parameter_parts,
            ));
        }
        for (name, response) in entries(components.get("responses")) {
            parts.push(Part::new::<ReferenceOr<Response>>(
                response,
                base.push("responses").push(name),
                content_parts,
            ));
        }
        for (name, body) in entries(components.get("requestBodies")) {
            parts.push(Part::new::<ReferenceOr<RequestBody>>(
                body,
                base.push("requestBodies").push(name),
                content_parts,
            ));
        }
    }
    parts.iter().find_map(Part::innermost_failure).or_else(|| {
        serde_yaml::from_value::<OpenAPI>(document.clone())
            .err()
            .map(|error| (root, error.to_string()))
    })
}

/// A value expected to parse as some OpenAPI type, with the parts inside it.
struct Part<'a> {
    value: &'a Value,
    pointer: JsonPointer,
    check: fn(&Value) -> Result<(), String>,
    children: fn(&'a Value, &JsonPointer) -> Vec<Part<'a>>,
}

impl<'a> Part<'a> {
    fn new<T: DeserializeOwned>(
        value: &'a Value,
        pointer: JsonPointer,
        children: fn(&'a Value, &JsonPointer) -> Vec<Part<'a>>,
    ) -> Self {
        Self {
            value,
            pointer,
            check: |value| {
                serde_yaml::from_value::<T>(value.clone())
                    .map(drop)
                    .map_err(|e| e.to_string())
            },
            children,
        }
    }

    fn innermost_failure(&self) -> Option<(JsonPointer, String)> {
        let message = (self.check)(self.value).err()?;
        let children = (self.children)(self.value, &self.pointer);
        children
            .iter()
            .find_map(Part::innermost_failure)
            .or(Some((self.pointer.clone(), message)))
    }
}

fn path_item_parts<'a>(item: &'a Value, pointer: &JsonPointer) -> Vec<Part<'a>> {
    let mut parts = parameter_list(item, pointer);
    for method in [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ] {
        if let Some(operation) = item.get(method) {
            parts.push(Part::new::<Operation>(
                operation,
                pointer.push(method),
                operation_parts,
            ));
        }
    }
    parts
}

fn operation_parts<'a>(operation: &'a Value, pointer: &JsonPointer) -> Vec<Part<'a>> {
    let mut parts = parameter_list(operation, pointer);
    if let Some(body) = operation.get("requestBody") {
        parts.push(Part::new::<ReferenceOr<RequestBody>>(
            body,
            pointer.push("requestBody"),
            content_parts,
        ));
    }
    if let Some(responses) = operation.get("responses") {
        parts.push(Part::new::<Responses>(
            responses,
            pointer.push("responses"),
            response_parts,
        ));
    }
    parts
}

fn response_parts<'a>(responses: &'a Value, pointer: &JsonPointer) -> Vec<Part<'a>> {
    entries(Some(responses))
        .map(|(status, response)| {
            Part::new::<ReferenceOr<Response>>(response, pointer.push(status), content_parts)
        })
        .collect()
}

fn parameter_list<'a>(owner: &'a Value, pointer: &JsonPointer) -> Vec<Part<'a>> {
    let Some(Value::Sequence(parameters)) = owner.get("parameters") else {
        return Vec::new();
    };
    parameters
        .iter()
        .enumerate()
        .map(|(index, parameter)| {
            Part::new::<ReferenceOr<Parameter>>(
                parameter,
                pointer.push("parameters").push(index),
                parameter_parts,
            )
        })
        .collect()
}

fn parameter_parts<'a>(parameter: &'a Value, pointer: &JsonPointer) -> Vec<Part<'a>> {
    parameter
        .get("schema")
        .map(|schema| {
            Part::new::<ReferenceOr<Schema>>(schema, pointer.push("schema"), schema_parts)
        })
        .into_iter()
        .collect()
}

fn content_parts<'a>(owner: &'a Value, pointer: &JsonPointer) -> Vec<Part<'a>> {
    entries(owner.get("content"))
        .filter_map(|(media_type, media)| {
            let schema = media.get("schema")?;
            let pointer = pointer.push("content").push(media_type).push("schema");
            Some(Part::new::<ReferenceOr<Schema>>(
                schema,
                pointer,
                schema_parts,
            ))
        })
        .collect()
}

fn schema_parts<'a>(schema: &'a Value, pointer: &JsonPointer) -> Vec<Part<'a>> {
    let mut parts: Vec<Part<'a>> = entries(schema.get("properties"))
        .map(|(name, property)| {
            Part::new::<ReferenceOr<Schema>>(
                property,
                pointer.push("properties").push(name),
                schema_parts,
            )
        })
        .collect();
    for key in ["items", "additionalProperties"] {
        if let Some(inner @ Value::Mapping(_)) = schema.get(key) {
            parts.push(Part::new::<ReferenceOr<Schema>>(
                inner,
                pointer.push(key),
                schema_parts,
            ));
        }
    }
    parts
}
