//! The members of an object, gathered from its own `properties` and from the parts of its `allOf`.

use openapiv3::{AnySchema, ReferenceOr, Schema, SchemaKind, Type};

use super::{Placement, TypeBuilder};
use crate::diagnostics::Collector;
use crate::model::composition::{
    composition, is_object_like, parts_description, parts_nullable, restated_value, Composition,
};
use crate::pointer::JsonPointer;

/// A property of an object, with where it is written.
pub struct Property<'a> {
    /// Name in JSON.
    pub json_name: &'a str,
    /// Its schema.
    pub schema: &'a ReferenceOr<Box<Schema>>,
    /// Where the property is.
    pub pointer: JsonPointer,
    /// Placement of the schema that declares it: inline types of the property are named after it, so
    /// a property inherited from a component gets the type the component itself gives it.
    pub owner: Placement,
}

/// The properties of an object in document order, and the names it requires.
#[derive(Default)]
pub struct Members<'a> {
    /// Each property once, in the order of the parts that declare it.
    pub properties: Vec<Property<'a>>,
    /// Every name some part requires.
    pub required: Vec<&'a str>,
}

impl<'a> Members<'a> {
    /// Adds the `properties` and `required` written on `schema` itself.
    pub fn add_own(
        &mut self,
        schema: &'a Schema,
        owner: &Placement,
        pointer: &JsonPointer,
        problems: &mut Collector,
    ) {
        let (properties, required) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => (&object.properties, &object.required),
            SchemaKind::Any(any) => (&any.properties, &any.required),
            _ => return,
        };
        self.required.extend(required.iter().map(String::as_str));
        for (json_name, schema) in properties {
            self.add(
                Property {
                    json_name,
                    schema,
                    pointer: pointer.push("properties").push(json_name),
                    owner: owner.clone(),
                },
                problems,
            );
        }
    }

    /// Adds `property`, unless a part already declared it. With the same schema (parts sharing a
    /// base) that is one property. A later part may narrow a property to another schema of the same
    /// type (an enum of strings for a string, a string for a string-or-integer, an integer for a
    /// number), as a subtype narrows what it inherits: the later declaration then stands, in the first
    /// one's place; one that adds nothing (`{nullable: true}`, a number for an integer) leaves it as it
    /// is. Another type is a contradiction.
    fn add(&mut self, property: Property<'a>, problems: &mut Collector) {
        let Some(first) = self
            .properties
            .iter_mut()
            .find(|first| first.json_name == property.json_name)
        else {
            self.properties.push(property);
            return;
        };
        if first.pointer == property.pointer
            || same_shape(first.schema, property.schema)
            || adds_nothing(first.schema, property.schema)
        {
            return;
        }
        if narrows(first.schema, property.schema) {
            *first = property;
            return;
        }
        problems.report(
            &property.pointer,
            format!(
                "property `{}` is already declared by {} with another type; allOf parts must agree \
                 on the type of the properties they share",
                property.json_name, first.pointer
            ),
        );
    }
}

impl<'a> TypeBuilder<'a> {
    /// What `schema` combines, with the `$ref`s of an `allOf` followed: an `allOf` whose parts restate
    /// one value that is not an object stands for the part that types it.
    pub(super) fn composition(&self, schema: &'a Schema) -> Composition<'a> {
        match composition(schema) {
            Composition::Merge(parts) => {
                let resolve =
                    |reference: &str| self.component(reference).map(|(schema, ..)| schema);
                match restated_value(schema, parts, resolve) {
                    Some(index) => Composition::Wrapper {
                        key: "allOf",
                        index,
                        parts,
                    },
                    None => Composition::Merge(parts),
                }
            }
            other => other,
        }
    }

    /// The description of `schema`: its own, or for a merge or a schema standing for one of its parts,
    /// that of its first inline part (a `$ref`'d part describes what it names, not this schema).
    pub(super) fn description(&self, schema: &'a Schema) -> Option<&'a str> {
        schema
            .schema_data
            .description
            .as_deref()
            .or_else(|| match self.composition(schema) {
                Composition::Merge(parts) | Composition::Wrapper { parts, .. } => {
                    parts_description(parts)
                }
                _ => None,
            })
    }

    /// Whether `null` is a value of `schema`: it says so, or it stands for one of its parts and an
    /// inline part says so (`allOf: [{$ref: Slug}, {nullable: true}]`).
    pub(super) fn nullable(&self, schema: &'a Schema) -> bool {
        schema.schema_data.nullable
            || matches!(self.composition(schema), Composition::Wrapper { parts, .. } if parts_nullable(parts))
    }

    /// The members of the `allOf` merge `schema`: those of each part in order, then its own.
    pub(super) fn merged_members(
        &self,
        schema: &'a Schema,
        placement: &Placement,
        pointer: &JsonPointer,
        problems: &mut Collector,
    ) -> Members<'a> {
        let mut members = Members::default();
        let mut visiting = vec![pointer.clone()];
        self.gather(
            schema,
            placement,
            pointer,
            &mut visiting,
            &mut members,
            problems,
        );
        members
    }

    /// Adds the members of `schema` to `members`; false when it is no object, which the caller reports
    /// at the part that names it.
    fn gather(
        &self,
        schema: &'a Schema,
        placement: &Placement,
        pointer: &JsonPointer,
        visiting: &mut Vec<JsonPointer>,
        members: &mut Members<'a>,
        problems: &mut Collector,
    ) -> bool {
        match self.composition(schema) {
            Composition::Merge(parts) => {
                for (index, part) in parts.iter().enumerate() {
                    let part_pointer = pointer.push("allOf").push(index);
                    self.gather_part(part, placement, &part_pointer, visiting, members, problems);
                }
                members.add_own(schema, placement, pointer, problems);
                true
            }
            Composition::Wrapper { key, index, parts } => {
                let part_pointer = pointer.push(key).push(index);
                self.gather_part(
                    &parts[index],
                    placement,
                    &part_pointer,
                    visiting,
                    members,
                    problems,
                );
                true
            }
            // A part may be alternatives that only say which members must be sent, which the
            // struct holds anyway.
            Composition::None | Composition::Alternatives(..) if is_object_like(schema) => {
                members.add_own(schema, placement, pointer, problems);
                true
            }
            Composition::None | Composition::Alternatives(..) | Composition::Unsupported(_) => {
                false
            }
        }
    }

    /// Adds the members of the `allOf` part at `pointer`, following its `$ref`.
    fn gather_part(
        &self,
        part: &'a ReferenceOr<Schema>,
        placement: &Placement,
        pointer: &JsonPointer,
        visiting: &mut Vec<JsonPointer>,
        members: &mut Members<'a>,
        problems: &mut Collector,
    ) {
        let merged = match part {
            ReferenceOr::Item(schema) => {
                self.gather(schema, placement, pointer, visiting, members, problems)
            }
            ReferenceOr::Reference { reference } => {
                let Some((schema, target, owner)) = self.component(reference) else {
                    let message = crate::model::refs::component_name(reference, "schemas")
                        .err()
                        .unwrap_or_else(|| format!("`{reference}` does not name a usable schema"));
                    problems.report(&pointer.push("$ref"), message);
                    return;
                };
                if visiting.contains(&target) {
                    problems.report(pointer, "allOf part includes the schema it is part of");
                    return;
                }
                visiting.push(target.clone());
                let merged = self.gather(schema, &owner, &target, visiting, members, problems);
                visiting.pop();
                merged
            }
        };
        if !merged {
            problems.report(
                pointer,
                "allOf part is not an object: only objects merge into one struct",
            );
        }
    }

    /// The component schema `reference` names, where it is, and its placement; a component that only
    /// refers to another is followed (at most once per component: a cycle of them is reported where
    /// the components are built).
    fn component(&self, reference: &str) -> Option<(&'a Schema, JsonPointer, Placement)> {
        let schemas = &self.document.components.as_ref()?.schemas;
        let mut reference = reference;
        for _ in 0..=schemas.len() {
            let key = crate::model::refs::component_name(reference, "schemas").ok()?;
            match schemas.get(key)? {
                ReferenceOr::Reference { reference: next } => reference = next,
                ReferenceOr::Item(schema) => return self.placed(key, schema),
            }
        }
        None
    }

    /// The component schema `schema` under `key`, where it is, and its placement.
    fn placed(
        &self,
        key: &str,
        schema: &'a Schema,
    ) -> Option<(&'a Schema, JsonPointer, Placement)> {
        let name = self.components.get(key)?;
        let pointer = JsonPointer::root()
            .push("components")
            .push("schemas")
            .push(key);
        let placement = Placement {
            name: name.clone(),
            module: crate::naming::model_module(name).unwrap_or_default(),
        };
        Some((schema, pointer, placement))
    }
}

/// Whether two declarations of a property describe the same values: annotations such as
/// `description` may differ.
fn same_shape(first: &ReferenceOr<Box<Schema>>, second: &ReferenceOr<Box<Schema>>) -> bool {
    match (first, second) {
        (ReferenceOr::Item(first), ReferenceOr::Item(second)) => {
            first.schema_kind == second.schema_kind
                && first.schema_data.nullable == second.schema_data.nullable
        }
        (first, second) => first == second,
    }
}

/// Whether the later declaration `later` of a property leaves `first` as it is: it says nothing of the
/// type of a value (`{nullable: true}`, a description), or it widens an integer to a number.
fn adds_nothing(first: &ReferenceOr<Box<Schema>>, later: &ReferenceOr<Box<Schema>>) -> bool {
    let (ReferenceOr::Item(first), ReferenceOr::Item(later)) = (first, later) else {
        return false;
    };
    match (&first.schema_kind, &later.schema_kind) {
        (_, SchemaKind::Any(any)) => *any == AnySchema::default(),
        (SchemaKind::Type(Type::Integer(_)), SchemaKind::Type(Type::Number(_))) => true,
        _ => false,
    }
}

/// Whether the inline schema `later` may stand for `first` in a merge: both have the same JSON type
/// (`type: string` both, say), whatever their other keywords, or `first` is a union (`oneOf`/`anyOf`)
/// with an alternative of that type, which `later` picks.
fn narrows(first: &ReferenceOr<Box<Schema>>, later: &ReferenceOr<Box<Schema>>) -> bool {
    let (ReferenceOr::Item(first), ReferenceOr::Item(later)) = (first, later) else {
        return false;
    };
    let SchemaKind::Type(later) = &later.schema_kind else {
        return false;
    };
    // An integer narrows a number too.
    let same_type = |schema: &Schema| match &schema.schema_kind {
        SchemaKind::Type(Type::Number(_)) => matches!(later, Type::Number(_) | Type::Integer(_)),
        SchemaKind::Type(ty) => std::mem::discriminant(ty) == std::mem::discriminant(later),
        _ => false,
    };
    match &first.schema_kind {
        SchemaKind::OneOf {
            one_of: alternatives,
        }
        | SchemaKind::AnyOf {
            any_of: alternatives,
        } => alternatives.iter().any(|alternative| match alternative {
            ReferenceOr::Item(alternative) => same_type(alternative),
            ReferenceOr::Reference { .. } => false,
        }),
        _ => same_type(first),
    }
}
