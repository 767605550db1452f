//! Model types to Rust type tokens.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{IntegerType, RustType};

/// Where generated code that names a type lives.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    /// Inside `crate::models`, where every model type is in scope.
    Models,
    /// Anywhere else in the crate.
    Crate,
}

/// Tokens naming `ty` from code in `scope`.
pub fn tokens(ty: &RustType, scope: Scope) -> TokenStream {
    match ty {
        RustType::String => quote!(String),
        RustType::Secret => quote!(crate::Secret),
        RustType::Bool => quote!(bool),
        RustType::Integer(IntegerType::I8) => quote!(i8),
        RustType::Integer(IntegerType::I16) => quote!(i16),
        RustType::Integer(IntegerType::I32) => quote!(i32),
        RustType::Integer(IntegerType::I64) => quote!(i64),
        RustType::Integer(IntegerType::U8) => quote!(u8),
        RustType::Integer(IntegerType::U16) => quote!(u16),
        RustType::Integer(IntegerType::U32) => quote!(u32),
        RustType::Integer(IntegerType::U64) => quote!(u64),
        RustType::Number => quote!(f64),
        RustType::Named(name) => {
            let name = ident(name);
            match scope {
                Scope::Models => quote!(#name),
                Scope::Crate => quote!(crate::models::#name),
            }
        }
        RustType::Array(item) => {
            let item = tokens(item, scope);
            quote!(Vec<#item>)
        }
        RustType::Map(value) => {
            let value = tokens(value, scope);
            quote!(::std::collections::BTreeMap<String, #value>)
        }
        RustType::Any => quote!(::serde_json::Value),
        RustType::Upload => quote!(crate::Upload),
    }
}

/// An identifier, raw (`r#type`) when the name says so.
pub fn ident(name: &str) -> proc_macro2::Ident {
    match name.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => format_ident!("{}", name),
    }
}

/// `ty` for docs: its Rust spelling with short names, linked to the generated type it holds, if any
/// (``[`Vec<Role>`](crate::models::Role)``).
pub fn type_link(ty: &RustType) -> String {
    let text = type_text(ty);
    match named(ty) {
        Some(name) => format!("[`{text}`](crate::models::{name})"),
        None => format!("`{text}`"),
    }
}

fn type_text(ty: &RustType) -> String {
    match ty {
        RustType::Named(name) => name.trim_start_matches("r#").to_owned(),
        RustType::Array(item) => format!("Vec<{}>", type_text(item)),
        RustType::Map(value) => format!("BTreeMap<String, {}>", type_text(value)),
        RustType::Secret => "Secret".to_owned(),
        RustType::Any => "serde_json::Value".to_owned(),
        RustType::Upload => "Upload".to_owned(),
        scalar => tokens(scalar, Scope::Crate).to_string(),
    }
}

/// The generated type `ty` is or holds.
fn named(ty: &RustType) -> Option<&str> {
    match ty {
        RustType::Named(name) => Some(name),
        RustType::Array(item) | RustType::Map(item) => named(item),
        _ => None,
    }
}
