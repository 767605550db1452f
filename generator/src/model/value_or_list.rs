//! Query parameters that take one value or a list of them.

use std::mem::{discriminant, Discriminant};

use openapiv3::{ArrayType, OpenAPI, ReferenceOr, Schema, SchemaKind, Type};

use super::refs;
use super::types::SchemaRef;
use crate::pointer::JsonPointer;

/// The items of `schema` (at `pointer`) and where they are, when it takes a value or a list of values
/// of one JSON type (`oneOf: [{type: string}, {type: array, items: {type: string}}]`). Such a
/// parameter is a list: a list of one value is sent as that value.
pub fn list_items<'a>(
    document: &'a OpenAPI,
    schema: &'a ReferenceOr<Schema>,
    pointer: &JsonPointer,
) -> Option<(SchemaRef<'a>, JsonPointer)> {
    let (schema, pointer) = refs::schema(document, schema.into(), pointer).ok()?;
    let (key, alternatives) = match &schema.schema_kind {
        SchemaKind::OneOf { one_of } => ("oneOf", one_of),
        SchemaKind::AnyOf { any_of } => ("anyOf", any_of),
        _ => return None,
    };
    let [first, second] = alternatives.as_slice() else {
        return None;
    };
    let resolve = |index: usize, alternative: &'a ReferenceOr<Schema>| {
        refs::schema(document, alternative.into(), &pointer.push(key).push(index)).ok()
    };
    let (first, second) = (resolve(0, first)?, resolve(1, second)?);
    let ((array, array_pointer), (value, _)) = match first.0.schema_kind {
        SchemaKind::Type(Type::Array(_)) => (first, second),
        _ => (second, first),
    };
    let SchemaKind::Type(Type::Array(ArrayType {
        items: Some(items), ..
    })) = &array.schema_kind
    else {
        return None;
    };
    let items_pointer = array_pointer.push("items");
    let (item, _) = refs::schema(document, items.into(), &items_pointer).ok()?;
    let scalar = scalar_type(value)?;
    (scalar_type(item)? == scalar).then(|| (items.into(), items_pointer))
}

/// The JSON type of a string, number, integer or boolean schema.
fn scalar_type(schema: &Schema) -> Option<Discriminant<Type>> {
    match &schema.schema_kind {
        SchemaKind::Type(
            ty @ (Type::String(_) | Type::Number(_) | Type::Integer(_) | Type::Boolean(_)),
        ) => Some(discriminant(ty)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items_of(schema: &str) -> Option<String> {
        let document: OpenAPI = serde_yaml::from_str(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    \
             Id: {type: integer}\n",
        )
        .unwrap();
        let schema: ReferenceOr<Schema> = serde_yaml::from_str(schema).unwrap();
        let pointer = JsonPointer::root().push("schema");
        list_items(&document, &schema, &pointer).map(|(_, pointer)| pointer.to_string())
    }

    #[test]
    fn a_value_or_a_list_of_that_type_is_a_list() {
        assert_eq!(
            items_of("oneOf: [{type: string}, {type: array, items: {type: string, enum: [a]}}]")
                .as_deref(),
            Some("#/schema/oneOf/1/items")
        );
        assert_eq!(
            items_of(
                "anyOf: [{type: array, items: {$ref: '#/components/schemas/Id'}}, {type: integer}]"
            )
            .as_deref(),
            Some("#/schema/anyOf/0/items")
        );
    }

    #[test]
    fn other_unions_are_not() {
        assert_eq!(
            items_of("oneOf: [{type: string}, {type: array, items: {type: integer}}]"),
            None
        );
        assert_eq!(items_of("oneOf: [{type: string}, {type: integer}]"), None);
        assert_eq!(items_of("oneOf: [{type: array, items: {type: string}}, {type: array, items: {type: string}}]"), None);
        assert_eq!(items_of("oneOf: [{type: string}, {type: array}]"), None);
        assert_eq!(items_of("type: string"), None);
    }
}
