//! The permission table: the `Permission` and `BuiltInRole` enums, and which operations need what.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, doc_text};
use super::rust_type::ident;
use crate::model::{PermissionTable, RoleVariant, TypeDef, BUILT_IN_ROLE, PERMISSION};

/// The permissions enum, with the roles holding each and the operations requiring them.
pub fn permission_def(def: &TypeDef, table: &PermissionTable) -> TokenStream {
    let docs = doc_attrs(&def.docs);
    let name = ident(&def.name);
    let role = ident(BUILT_IN_ROLE);
    let variants: Vec<_> = table
        .permissions
        .iter()
        .map(|permission| ident(&permission.rust_name))
        .collect();
    let values: Vec<&str> = table
        .permissions
        .iter()
        .map(|permission| permission.value.as_str())
        .collect();
    let variant_docs = values.iter().map(|value| doc_text(&format!("`{value}`")));
    let holders = table.permissions.iter().map(|permission| {
        let roles = permission.roles.iter().map(|role| ident(role));
        quote!(&[#(#role::#roles),*])
    });
    let operations = table.operations.iter().map(|(id, required)| {
        let required = required.iter().map(|permission| ident(permission));
        quote!((#id, &[#(#name::#required),*]))
    });
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variant_docs #variants,)*
        }

        /// Each operation that requires permissions, by operation id.
        const OPERATIONS: &[(&str, &[#name])] = &[#(#operations),*];

        impl #name {
            /// Every permission.
            pub const ALL: &'static [#name] = &[#(Self::#variants),*];

            /// The permission as the API names it.
            pub fn as_str(self) -> &'static str {
                match self {
                    #(Self::#variants => #values,)*
                }
            }

            /// The permission the API names `name`, if it is one.
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    #(#values => Some(Self::#variants),)*
                    _ => None,
                }
            }

            /// The built-in roles that hold the permission.
            pub fn roles(self) -> &'static [#role] {
                match self {
                    #(Self::#variants => #holders,)*
                }
            }

            /// The permissions the operation `operation_id` (its `operationId`) requires; `None`
            /// when no operation of that id requires any.
            pub fn required_by(operation_id: &str) -> Option<&'static [#name]> {
                OPERATIONS
                    .iter()
                    .find(|(id, _)| *id == operation_id)
                    .map(|(_, required)| *required)
            }

            /// The ids of the operations that require the permission.
            pub fn operations(self) -> impl Iterator<Item = &'static str> {
                OPERATIONS
                    .iter()
                    .filter(move |(_, required)| required.contains(&self))
                    .map(|(id, _)| *id)
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// The built-in roles enum, with what each may do.
pub fn role_def(def: &TypeDef, roles: &[RoleVariant]) -> TokenStream {
    let docs = doc_attrs(&def.docs);
    let name = ident(&def.name);
    let variants: Vec<_> = roles.iter().map(|role| ident(&role.rust_name)).collect();
    let values: Vec<&str> = roles.iter().map(|role| role.value.as_str()).collect();
    let permission = ident(PERMISSION);
    let variant_docs = roles.iter().map(|role| {
        let mut docs = role.docs.clone();
        docs.push(Some(format!("`{}`", role.value)));
        doc_attrs(&docs)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variant_docs #variants,)*
        }

        impl #name {
            /// Every built-in role.
            pub const ALL: &'static [#name] = &[#(Self::#variants),*];

            /// The role as the API names it.
            pub fn as_str(self) -> &'static str {
                match self {
                    #(Self::#variants => #values,)*
                }
            }

            /// The role the API names `name`, if it is one.
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    #(#values => Some(Self::#variants),)*
                    _ => None,
                }
            }

            /// Whether the role holds `permission`.
            pub fn holds(self, permission: #permission) -> bool {
                permission.roles().contains(&self)
            }

            /// The permissions the role holds.
            pub fn permissions(self) -> impl Iterator<Item = #permission> {
                #permission::ALL
                    .iter()
                    .copied()
                    .filter(move |permission| self.holds(*permission))
            }

            /// Whether the role holds every permission the operation `operation_id` requires; `None`
            /// when no operation of that id requires any.
            pub fn may_call(self, operation_id: &str) -> Option<bool> {
                #permission::required_by(operation_id)
                    .map(|required| required.iter().all(|permission| self.holds(*permission)))
            }

            /// The ids of the operations whose permissions the role holds.
            pub fn operations(self) -> impl Iterator<Item = &'static str> {
                OPERATIONS
                    .iter()
                    .filter(move |(_, required)| required.iter().all(|permission| self.holds(*permission)))
                    .map(|(id, _)| *id)
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}
