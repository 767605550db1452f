//! The built-in roles and the roles holding each permission (`x-roles`, `x-permission-roles` at the
//! document's root), with the permissions each operation requires: a table a program can query before
//! calling.

use openapiv3::OpenAPI;

use super::{Docs, Group, TypeDef, TypeKind};
use crate::diagnostics::Collector;
use crate::naming::{self, Namespace};
use crate::pointer::JsonPointer;

/// Name of the enum of permissions.
pub const PERMISSION: &str = "Permission";

/// Name of the enum of built-in roles.
pub const BUILT_IN_ROLE: &str = "BuiltInRole";

/// A built-in role.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleVariant {
    /// The role's name, as the API writes it.
    pub value: String,
    /// Its variant.
    pub rust_name: String,
    /// What it may do.
    pub docs: Docs,
}

/// A permission, the roles holding it and the operations requiring it.
#[derive(Debug, Clone, PartialEq)]
pub struct PermissionVariant {
    /// The permission's name, as the API writes it.
    pub value: String,
    /// Its variant.
    pub rust_name: String,
    /// Variants of the roles holding it, in the document's order.
    pub roles: Vec<String>,
}

/// The permission table: the permissions, and every operation's required permissions (operation id,
/// permission variants).
#[derive(Debug, Clone, PartialEq)]
pub struct PermissionTable {
    /// The permissions, in the document's order.
    pub permissions: Vec<PermissionVariant>,
    /// Each operation that names permissions, with their variants.
    pub operations: Vec<(String, Vec<String>)>,
}

/// The two types of the table, when the document has one: the permissions and the roles.
pub fn build(document: &OpenAPI, groups: &[Group], problems: &mut Collector) -> Vec<TypeDef> {
    let (Some(roles), Some(holders)) = (
        document.extensions.get("x-roles"),
        document.extensions.get("x-permission-roles"),
    ) else {
        return Vec::new();
    };
    let root = JsonPointer::root();
    let roles_pointer = root.push("x-roles");
    let holders_pointer = root.push("x-permission-roles");
    let (Some(roles), Some(holders)) = (roles.as_object(), holders.as_object()) else {
        problems.report(
            &root,
            "`x-roles` (role -> description) and `x-permission-roles` (permission -> roles) must be maps",
        );
        return Vec::new();
    };

    let mut role_names = Namespace::new("role", "roles must differ in UpperCamelCase");
    let mut role_variants = Vec::new();
    for (value, description) in roles {
        let pointer = roles_pointer.push(value);
        let Some(rust_name) = naming::camel(value) else {
            problems.report(&pointer, "role name has no letters or digits");
            continue;
        };
        if role_names.claim(&rust_name, &pointer, problems) {
            role_variants.push(RoleVariant {
                value: value.clone(),
                rust_name,
                docs: Docs::from_text(description.as_str()),
            });
        }
    }
    let variant_of_role = |value: &str| {
        role_variants
            .iter()
            .find(|role| role.value == value)
            .map(|role| role.rust_name.clone())
    };

    let mut permission_names =
        Namespace::new("permission", "permissions must differ in UpperCamelCase");
    let mut permissions = Vec::new();
    for (value, holding) in holders {
        let pointer = holders_pointer.push(value);
        let Some(rust_name) = naming::camel(value) else {
            problems.report(&pointer, "permission name has no letters or digits");
            continue;
        };
        if !permission_names.claim(&rust_name, &pointer, problems) {
            continue;
        }
        let Some(holding) = holding.as_array() else {
            problems.report(&pointer, "must be a list of role names");
            continue;
        };
        let mut roles = Vec::new();
        for (index, role) in holding.iter().enumerate() {
            match role.as_str().and_then(variant_of_role) {
                Some(variant) => roles.push(variant),
                None => problems.report(
                    &pointer.push(index),
                    format!("`{role}` is not a role of `x-roles`"),
                ),
            }
        }
        permissions.push(PermissionVariant {
            value: value.clone(),
            rust_name,
            roles,
        });
    }

    let mut operations = Vec::new();
    for operation in groups.iter().flat_map(|group| &group.operations) {
        let pointer = root
            .push("paths")
            .push(&operation.path)
            .push(operation.http_method.as_str().to_lowercase())
            .push("x-permissions");
        let mut required = Vec::new();
        for (index, name) in operation.permissions.iter().enumerate() {
            match permissions
                .iter()
                .find(|permission| &permission.value == name)
            {
                Some(permission) => required.push(permission.rust_name.clone()),
                None => problems.report(
                    &pointer.push(index),
                    format!("permission `{name}` is not in `x-permission-roles`"),
                ),
            }
        }
        if !required.is_empty() {
            operations.push((operation.id.clone(), required));
        }
    }

    let source = root.push("x-permission-roles");
    vec![
        TypeDef {
            name: PERMISSION.to_owned(),
            module: "permission".to_owned(),
            docs: Docs::from_text(Some(
                "A permission that operations require (their `x-permissions`), with the built-in \
                 roles that hold it and the operations that require it.",
            )),
            kind: TypeKind::Permissions(PermissionTable {
                permissions,
                operations,
            }),
            source: source.clone(),
        },
        TypeDef {
            name: BUILT_IN_ROLE.to_owned(),
            module: "permission".to_owned(),
            docs: Docs::from_text(Some(
                "A built-in management role of the cluster's users, with the permissions it holds.",
            )),
            kind: TypeKind::Roles(role_variants),
            source,
        },
    ]
}
