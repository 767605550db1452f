//! Tagged unions (`oneOf`/`anyOf` with a `discriminator`): an enum read by the value of its tag member.
//!
//! Serde's internally tagged enums cannot keep an object whose tag they do not know, so the impls are
//! written out: reading decodes the whole object once, as a `serde_json::Value`, and picks the variant
//! by its tag; writing encodes the variant and sets its tag.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, doc_text};
use super::rust_type::ident;
use super::types::variant_def;
use crate::model::{Alternative, TypeDef, OTHER_ALTERNATIVE};

/// The enum of the tagged union `def`, whose tag is the member `property`; its alternatives are held
/// inline like an untagged union's.
pub fn tagged_def(def: &TypeDef, property: &str, alternatives: &[Alternative]) -> TokenStream {
    let docs = doc_attrs(&def.docs);
    let name = ident(&def.name);
    let other = ident(OTHER_ALTERNATIVE);
    let other_docs = doc_text(&format!(
        "An object whose `{property}` the spec does not list, kept as received and sent back unchanged."
    ));
    let variants = alternatives.iter().map(variant_def);
    let names: Vec<_> = alternatives
        .iter()
        .map(|alternative| ident(&alternative.rust_name))
        .collect();
    let tags: Vec<_> = alternatives
        .iter()
        .map(|alternative| &alternative.tags)
        .collect();
    let read_arms = names.iter().zip(&tags).map(|(variant, tags)| {
        quote!(Some(#(#tags)|*) => crate::runtime::tagged::variant(value).map(Self::#variant),)
    });
    let write_arms = names.iter().zip(&tags).map(|(variant, tags)| {
        quote!(Self::#variant(value) => crate::runtime::tagged::serialize(serializer, #property, &[#(#tags),*], value),)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            #other_docs
            #other(::serde_json::Value),
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#write_arms)*
                    Self::#other(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                match crate::runtime::tagged::tag(&value, #property) {
                    #(#read_arms)*
                    _ => Ok(Self::#other(value)),
                }
            }
        }
    }
}
