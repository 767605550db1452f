//! `x-required-members` on a request body: members of its (otherwise all-optional) object type that the
//! operation needs, which callers then pass as arguments instead of finding out from a 4xx.

use super::{Group, Presence, RustType, TypeDef, TypeKind};
use crate::diagnostics::Collector;
use crate::pointer::JsonPointer;

/// The members one operation's body lists, named before the body's type is built.
pub struct Listed {
    /// Index of the operation's group among the groups.
    pub group: usize,
    /// Index of the operation in its group.
    pub operation: usize,
    /// Each member's JSON name and where the spec names it, each name once.
    pub members: Vec<(String, JsonPointer)>,
}

/// Resolves each listed member to its field in the body's type, once every type is known, reporting
/// members that are not fields of an object whose fields are all optional, and names that clash with
/// the operation's parameters.
pub fn resolve(
    groups: &mut [Group],
    listed: Vec<Listed>,
    types: &[TypeDef],
    problems: &mut Collector,
) {
    for Listed {
        group,
        operation,
        members,
    } in listed
    {
        // Members are listed only for operations with a body, which are all in `groups`.
        let Some(operation) = groups
            .get_mut(group)
            .and_then(|group| group.operations.get_mut(operation))
        else {
            continue;
        };
        let (Some(body), Some((_, first))) = (&mut operation.body, members.first()) else {
            continue;
        };
        let fields = match &body.ty {
            RustType::Named(name) => {
                types
                    .iter()
                    .find(|def| &def.name == name)
                    .and_then(|def| match &def.kind {
                        TypeKind::Struct(fields) => Some(fields),
                        _ => None,
                    })
            }
            _ => None,
        };
        let Some(fields) = fields else {
            problems.report(
                first,
                "required members need a request body whose schema is an object (inline or a `$ref`)",
            );
            continue;
        };
        if fields
            .iter()
            .any(|field| field.presence == Presence::Required)
        {
            problems.report(
                first,
                "required members need an object whose own fields are all optional",
            );
            continue;
        }
        for (json_name, pointer) in &members {
            match fields.iter().find(|field| &field.json_name == json_name) {
                None => problems.report(
                    pointer,
                    format!("`{json_name}` is not a property of the body's object"),
                ),
                Some(field)
                    if operation
                        .params
                        .iter()
                        .any(|param| param.rust_name == field.rust_name) =>
                {
                    problems.report(
                        pointer,
                        format!(
                            "`{}` is also the name of a parameter of this operation",
                            field.rust_name
                        ),
                    )
                }
                Some(field) => body.required_members.push(field.clone()),
            }
        }
    }
}
