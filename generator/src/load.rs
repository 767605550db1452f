//! Reading a spec file into the `openapiv3` document model.

use std::path::Path;

use openapiv3::{
    OpenAPI, Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response, Responses, Schema,
};
use serde::de::DeserializeOwned;
use serde_yaml::Value;

use crate::diagnostics::{Diagnostics, Problem};
use crate::pointer::JsonPointer;

/// Parses an OpenAPI 3.0 document from YAML (or JSON, which is YAML too).
///
/// `file` is only used to attribute problems. A document that is not valid YAML, or whose shape does not
/// match OpenAPI 3.0, yields one problem located by the JSON pointer of the innermost offending value.
pub fn parse(file: &Path, source: &str) -> Result<OpenAPI, Diagnostics> {
    let fail = |pointer: JsonPointer, message: String| Diagnostics {
        file: file.to_path_buf(),
        problems: vec![Problem { pointer, message }],
    };
    let document: OpenAPI = match serde_yaml::from_str(source) {
        Ok(document) => document,
        Err(error) => {
            // Not YAML at all: serde_yaml's message has the line and column.
            let value: Value = serde_yaml::from_str(source)
                .map_err(|_| fail(JsonPointer::root(), error.to_string()))?;
            let (pointer, message) =
                locate(&value).unwrap_or_else(|| (JsonPointer::root(), error.to_string()));
            return Err(fail(pointer, message));
        }
    };
    if !document.openapi.starts_with("3.0.") {
        return Err(fail(
            JsonPointer::root().push("openapi"),
            format!(
                "unsupported OpenAPI version `{}`: only 3.0.x documents are read",
                document.openapi
            ),
        ));
    }
    Ok(document)
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

/// The entries of a YAML mapping, keys rendered as text (status codes may be written as numbers).
fn entries(value: Option<&Value>) -> impl Iterator<Item = (String, &Value)> {
    let mapping = match value {
        Some(Value::Mapping(mapping)) => Some(mapping),
        _ => None,
    };
    mapping.into_iter().flat_map(|mapping| {
        mapping.iter().map(|(key, value)| {
            let key = match key {
                Value::String(text) => text.clone(),
                Value::Number(number) => number.to_string(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
            };
            (key, value)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(source: &str) -> Problem {
        let error = parse(Path::new("spec.yaml"), source).unwrap_err();
        assert_eq!(error.problems.len(), 1, "{error}");
        error.problems.into_iter().next().unwrap()
    }

    const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

    #[test]
    fn a_shape_error_names_the_innermost_pointer() {
        let source = format!("{HEAD}paths:\n  /a:\n    get:\n      responses: 7\n");
        assert_eq!(
            problem(&source).pointer.to_string(),
            "#/paths/~1a/get/responses"
        );

        let source = format!(
            "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b: {{type: integer, minimum: lots}}\n"
        );
        assert_eq!(
            problem(&source).pointer.to_string(),
            "#/components/schemas/A/properties/b"
        );
    }

    #[test]
    fn invalid_yaml_reports_its_line() {
        let source = format!("{HEAD}paths: [\n");
        assert!(problem(&source).message.contains("line"));
    }

    #[test]
    fn other_openapi_versions_are_refused() {
        let source = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n";
        assert!(problem(source).message.contains("only 3.0.x"));
    }
}
