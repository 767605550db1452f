//! Schemas to named Rust types.

use std::collections::HashMap;

use openapiv3::{
    AdditionalProperties, AnySchema, Discriminator, IntegerFormat, OpenAPI, ReferenceOr, Schema,
    SchemaData, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use super::composition::Composition;
use super::refs;
use super::{
    Alternative, Docs, Field, IntegerType, Presence, RustType, TypeDef, TypeKind, Variant,
    ERROR_CODE,
};
use crate::diagnostics::Collector;
use crate::naming::{self, Namespace, Wanted, RESERVED_TYPE_NAMES};
use crate::pointer::JsonPointer;

mod merge;

use merge::Property;

/// Name of the field that keeps the JSON members a struct does not declare.
pub const UNKNOWN_FIELDS: &str = "unknown_fields";

/// Names of the enum variant that keeps undocumented values, in order of preference: the first one no
/// documented value takes (a spec may well list a value `unknown`).
const FALLBACK_VARIANTS: [&str; 3] = ["Unknown", "Unrecognized", "Undocumented"];

/// The name of the variant that keeps the values an enum of `variants` does not list; `None` when
/// the documented values take every name (reported when the enum is built).
pub fn fallback_variant<'a>(
    variants: impl IntoIterator<Item = &'a Variant> + Clone,
) -> Option<&'static str> {
    FALLBACK_VARIANTS.into_iter().find(|name| {
        !variants
            .clone()
            .into_iter()
            .any(|variant| variant.rust_name == *name)
    })
}

/// Name of the union variant that keeps values of none of the documented shapes.
pub const OTHER_ALTERNATIVE: &str = "Other";

/// A schema seen through a property, an item, a parameter or a component: inline or by reference.
#[derive(Clone, Copy)]
pub enum SchemaRef<'a> {
    /// A `$ref` string.
    Reference(&'a str),
    /// The schema itself.
    Inline(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(schema: &'a ReferenceOr<Schema>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => Self::Reference(reference),
            ReferenceOr::Item(schema) => Self::Inline(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(schema: &'a ReferenceOr<Box<Schema>>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => Self::Reference(reference),
            ReferenceOr::Item(schema) => Self::Inline(schema),
        }
    }
}

/// Where a type being built goes: the name it gets if it needs one, and the file it lands in.
#[derive(Clone)]
pub struct Placement {
    /// Name for an inline object or enum found here.
    pub name: String,
    /// Module the type is emitted into.
    pub module: String,
}

impl Placement {
    /// A placement for something nested under this one (`BdbTags` + `Item`).
    pub fn nested(&self, suffix: &str) -> Self {
        Self {
            name: format!("{}{}", self.name, naming::camel(suffix).unwrap_or_default()),
            module: self.module.clone(),
        }
    }
}

/// Builds [`TypeDef`]s from schemas: the components first, then inline schemas as they are met.
pub struct TypeBuilder<'a> {
    document: &'a OpenAPI,
    names: Namespace,
    components: HashMap<&'a str, String>,
    types: Vec<TypeDef>,
    /// The index in `types` of each name, the first type's if a clash was reported.
    positions: HashMap<String, usize>,
    /// Inline objects and enums already built, by location: a schema shared through a component is
    /// reached once per use, and must become one type.
    built: HashMap<JsonPointer, String>,
}

impl<'a> TypeBuilder<'a> {
    /// A builder for the schemas of `document`.
    pub fn new(document: &'a OpenAPI) -> Self {
        let mut names = Namespace::new("type", "set `x-rust-name` on the schema");
        if super::documents_error_codes(document) {
            names.reserve(
                ERROR_CODE,
                "it names the enum of the documented error codes",
            );
        }
        for name in RESERVED_TYPE_NAMES {
            names.reserve(name, "generated code uses the standard type of that name");
        }
        Self {
            document,
            names,
            components: HashMap::new(),
            types: Vec::new(),
            positions: HashMap::new(),
            built: HashMap::new(),
        }
    }

    /// Names every component schema, then builds each one, in document order.
    pub fn build_components(&mut self, problems: &mut Collector) {
        let Some(components) = &self.document.components else {
            return;
        };
        let base = JsonPointer::root().push("components").push("schemas");
        let wanted: Vec<_> = components
            .schemas
            .iter()
            .map(|(key, schema)| {
                let pointer = base.push(key);
                let explicit = match schema {
                    ReferenceOr::Item(schema) => {
                        explicit_name(&schema.schema_data, &pointer, problems)
                    }
                    ReferenceOr::Reference { .. } => None,
                };
                let wanted = explicit
                    .map(Wanted::explicit)
                    .unwrap_or_else(|| Wanted::derived(key, naming::camel, naming::camel_spelled));
                (Some(wanted), pointer)
            })
            .collect();
        let names = self.names.assign(&wanted, problems);
        for (key, name) in components.schemas.keys().zip(names) {
            if let Some(name) = name {
                self.components.insert(key, name);
            }
        }
        for (key, schema) in &components.schemas {
            let Some(name) = self.components.get(key.as_str()).cloned() else {
                continue;
            };
            let pointer = base.push(key);
            let placement = Placement {
                module: naming::model_module(&name).unwrap_or_default(),
                name,
            };
            self.build_named(SchemaRef::from(schema), &placement, &pointer, problems);
        }
    }

    /// The generated types, in the order they were built, with the fields through which a type
    /// contains itself boxed.
    pub fn finish(mut self, problems: &mut Collector) -> Vec<TypeDef> {
        super::recursion::box_cycles(&mut self.types, problems);
        self.types
    }

    /// Whether values of `ty` can be written in a path or query string: scalars, string enums, and
    /// aliases of those.
    pub fn is_scalar(&self, ty: &RustType) -> bool {
        self.is_scalar_within(ty, self.types.len())
    }

    /// [`is_scalar`](Self::is_scalar), following at most `hops` aliases: alias cycles are only reported
    /// once every type is built, and must not loop here before that.
    fn is_scalar_within(&self, ty: &RustType, hops: usize) -> bool {
        match ty {
            RustType::String | RustType::Bool | RustType::Integer(_) | RustType::Number => true,
            RustType::Named(name) => {
                match self
                    .positions
                    .get(name)
                    .map(|&index| &self.types[index].kind)
                {
                    Some(TypeKind::Enum(_) | TypeKind::ErrorCodes(_)) => true,
                    Some(TypeKind::Alias(target)) => {
                        hops > 0 && self.is_scalar_within(target, hops - 1)
                    }
                    // A union of scalars (an id that is a number or a name) is written as the one
                    // it holds.
                    Some(TypeKind::Union(alternatives)) => {
                        hops > 0
                            && alternatives
                                .iter()
                                .all(|alternative| self.is_scalar_within(&alternative.ty, hops - 1))
                    }
                    _ => false,
                }
            }
            RustType::Secret
            | RustType::Array(_)
            | RustType::Map(_)
            | RustType::Any
            | RustType::Upload => false,
        }
    }

    /// Builds the named type `placement.name` for a component schema.
    fn build_named(
        &mut self,
        schema: SchemaRef<'a>,
        placement: &Placement,
        pointer: &JsonPointer,
        problems: &mut Collector,
    ) {
        match schema {
            SchemaRef::Inline(schema) if self.is_structure(schema) => {
                self.define(schema, placement, pointer, problems);
            }
            _ => {
                let docs = match schema {
                    SchemaRef::Inline(schema) => Docs::from_text(self.description(schema)),
                    SchemaRef::Reference(_) => Docs::default(),
                };
                let slot = self.reserve(placement, docs, pointer);
                self.types[slot].kind =
                    TypeKind::Alias(self.type_of(schema, placement, pointer, problems));
            }
        }
    }

    /// Defines the struct or enum `placement.name` for an object or enum schema.
    fn define(
        &mut self,
        schema: &'a Schema,
        placement: &Placement,
        pointer: &JsonPointer,
        problems: &mut Collector,
    ) {
        let docs = Docs::from_text(self.description(schema));
        let slot = self.reserve(placement, docs, pointer);
        self.types[slot].kind = self.structure(schema, placement, pointer, problems);
    }

    /// Adds the type `placement.name` before the types its members introduce, so each file reads from
    /// the outer type inwards; its kind is filled in once built.
    fn reserve(&mut self, placement: &Placement, docs: Docs, pointer: &JsonPointer) -> usize {
        self.positions
            .entry(placement.name.clone())
            .or_insert(self.types.len());
        self.types.push(TypeDef {
            name: placement.name.clone(),
            module: placement.module.clone(),
            docs,
            kind: TypeKind::Alias(RustType::Any),
            source: pointer.clone(),
        });
        self.types.len() - 1
    }

    /// The struct or enum an object-with-properties or string-enum schema defines.
    fn structure(
        &mut self,
        schema: &'a Schema,
        placement: &Placement,
        pointer: &JsonPointer,
        problems: &mut Collector,
    ) -> TypeKind {
        match self.composition(schema) {
            Composition::Alternatives(key, list) => {
                // A discriminator that names no tag for some alternative (an inline schema without a
                // `mapping` entry) cannot tell them apart: the values are read by shape instead, as
                // without one.
                let discriminator =
                    schema
                        .schema_data
                        .discriminator
                        .as_ref()
                        .filter(|discriminator| {
                            list.iter()
                                .all(|alternative| tags(discriminator, alternative).is_some())
                        });
                let alternatives =
                    self.union(key, list, discriminator, placement, pointer, problems);
                return match discriminator {
                    Some(discriminator) => TypeKind::Tagged {
                        property: discriminator.property_name.clone(),
                        alternatives,
                    },
                    None => TypeKind::Union(alternatives),
                };
            }
            Composition::Merge(_) => {
                let members = self.merged_members(schema, placement, pointer, problems);
                return TypeKind::Struct(self.fields(members, problems));
            }
            Composition::None | Composition::Wrapper { .. } | Composition::Unsupported(_) => {}
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                let values: Vec<&str> = string
                    .enumeration
                    .iter()
                    .flatten()
                    .map(String::as_str)
                    .collect();
                TypeKind::Enum(self.variants(&values, &schema.schema_data, pointer, problems))
            }
            SchemaKind::Type(Type::Object(_)) | SchemaKind::Any(_) => {
                let mut members = merge::Members::default();
                members.add_own(schema, placement, pointer, problems);
                TypeKind::Struct(self.fields(members, problems))
            }
            _ => TypeKind::Alias(RustType::Any),
        }
    }

    /// The Rust type of a value described by `schema`; inline objects and enums become new named types
    /// called `placement.name`.
    pub fn type_of(
        &mut self,
        schema: SchemaRef<'a>,
        placement: &Placement,
        pointer: &JsonPointer,
        problems: &mut Collector,
    ) -> RustType {
        let schema = match schema {
            SchemaRef::Reference(reference) => {
                return self.named_reference(reference, pointer, problems)
            }
            SchemaRef::Inline(schema) => schema,
        };
        match self.composition(schema) {
            // `{nullable: true, allOf: [{$ref: ...}]}` and the like only wrap one schema; `null` reads
            // as absent anyway.
            Composition::Wrapper { key, index, parts } => {
                let pointer = pointer.push(key).push(index);
                return self.type_of((&parts[index]).into(), placement, &pointer, problems);
            }
            Composition::Unsupported(message) => {
                problems.report(pointer, message);
                return RustType::Any;
            }
            Composition::None | Composition::Alternatives(..) | Composition::Merge(_) => {}
        }
        if self.is_structure(schema) {
            if let Some(name) = self.built.get(pointer) {
                return RustType::Named(name.clone());
            }
            let candidates = [placement.name.clone()];
            let Some(name) = self.names.claim_free(&candidates, pointer, problems) else {
                return RustType::Any;
            };
            self.built.insert(pointer.clone(), name.clone());
            let placement = Placement {
                name,
                module: placement.module.clone(),
            };
            self.define(schema, &placement, pointer, problems);
            return RustType::Named(placement.name);
        }
        match &schema.schema_kind {
            SchemaKind::Type(
                scalar @ (Type::String(_) | Type::Boolean(_) | Type::Number(_) | Type::Integer(_)),
            ) => scalar_type(scalar, pointer, problems),
            SchemaKind::Type(Type::Array(array)) => match &array.items {
                Some(items) => RustType::Array(Box::new(self.type_of(
                    items.into(),
                    &placement.nested("item"),
                    &pointer.push("items"),
                    problems,
                ))),
                None => RustType::Array(Box::new(RustType::Any)),
            },
            SchemaKind::Type(Type::Object(object)) => self.map_type(
                object.additional_properties.as_ref(),
                placement,
                pointer,
                problems,
            ),
            SchemaKind::Any(any) => {
                if any.additional_properties.is_some() {
                    self.map_type(
                        any.additional_properties.as_ref(),
                        placement,
                        pointer,
                        problems,
                    )
                } else if let Some(scalar) = untyped_scalar(any) {
                    scalar_type(&scalar, pointer, problems)
                } else {
                    RustType::Any
                }
            }
            // Every list is a structure, a wrapper or unsupported: `composition` handled it above.
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } | SchemaKind::AllOf { .. } => {
                RustType::Any
            }
            // Any value but those of a schema: the value is kept as sent, and the server holds it to
            // the rule, as to the limits of other schemas.
            SchemaKind::Not { .. } => RustType::Any,
        }
    }

    /// The docs of the schema `reference` points to, for a field or parameter that only refers to it.
    pub fn referenced_docs(&self, reference: &str) -> Docs {
        let components = self.document.components.as_ref().map(|c| &c.schemas);
        let name = refs::component_name(reference, "schemas").ok();
        match name.and_then(|name| components?.get(name)) {
            Some(ReferenceOr::Item(schema)) => self.field_docs(schema),
            _ => Docs::default(),
        }
    }

    fn named_reference(
        &mut self,
        reference: &str,
        pointer: &JsonPointer,
        problems: &mut Collector,
    ) -> RustType {
        let known = refs::component_name(reference, "schemas").and_then(|name| {
            self.components
                .get(name)
                .cloned()
                .ok_or_else(|| format!("`{reference}` does not name a usable schema"))
        });
        match known {
            Ok(name) => RustType::Named(name),
            Err(message) => {
                problems.report(&pointer.push("$ref"), message);
                RustType::Any
            }
        }
    }

    fn map_type(
        &mut self,
        additional: Option<&'a AdditionalProperties>,
        placement: &Placement,
        pointer: &JsonPointer,
        problems: &mut Collector,
    ) -> RustType {
        let value = match additional {
            Some(AdditionalProperties::Schema(schema)) => self.type_of(
                schema.as_ref().into(),
                &placement.nested("value"),
                &pointer.push("additionalProperties"),
                problems,
            ),
            _ => RustType::Any,
        };
        RustType::Map(Box::new(value))
    }

    /// The fields of a struct with `members`, in their order.
    fn fields(&mut self, members: merge::Members<'a>, problems: &mut Collector) -> Vec<Field> {
        let mut names = Namespace::new("field", "set `x-rust-field-name` on one of the properties");
        names.reserve(
            UNKNOWN_FIELDS,
            "it holds the members the spec does not describe",
        );
        let wanted: Vec<_> = members
            .properties
            .iter()
            .map(|property| {
                let wanted = field_name(property, problems);
                (wanted, property.pointer.clone())
            })
            .collect();
        let rust_names = names.assign(&wanted, problems);
        let mut fields = Vec::new();
        for (property, rust_name) in members.properties.iter().zip(rust_names) {
            let (json_name, pointer) = (property.json_name, &property.pointer);
            let Some(rust_name) = rust_name else {
                continue;
            };
            let schema_ref = SchemaRef::from(property.schema);
            let placement = property.owner.nested(json_name);
            let ty = self.type_of(schema_ref, &placement, pointer, problems);
            let (docs, nullable) = match schema_ref {
                SchemaRef::Inline(schema) => (self.field_docs(schema), self.nullable(schema)),
                // A `$ref` carries no description of its own (OpenAPI 3.0 ignores siblings of `$ref`):
                // the referenced schema's docs describe the field.
                SchemaRef::Reference(reference) => (self.referenced_docs(reference), false),
            };
            // A `required` entry naming no property is allowed (JSON Schema): it constrains nothing
            // the generated struct could hold.
            let presence = match (members.required.contains(&json_name), nullable) {
                (true, false) => Presence::Required,
                (true, true) => Presence::RequiredNullable,
                (false, _) => Presence::Optional,
            };
            fields.push(Field {
                json_name: json_name.to_owned(),
                rust_name,
                ty,
                presence,
                boxed: false,
                docs,
            });
        }
        fields
    }

    /// The alternatives of a union, named after their type (or `title`), in the document's order, each
    /// with its tags when `discriminator`, which must tag every one, is given.
    fn union(
        &mut self,
        key: &str,
        list: &'a [ReferenceOr<Schema>],
        discriminator: Option<&Discriminator>,
        placement: &Placement,
        pointer: &JsonPointer,
        problems: &mut Collector,
    ) -> Vec<Alternative> {
        let mut names = Namespace::new("alternative", "give the alternative a `title`");
        names.reserve(
            OTHER_ALTERNATIVE,
            "it keeps values of none of the documented shapes",
        );
        let mut alternatives = Vec::new();
        for (index, schema) in list.iter().enumerate() {
            let pointer = pointer.push(key).push(index);
            let (title, description) = match schema {
                ReferenceOr::Item(schema) => (
                    schema.schema_data.title.as_deref(),
                    schema.schema_data.description.as_deref(),
                ),
                ReferenceOr::Reference { .. } => (None, None),
            };
            let title = title.and_then(naming::camel);
            let suffix = title
                .clone()
                .unwrap_or_else(|| format!("Option{}", index + 1));
            let ty = self.type_of(
                schema.into(),
                &placement.nested(&suffix),
                &pointer,
                problems,
            );
            let rust_name = title.unwrap_or_else(|| shape_name(&ty));
            if !names.claim(&rust_name, &pointer, problems) {
                continue;
            }
            // The caller keeps only a discriminator that tags every alternative.
            let tags = discriminator
                .and_then(|discriminator| tags(discriminator, schema))
                .unwrap_or_default();
            let mut docs = match description {
                Some(text) => Docs::from_text(Some(text)),
                None => Docs::from_text(Some(&shape_docs(&ty))),
            };
            if let Some(discriminator) = discriminator {
                docs.push(Some(&tag_docs(&discriminator.property_name, &tags)));
            }
            alternatives.push(Alternative {
                tags,
                rust_name,
                ty,
                boxed: false,
                docs,
            });
        }
        alternatives
    }

    fn variants(
        &mut self,
        values: &[&str],
        data: &SchemaData,
        pointer: &JsonPointer,
        problems: &mut Collector,
    ) -> Vec<Variant> {
        let overrides = match data.extensions.get("x-enum-varnames") {
            None => None,
            Some(serde_json::Value::Array(names)) if names.len() == values.len() => Some(
                names
                    .iter()
                    .enumerate()
                    .map(|(index, name)| {
                        let checked = name
                            .as_str()
                            .ok_or_else(|| "must be a string".to_owned())
                            .and_then(naming::explicit);
                        checked.map_err(|message| {
                            problems.report(&pointer.push("x-enum-varnames").push(index), message);
                        })
                    })
                    .collect::<Vec<_>>(),
            ),
            Some(_) => {
                problems.report(
                    &pointer.push("x-enum-varnames"),
                    "must be a list of strings as long as `enum`",
                );
                None
            }
        };
        let descriptions = data.extensions.get("x-enum-descriptions");
        let wanted: Vec<_> = values
            .iter()
            .enumerate()
            .map(|(index, value)| {
                let wanted = match &overrides {
                    Some(overrides) => overrides[index].clone().ok().map(Wanted::explicit),
                    None => Some(Wanted::derived(value, naming::camel, naming::camel_spelled)),
                };
                (wanted, pointer.push("enum").push(index))
            })
            .collect();
        let mut names = Namespace::new("enum variant", "set `x-enum-varnames`");
        let rust_names = names.assign(&wanted, problems);
        let mut variants = Vec::new();
        for (value, rust_name) in values.iter().zip(rust_names) {
            let Some(rust_name) = rust_name else {
                continue;
            };
            let description = descriptions
                .and_then(|descriptions| descriptions.get(*value))
                .and_then(|d| d.as_str());
            variants.push(Variant {
                value: (*value).to_owned(),
                rust_name,
                docs: Docs::from_text(description),
            });
        }
        if fallback_variant(&variants).is_none() {
            problems.report(
                pointer,
                format!(
                    "the values take every name of the variant that keeps undocumented values ({}); \
                     set `x-enum-varnames`",
                    FALLBACK_VARIANTS.join(", ")
                ),
            );
        }
        variants
    }
}

impl<'a> TypeBuilder<'a> {
    /// Whether `schema` defines a struct (an object with properties, an `allOf` merge), an enum (a
    /// string enum) or a union (`oneOf`, `anyOf`), which need a named type.
    fn is_structure(&self, schema: &'a Schema) -> bool {
        match self.composition(schema) {
            Composition::Alternatives(..) | Composition::Merge(_) => return true,
            Composition::Wrapper { .. } | Composition::Unsupported(_) => return false,
            Composition::None => {}
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                string.enumeration.iter().any(Option::is_some)
            }
            SchemaKind::Type(Type::Object(object)) => !object.properties.is_empty(),
            SchemaKind::Any(any) => !any.properties.is_empty(),
            _ => false,
        }
    }

    /// The doc comment of a property described by `schema`: its description, then the facts a reader
    /// needs next to it.
    fn field_docs(&self, schema: &'a Schema) -> Docs {
        let data = &schema.schema_data;
        let mut docs = Docs::from_text(self.description(schema));
        let mut facts = Vec::new();
        if let SchemaKind::Type(Type::Integer(integer)) = &schema.schema_kind {
            let values: Vec<String> = integer
                .enumeration
                .iter()
                .flatten()
                .map(i64::to_string)
                .collect();
            if !values.is_empty() {
                facts.push(format!("Allowed values: {}.", values.join(", ")));
            }
            // Integer enums stay integers; what each value means goes in the docs.
            let descriptions = data.extensions.get("x-enum-descriptions");
            let meanings: Vec<String> = values
                .iter()
                .filter_map(|value| {
                    let meaning = descriptions?.get(value)?.as_str()?;
                    Some(format!("- `{value}`: {meaning}"))
                })
                .collect();
            if !meanings.is_empty() {
                docs.push(Some(meanings.join("\n")));
            }
            facts.extend(range(integer.minimum, integer.maximum));
        }
        if let SchemaKind::Type(Type::Number(number)) = &schema.schema_kind {
            facts.extend(range(number.minimum, number.maximum));
        }
        if let Some(default) = &data.default {
            facts.push(format!("Default: `{default}`."));
        }
        if data.read_only {
            facts.push("Read-only.".to_owned());
        }
        if data.deprecated {
            facts.push("Deprecated.".to_owned());
        }
        if !facts.is_empty() {
            docs.push(Some(facts.join(" ")));
        }
        docs
    }
}

/// The values of the `discriminator` property that select the alternative `schema`: its `mapping`
/// entries, else its schema name. `None` for an inline alternative, which has neither.
fn tags(discriminator: &Discriminator, schema: &ReferenceOr<Schema>) -> Option<Vec<String>> {
    let ReferenceOr::Reference { reference } = schema else {
        return None;
    };
    let name = refs::component_name(reference, "schemas").ok()?;
    let mapped: Vec<String> = discriminator
        .mapping
        .iter()
        .filter(|(_, target)| *target == reference || *target == name)
        .map(|(value, _)| value.clone())
        .collect();
    if mapped.is_empty() {
        Some(vec![name.to_owned()])
    } else {
        Some(mapped)
    }
}

/// The name the field for `property` asks for: its `x-rust-field-name` when it has one, else the
/// property name in snake case.
fn field_name(property: &Property, problems: &mut Collector) -> Option<Wanted> {
    let explicit = match property.schema {
        ReferenceOr::Item(schema) => schema.schema_data.extensions.get("x-rust-field-name"),
        ReferenceOr::Reference { .. } => None,
    };
    let Some(value) = explicit else {
        return Some(Wanted::derived(
            property.json_name,
            naming::snake,
            naming::snake_spelled,
        ));
    };
    let checked = value
        .as_str()
        .ok_or_else(|| "must be a string".to_owned())
        .and_then(naming::explicit);
    checked
        .map(Wanted::explicit)
        .map_err(|message| {
            problems.report(&property.pointer.push("x-rust-field-name"), message);
        })
        .ok()
}

/// The `x-rust-name` of a schema, when it has a usable one.
fn explicit_name(
    data: &SchemaData,
    pointer: &JsonPointer,
    problems: &mut Collector,
) -> Option<String> {
    let value = data.extensions.get("x-rust-name")?;
    let checked = value
        .as_str()
        .ok_or_else(|| "must be a string".to_owned())
        .and_then(naming::explicit);
    checked
        .map_err(|message| problems.report(&pointer.push("x-rust-name"), message))
        .ok()
}

/// The Rust type of the string, boolean, number or integer `scalar` (at `pointer`); any other type is
/// a free-form value.
fn scalar_type(scalar: &Type, pointer: &JsonPointer, problems: &mut Collector) -> RustType {
    match scalar {
        Type::String(string) => match string.format {
            VariantOrUnknownOrEmpty::Item(StringFormat::Password) => RustType::Secret,
            _ => RustType::String,
        },
        Type::Boolean(_) => RustType::Bool,
        Type::Number(_) => RustType::Number,
        Type::Integer(integer) => match integer_type(&integer.format) {
            Ok(integer) => RustType::Integer(integer),
            Err(message) => {
                problems.report(&pointer.push("format"), message);
                RustType::Integer(IntegerType::I64)
            }
        },
        Type::Array(_) | Type::Object(_) => RustType::Any,
    }
}

/// The scalar type of a schema whose `type` is a scalar one but which `openapiv3` read as untyped,
/// because it also has keywords of another type (`{type: string, minimum: 1}`: JSON Schema ignores
/// `minimum` on a string): its `type` and `format` read as `openapiv3` reads them in a typed schema.
/// `None` for other schemas, and for enums, which are typed when written right.
fn untyped_scalar(any: &AnySchema) -> Option<Type> {
    if !any.enumeration.is_empty() || !any.properties.is_empty() || any.items.is_some() {
        return None;
    }
    let typ = any.typ.as_deref()?;
    let keywords = match &any.format {
        Some(format) => serde_json::json!({ "type": typ, "format": format }),
        None => serde_json::json!({ "type": typ }),
    };
    serde_json::from_value(keywords)
        .ok()
        .filter(|ty| !matches!(ty, Type::Array(_) | Type::Object(_)))
}

fn integer_type(format: &VariantOrUnknownOrEmpty<IntegerFormat>) -> Result<IntegerType, String> {
    match format {
        VariantOrUnknownOrEmpty::Empty | VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => {
            Ok(IntegerType::I64)
        }
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Ok(IntegerType::I32),
        VariantOrUnknownOrEmpty::Unknown(format) => match format.as_str() {
            "int8" => Ok(IntegerType::I8),
            "int16" => Ok(IntegerType::I16),
            "uint8" => Ok(IntegerType::U8),
            "uint16" => Ok(IntegerType::U16),
            "uint32" => Ok(IntegerType::U32),
            "uint64" | "uint" => Ok(IntegerType::U64),
            other => Err(format!("unsupported integer format `{other}`")),
        },
    }
}

fn range<T: std::fmt::Display>(minimum: Option<T>, maximum: Option<T>) -> Option<String> {
    match (minimum, maximum) {
        (Some(min), Some(max)) => Some(format!("Range: {min} to {max}.")),
        (Some(min), None) => Some(format!("Minimum: {min}.")),
        (None, Some(max)) => Some(format!("Maximum: {max}.")),
        (None, None) => None,
    }
}

/// The variant name of a union alternative of type `ty`.
fn shape_name(ty: &RustType) -> String {
    match ty {
        RustType::Named(name) => name.clone(),
        RustType::String => "String".to_owned(),
        RustType::Secret => "Secret".to_owned(),
        RustType::Bool => "Bool".to_owned(),
        RustType::Integer(_) => "Integer".to_owned(),
        RustType::Number => "Number".to_owned(),
        RustType::Array(item) => format!("{}List", shape_name(item)),
        RustType::Map(value) => format!("{}Map", shape_name(value)),
        RustType::Any => "Value".to_owned(),
        RustType::Upload => "Upload".to_owned(),
    }
}

/// What the docs of a tagged union's alternative say about its tags.
fn tag_docs(property: &str, tags: &[String]) -> String {
    let tags: Vec<String> = tags.iter().map(|tag| format!("`{tag}`")).collect();
    format!("Its `{property}` is {}.", tags.join(" or "))
}

/// What the docs of a union alternative without a description say.
fn shape_docs(ty: &RustType) -> String {
    let shape = match ty {
        RustType::Named(name) => format!("a [`{name}`]"),
        RustType::String | RustType::Secret => "a string".to_owned(),
        RustType::Bool => "a boolean".to_owned(),
        RustType::Integer(_) => "an integer".to_owned(),
        RustType::Number => "a number".to_owned(),
        RustType::Array(_) => "a list".to_owned(),
        RustType::Map(_) => "a map".to_owned(),
        RustType::Any | RustType::Upload => "any JSON value".to_owned(),
    };
    format!("The value, as {shape}.")
}
