//! Named types: structs that keep unknown fields, enums that keep unknown values, aliases.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::rust_type::{ident, is_number, tokens, Scope};
use crate::model::{Field, RustType, TypeDef, TypeKind, Variant};

/// Tokens of one named type.
pub fn type_def(def: &TypeDef, defaultable: &HashSet<String>) -> TokenStream {
    match &def.kind {
        TypeKind::Struct(fields) => struct_def(def, fields, defaultable.contains(&def.name)),
        TypeKind::Enum(variants) => enum_def(def, variants),
        TypeKind::Alias(target) => {
            let docs = doc_attrs(&def.docs);
            let name = ident(&def.name);
            let target = tokens(target, Scope::Models);
            quote! { #docs pub type #name = #target; }
        }
    }
}

/// Names of the types that can derive `Default`: those whose required fields all have a default.
/// Enums have none (no value is a sensible default), so a struct requiring one has none either.
pub fn defaultable(types: &[TypeDef]) -> HashSet<String> {
    let mut names = HashSet::new();
    loop {
        let before = names.len();
        for def in types {
            let yes = match &def.kind {
                TypeKind::Struct(fields) => fields
                    .iter()
                    .all(|field| !field.required || has_default(&field.ty, &names)),
                TypeKind::Alias(target) => has_default(target, &names),
                TypeKind::Enum(_) => false,
            };
            if yes {
                names.insert(def.name.clone());
            }
        }
        if names.len() == before {
            return names;
        }
    }
}

/// What the code of a models file needs in scope: other model types (`use super::*`), and the decoding
/// helpers (`de`) when a struct has numeric fields.
pub fn imports(defs: &[&TypeDef]) -> TokenStream {
    let local: HashSet<&str> = defs.iter().map(|def| def.name.as_str()).collect();
    let mentions_named = |ty: &RustType| mentions_other(ty, &local);
    let mut named = false;
    let mut numbers = false;
    for def in defs {
        match &def.kind {
            TypeKind::Struct(fields) => {
                for field in fields {
                    named |= mentions_named(&field.ty);
                    numbers |= is_number(&field.ty);
                }
            }
            TypeKind::Alias(target) => named |= mentions_named(target),
            TypeKind::Enum(_) => {}
        }
    }
    let named = named.then(|| {
        quote!(
            use super::*;
        )
    });
    let numbers = numbers.then(|| {
        quote!(
            use crate::runtime::de;
        )
    });
    quote!(#named #numbers)
}

/// Whether `ty` names a model type other than those in `local`.
fn mentions_other(ty: &RustType, local: &HashSet<&str>) -> bool {
    match ty {
        RustType::Named(name) => !local.contains(name.as_str()),
        RustType::Array(inner) | RustType::Map(inner) => mentions_other(inner, local),
        _ => false,
    }
}

fn has_default(ty: &RustType, defaultable: &HashSet<String>) -> bool {
    match ty {
        RustType::Named(name) => defaultable.contains(name),
        _ => true,
    }
}

fn struct_def(def: &TypeDef, fields: &[Field], default: bool) -> TokenStream {
    let docs = doc_attrs(&def.docs);
    let name = ident(&def.name);
    let default = default.then(|| quote!(Default,));
    let fields = fields.iter().map(field);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #default ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #(#fields)*
            /// Members the spec does not describe, kept as received and sent back unchanged.
            #[serde(flatten)]
            pub unknown_fields: ::serde_json::Map<String, ::serde_json::Value>,
        }
    }
}

fn field(field: &Field) -> TokenStream {
    let docs = doc_attrs(&field.docs);
    let name = ident(&field.rust_name);
    let ty = tokens(&field.ty, Scope::Models);
    let json_name = &field.json_name;
    let rename = (field.rust_name.trim_start_matches("r#") != json_name)
        .then(|| quote!(rename = #json_name,));
    let lenient = is_number(&field.ty);
    if field.required {
        let with = lenient.then(|| quote!(deserialize_with = "de::required_number",));
        let attrs = serde_attrs(quote!(#rename #with));
        quote! { #docs #attrs pub #name: #ty, }
    } else {
        let attrs = serde_attrs(quote!(#rename default, skip_serializing_if = "Option::is_none"));
        let with = lenient.then(|| quote!(#[serde(deserialize_with = "de::number")]));
        quote! { #docs #attrs #with pub #name: Option<#ty>, }
    }
}

/// `#[serde(...)]` with `args`, or nothing when there are none.
fn serde_attrs(args: TokenStream) -> TokenStream {
    if args.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[serde(#args)])
    }
}

fn enum_def(def: &TypeDef, variants: &[Variant]) -> TokenStream {
    let docs = doc_attrs(&def.docs);
    let name = ident(&def.name);
    let declarations = variants.iter().map(|variant| {
        let docs = doc_attrs(&variant.docs);
        let value_doc = format!(" `{}`", variant.value);
        let docs = if variant.docs.is_empty() {
            quote!(#[doc = #value_doc])
        } else {
            quote!(#[doc = #value_doc] #[doc = ""] #docs)
        };
        let variant = ident(&variant.rust_name);
        quote! { #docs #variant, }
    });
    let names: Vec<_> = variants
        .iter()
        .map(|variant| ident(&variant.rust_name))
        .collect();
    let values: Vec<_> = variants.iter().map(|variant| &variant.value).collect();
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#declarations)*
            /// A value the spec does not list, kept as received.
            Unknown(String),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#names => #values, )*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #values => Self::#names, )*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::runtime::de::string_enum(deserializer)
            }
        }
    }
}
