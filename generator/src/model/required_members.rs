//! `x-required-members` on a request body: members of its (otherwise all-optional) object type that the
//! operation needs, which callers then pass as arguments instead of finding out from a 4xx.

use super::{Group, Presence, RustType, TypeDef, TypeKind};
use crate::diagnostics::Collector;

/// Resolves each body's required members to fields of its type, once every type is known, reporting
/// members that are not fields of an object whose fields are all optional, and names that clash with
/// the operation's parameters.
pub fn resolve(groups: &mut [Group], types: &[TypeDef], problems: &mut Collector) {
    for operation in groups.iter_mut().flat_map(|group| &mut group.operations) {
        let params: Vec<String> = operation
            .params
            .iter()
            .map(|param| param.rust_name.clone())
            .collect();
        let Some(body) = &mut operation.body else {
            continue;
        };
        if body.required_members.is_empty() {
            continue;
        }
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
                &body.required_members[0].source,
                "required members need a request body whose schema is a `$ref` to an object",
            );
            continue;
        };
        if fields
            .iter()
            .any(|field| field.presence == Presence::Required)
        {
            problems.report(
                &body.required_members[0].source,
                "required members need an object whose own fields are all optional",
            );
            continue;
        }
        for member in &mut body.required_members {
            match fields
                .iter()
                .find(|field| field.json_name == member.json_name)
            {
                None => problems.report(
                    &member.source,
                    format!(
                        "`{}` is not a property of the body's object",
                        member.json_name
                    ),
                ),
                Some(field) if params.contains(&field.rust_name) => problems.report(
                    &member.source,
                    format!(
                        "`{}` is also the name of a parameter of this operation",
                        field.rust_name
                    ),
                ),
                Some(field) => member.field = Some(field.clone()),
            }
        }
    }
}
