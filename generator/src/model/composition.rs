//! How a schema combines other schemas (`allOf`, `oneOf`, `anyOf`), whichever form the document writes
//! it in: alone, or beside `type`, `description`, `properties`...

use openapiv3::{AdditionalProperties, AnySchema, ReferenceOr, Schema, SchemaKind};

/// What a schema's `allOf`, `oneOf` or `anyOf` makes of it.
pub enum Composition<'a> {
    /// It combines nothing.
    None,
    /// It stands for one of its `parts` (under the keyword `key`, at `index`): its only one, as in
    /// `{nullable: true, allOf: [{$ref: ...}]}` or `{type: object, description: ..., allOf: [{$ref:
    /// ...}]}`, where what it adds only annotates; or, once `$ref`s are followed, the first of an
    /// `allOf` whose parts restate one value that is not an object (see [`restated_value`]).
    Wrapper {
        key: &'static str,
        index: usize,
        parts: &'a [ReferenceOr<Schema>],
    },
    /// A value of one of these shapes (`oneOf` or `anyOf`, under this keyword).
    Alternatives(&'static str, &'a [ReferenceOr<Schema>]),
    /// An object with the properties of all these parts, and of the schema's own `properties`.
    Merge(&'a [ReferenceOr<Schema>]),
    /// A combination the generator cannot represent, with the reason.
    Unsupported(&'static str),
}

/// What `schema` combines.
pub fn composition(schema: &Schema) -> Composition<'_> {
    match &schema.schema_kind {
        SchemaKind::OneOf { one_of } => listed("oneOf", one_of),
        SchemaKind::AnyOf { any_of } => listed("anyOf", any_of),
        SchemaKind::AllOf { all_of } => listed("allOf", all_of),
        SchemaKind::Any(any) => beside_keywords(any),
        SchemaKind::Type(_) | SchemaKind::Not { .. } => Composition::None,
    }
}

/// A `oneOf`, `anyOf` or `allOf` with nothing beside it but annotations.
fn listed<'a>(key: &'static str, list: &'a [ReferenceOr<Schema>]) -> Composition<'a> {
    match list {
        [] => Composition::Unsupported("oneOf/anyOf/allOf needs at least one schema"),
        [_] => Composition::Wrapper {
            key,
            index: 0,
            parts: list,
        },
        _ if key == "allOf" => Composition::Merge(list),
        _ => Composition::Alternatives(key, list),
    }
}

/// A composition written beside other keywords, which `openapiv3` reads as an [`AnySchema`].
fn beside_keywords(any: &AnySchema) -> Composition<'_> {
    let lists = [
        ("oneOf", &any.one_of),
        ("anyOf", &any.any_of),
        ("allOf", &any.all_of),
    ];
    let mut present = lists.into_iter().filter(|(_, list)| !list.is_empty());
    let Some((key, list)) = present.next() else {
        return Composition::None;
    };
    if present.next().is_some() {
        return Composition::Unsupported("oneOf, anyOf and allOf on one schema are not supported");
    }
    let object_members = !any.properties.is_empty() || !any.required.is_empty();
    if object_members && key == "allOf" {
        // The schema's own properties are one more part of the merge.
        return Composition::Merge(list);
    }
    if object_members && list.iter().all(|part| only_constrains(part, any)) {
        // `anyOf: [{required: [a]}, {required: [b]}]` only says which of the properties must be sent,
        // or which values they take together: the struct has them all, and the server holds a value
        // to the rule.
        return Composition::None;
    }
    if object_members {
        return Composition::Unsupported("oneOf/anyOf beside `properties` are not supported");
    }
    if !only_annotates(any) {
        return Composition::Unsupported(
            "oneOf/allOf/anyOf beside other keywords (`items`, `enum`...) are not supported",
        );
    }
    listed(key, list)
}

/// The index of the part standing for the `allOf` merge `schema` of `parts` when they all describe
/// one value that is not an object: `[{$ref: Slug}, {nullable: true, type: string}]`, `[{type:
/// string}, {maxLength: 16}]`. A part (or the schema a `$ref` names, as `resolve` finds it) gives the
/// value a type other than `object`, and no part has members or alternatives, so the later parts
/// restate or only constrain the first: the first part that types the value stands for them all.
/// `None` for a merge of objects, or of parts beside `properties`.
pub fn restated_value<'a>(
    schema: &Schema,
    parts: &[ReferenceOr<Schema>],
    resolve: impl Fn(&str) -> Option<&'a Schema>,
) -> Option<usize> {
    if let SchemaKind::Any(any) = &schema.schema_kind {
        if !any.properties.is_empty() || !any.required.is_empty() {
            return None;
        }
    }
    let kinds = parts
        .iter()
        .map(|part| match part {
            ReferenceOr::Item(schema) => value_part(schema),
            ReferenceOr::Reference { reference } => value_part(resolve(reference)?),
        })
        .collect::<Option<Vec<ValuePart>>>()?;
    kinds.iter().position(|kind| *kind == ValuePart::Typed)
}

/// The description of the first inline part of `parts` that has one: a `$ref`'d part describes what
/// it names, not the schema the parts make.
pub fn parts_description(parts: &[ReferenceOr<Schema>]) -> Option<&str> {
    parts.iter().find_map(|part| match part {
        ReferenceOr::Item(part) => part.schema_data.description.as_deref(),
        ReferenceOr::Reference { .. } => None,
    })
}

/// Whether an inline part of `parts` says `null` is a value (`nullable: true`).
pub fn parts_nullable(parts: &[ReferenceOr<Schema>]) -> bool {
    parts
        .iter()
        .any(|part| matches!(part, ReferenceOr::Item(part) if part.schema_data.nullable))
}

/// What an inline part of an `allOf` says of a value that is not an object.
#[derive(PartialEq)]
enum ValuePart {
    /// It is a string, number, integer, boolean or array.
    Typed,
    /// It only annotates or constrains it: `{nullable: true}`, `{maxLength: 16}`, `{not: ...}`.
    Constrains,
}

/// What `schema` says of a value that is not an object; `None` for an object, a schema with members
/// or items of its own, or a composition.
fn value_part(schema: &Schema) -> Option<ValuePart> {
    match &schema.schema_kind {
        SchemaKind::Type(openapiv3::Type::Object(_)) => None,
        SchemaKind::Type(_) => Some(ValuePart::Typed),
        SchemaKind::Not { .. } => Some(ValuePart::Constrains),
        SchemaKind::Any(any)
            if any.properties.is_empty()
                && any.required.is_empty()
                && any.additional_properties.is_none()
                && any.items.is_none()
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.all_of.is_empty() =>
        {
            match any.typ.as_deref() {
                None => Some(ValuePart::Constrains),
                Some("object") => None,
                Some(_) => Some(ValuePart::Typed),
            }
        }
        _ => None,
    }
}

/// Whether the keywords of `any` other than its compositions and object members only annotate or
/// constrain it: its `type` says what the members say anyway, limits (`maxLength`...) and `not` are
/// the server's to check, and `additionalProperties: true` says what every object allows.
fn only_annotates(any: &AnySchema) -> bool {
    matches!(
        any.additional_properties,
        None | Some(AdditionalProperties::Any(true))
    ) && any.items.is_none()
        && any.enumeration.is_empty()
}

/// Whether the alternative `part` only constrains the members of `object`: which of them are
/// required, which values its properties take (`{properties: {status: {enum: [done]}}}`), with no
/// member or schema of its own.
fn only_constrains(part: &ReferenceOr<Schema>, object: &AnySchema) -> bool {
    match part {
        ReferenceOr::Item(
            schema @ Schema {
                schema_kind: SchemaKind::Any(any),
                ..
            },
        ) => {
            any.properties
                .keys()
                .all(|name| object.properties.contains_key(name))
                && is_object_like(schema)
        }
        _ => false,
    }
}

/// Whether `schema` can be a part of an `allOf` merge by itself: an object, or a schema that says
/// nothing about the kind of value (a part with only `required` or `description`, alternatives that
/// only constrain its members, or `not`).
pub fn is_object_like(schema: &Schema) -> bool {
    match &schema.schema_kind {
        // `not` only rules values out (`{not: {required: [a, b]}}`: never both).
        SchemaKind::Type(openapiv3::Type::Object(_)) | SchemaKind::Not { .. } => true,
        // `anyOf: [{required: [a]}, {required: [b]}]` alone: which members must be sent.
        SchemaKind::OneOf { one_of: list } | SchemaKind::AnyOf { any_of: list } => list
            .iter()
            .all(|part| only_constrains(part, &AnySchema::default())),
        SchemaKind::Any(any) => {
            matches!(any.typ.as_deref(), None | Some("object"))
                && any
                    .one_of
                    .iter()
                    .chain(&any.any_of)
                    .all(|part| only_constrains(part, any))
                && any.all_of.is_empty()
                && only_annotates(any)
        }
        _ => false,
    }
}
