//! Named types: structs that keep unknown fields, enums that keep unknown values, aliases.

use std::collections::{HashMap, HashSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::rust_type::{ident, tokens, Scope};
use crate::model::{
    fallback_variant, Alternative, Docs, ErrorCodeVariant, Field, Presence, RustType, TypeDef,
    TypeKind, Variant, OTHER_ALTERNATIVE,
};

/// Every generated type by name, for what one type's code needs to know about another.
pub struct Catalog<'a> {
    types: HashMap<&'a str, &'a TypeDef>,
    defaultable: HashSet<&'a str>,
}

impl<'a> Catalog<'a> {
    /// The catalogue of `types`.
    pub fn new(types: &'a [TypeDef]) -> Self {
        let mut catalog = Self {
            types: types.iter().map(|def| (def.name.as_str(), def)).collect(),
            defaultable: HashSet::new(),
        };
        catalog.defaultable = catalog.find_defaultable(types);
        catalog
    }

    /// Names of the types that can derive `Default`: those whose required fields all have a default.
    /// Enums have none (no value is a sensible default), so a struct requiring one has none either.
    fn find_defaultable(&self, types: &'a [TypeDef]) -> HashSet<&'a str> {
        let mut names = HashSet::new();
        loop {
            let before = names.len();
            for def in types {
                let has_default = |ty: &RustType| match ty {
                    RustType::Named(name) => names.contains(name.as_str()),
                    _ => true,
                };
                let yes = match &def.kind {
                    TypeKind::Struct(fields) => fields.iter().all(|field| {
                        field.presence != Presence::Required || has_default(&field.ty)
                    }),
                    TypeKind::Alias(target) => has_default(target),
                    TypeKind::Enum(_)
                    | TypeKind::ErrorCodes(_)
                    | TypeKind::Union(_)
                    | TypeKind::Tagged { .. }
                    | TypeKind::Permissions(_)
                    | TypeKind::Roles(_) => false,
                };
                if yes {
                    names.insert(def.name.as_str());
                }
            }
            if names.len() == before {
                return names;
            }
        }
    }

    /// Whether values of `ty` are numbers, possibly through aliases: the client also accepts them as
    /// numeric strings.
    fn is_number(&self, ty: &RustType) -> bool {
        match ty {
            RustType::Integer(_) | RustType::Number => true,
            RustType::Named(name) => match self.types.get(name.as_str()).map(|def| &def.kind) {
                // Alias cycles are refused before emission, so this terminates.
                Some(TypeKind::Alias(target)) => self.is_number(target),
                _ => false,
            },
            _ => false,
        }
    }

    /// Whether `ty` holds numbers, possibly inside arrays and maps and through aliases.
    fn holds_numbers(&self, ty: &RustType) -> bool {
        match ty {
            RustType::Array(item) | RustType::Map(item) => self.holds_numbers(item),
            RustType::Named(name) => match self.types.get(name.as_str()).map(|def| &def.kind) {
                Some(TypeKind::Alias(target)) => self.holds_numbers(target),
                _ => false,
            },
            other => self.is_number(other),
        }
    }

    /// Whether each of `alternatives` is written as text (a string, number, boolean or string enum,
    /// or a union of those): a union of them is then written as the one it holds, in a parameter.
    fn holds_text(&self, alternatives: &[Alternative]) -> bool {
        alternatives
            .iter()
            .all(|alternative| match &alternative.ty {
                RustType::String | RustType::Bool | RustType::Integer(_) | RustType::Number => true,
                RustType::Named(name) => match self.types.get(name.as_str()).map(|def| &def.kind) {
                    Some(TypeKind::Enum(_) | TypeKind::ErrorCodes(_)) => true,
                    Some(TypeKind::Union(inner)) => self.holds_text(inner),
                    _ => false,
                },
                _ => false,
            })
    }

    /// Tokens of one named type.
    pub fn type_def(&self, def: &TypeDef) -> TokenStream {
        match &def.kind {
            TypeKind::Struct(fields) => self.struct_def(def, fields),
            TypeKind::Enum(variants) => enum_def(def, variants.iter(), TokenStream::new()),
            TypeKind::ErrorCodes(codes) => {
                let codes_enum = enum_def(
                    def,
                    codes.iter().map(|code| &code.variant),
                    retryable(codes),
                );
                let accessors = error_code_accessors(def);
                quote!(#codes_enum #accessors)
            }
            TypeKind::Alias(target) => {
                let docs = doc_attrs(&def.docs);
                let name = ident(&def.name);
                let target = tokens(target, Scope::Models);
                quote! { #docs pub type #name = #target; }
            }
            TypeKind::Union(alternatives) => {
                let union = union_def(def, alternatives);
                let display = self
                    .holds_text(alternatives)
                    .then(|| union_display(def, alternatives));
                quote!(#union #display)
            }
            TypeKind::Tagged {
                property,
                alternatives,
            } => super::tagged::tagged_def(def, property, alternatives),
            TypeKind::Permissions(table) => super::permissions::permission_def(def, table),
            TypeKind::Roles(roles) => super::permissions::role_def(def, roles),
        }
    }

    /// What the code of a models file needs in scope: other model types (`use super::*`), and the
    /// decoding helpers (`de`) when a struct has numeric fields.
    pub fn imports(&self, defs: &[&TypeDef]) -> TokenStream {
        let local: HashSet<&str> = defs.iter().map(|def| def.name.as_str()).collect();
        let mut named = false;
        let mut numbers = false;
        for def in defs {
            match &def.kind {
                TypeKind::Struct(fields) => {
                    for field in fields {
                        named |= mentions_other(&field.ty, &local);
                        numbers |= self.holds_numbers(&field.ty);
                    }
                }
                TypeKind::Alias(target) => named |= mentions_other(target, &local),
                TypeKind::Union(alternatives) | TypeKind::Tagged { alternatives, .. } => {
                    for alternative in alternatives {
                        named |= mentions_other(&alternative.ty, &local);
                    }
                }
                TypeKind::Enum(_)
                | TypeKind::ErrorCodes(_)
                | TypeKind::Permissions(_)
                | TypeKind::Roles(_) => {}
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

    fn struct_def(&self, def: &TypeDef, fields: &[Field]) -> TokenStream {
        let docs = doc_attrs(&def.docs);
        let name = ident(&def.name);
        let default = self
            .defaultable
            .contains(def.name.as_str())
            .then(|| quote!(Default,));
        let fields = fields.iter().map(|field| self.field(field));
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, #default ::serde::Serialize, ::serde::Deserialize)]
            pub struct #name {
                #(#fields)*
                /// Members the spec does not describe, kept as received and sent back unchanged.
                /// `Debug` shows their keys only.
                #[serde(flatten)]
                pub unknown_fields: crate::runtime::UnknownFields,
            }
        }
    }

    fn field(&self, field: &Field) -> TokenStream {
        let docs = doc_attrs(&field.docs);
        let name = ident(&field.rust_name);
        let ty = tokens(&field.ty, Scope::Models);
        let ty = if field.boxed { quote!(Box<#ty>) } else { ty };
        let json_name = &field.json_name;
        let rename = (field.rust_name.trim_start_matches("r#") != json_name)
            .then(|| quote!(rename = #json_name,));
        // Numbers also decode from numeric strings; a lone optional number also reads `""` as absent.
        // (A boxed field holds a struct, which decodes its own numbers.)
        let scalar = self.is_number(&field.ty);
        let lenient = self.holds_numbers(&field.ty) && !field.boxed;
        match field.presence {
            Presence::Required => {
                let with = lenient.then(|| quote!(deserialize_with = "de::lenient",));
                let attrs = serde_attrs(quote!(#rename #with));
                quote! { #docs #attrs pub #name: #ty, }
            }
            Presence::RequiredNullable | Presence::Optional => {
                let with = match (lenient, scalar) {
                    (false, _) => None,
                    (true, true) => Some(quote!(deserialize_with = "de::number",)),
                    (true, false) => Some(quote!(deserialize_with = "de::lenient_option",)),
                };
                let skip = (field.presence == Presence::Optional)
                    .then(|| quote!(skip_serializing_if = "Option::is_none",));
                let attrs = serde_attrs(quote!(#rename default, #skip #with));
                quote! { #docs #attrs pub #name: Option<#ty>, }
            }
        }
    }
}

/// A union: an untagged enum, whose variants serde tries in the document's order, and a last one that
/// keeps whatever matches none of them. Like a struct's fields, alternatives are held inline however
/// different their sizes (but for recursion), so that matching needs no unboxing.
fn union_def(def: &TypeDef, alternatives: &[Alternative]) -> TokenStream {
    let docs = doc_attrs(&def.docs);
    let name = ident(&def.name);
    let other = ident(OTHER_ALTERNATIVE);
    let variants = alternatives.iter().map(variant_def);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(untagged)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            /// A value of none of the documented shapes, kept as received and sent back unchanged.
            #other(::serde_json::Value),
        }
    }
}

/// `Display` for a union of text-like alternatives: the value it holds, as sent in a path or query.
fn union_display(def: &TypeDef, alternatives: &[Alternative]) -> TokenStream {
    let name = ident(&def.name);
    let other = ident(OTHER_ALTERNATIVE);
    let arms = alternatives.iter().map(|alternative| {
        let variant = ident(&alternative.rust_name);
        quote!(Self::#variant(value) => ::std::fmt::Display::fmt(value, f),)
    });
    quote! {
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#arms)*
                    Self::#other(::serde_json::Value::String(text)) => f.write_str(text),
                    Self::#other(value) => ::std::fmt::Display::fmt(value, f),
                }
            }
        }
    }
}

/// The declaration of the variant of `alternative`, holding its value.
pub fn variant_def(alternative: &Alternative) -> TokenStream {
    let docs = doc_attrs(&alternative.docs);
    let variant = ident(&alternative.rust_name);
    let ty = tokens(&alternative.ty, Scope::Models);
    let ty = if alternative.boxed {
        quote!(Box<#ty>)
    } else {
        ty
    };
    quote!(#docs #variant(#ty),)
}

/// Whether a models file defining `defs` has public items without docs (a spec without descriptions),
/// which `missing_docs` must then allow.
pub fn lacks_docs(defs: &[&TypeDef]) -> bool {
    defs.iter().any(|def| {
        def.docs.is_empty()
            || matches!(&def.kind, TypeKind::Struct(fields) if fields.iter().any(|field| field.docs.is_empty()))
    })
}

/// Whether `ty` names a model type other than those in `local`.
fn mentions_other(ty: &RustType, local: &HashSet<&str>) -> bool {
    match ty {
        RustType::Named(name) => !local.contains(name.as_str()),
        RustType::Array(inner) | RustType::Map(inner) => mentions_other(inner, local),
        _ => false,
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

/// The retryable codes (`x-retryable`), which operations hand to the runtime, and the test of one.
fn retryable(codes: &[ErrorCodeVariant]) -> TokenStream {
    let retryable = codes
        .iter()
        .filter(|code| code.retryable)
        .map(|code| &code.variant.value);
    quote! {
        /// The codes that name a temporary condition (`x-retryable` in the spec), as sent.
        pub const RETRYABLE: &'static [&'static str] = &[#(#retryable),*];

        /// Whether the code names a temporary condition (`x-retryable` in the spec): the same request
        /// may succeed later.
        pub fn is_retryable(&self) -> bool {
            Self::RETRYABLE.contains(&self.as_str())
        }
    }
}

/// `error_code()` on the runtime's errors, typed as the enum `def` of the documented codes.
fn error_code_accessors(def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    quote! {
        impl crate::ApiError {
            /// The `error_code` member of the body, when the body is a JSON object that has one.
            pub fn error_code(&self) -> Option<#name> {
                self.raw_error_code().map(#name::from)
            }
        }

        impl crate::Error {
            /// The `error_code` of an error response, when it had one.
            pub fn error_code(&self) -> Option<#name> {
                self.raw_error_code().map(#name::from)
            }
        }
    }
}

/// A string enum that keeps unknown values; `methods` are further methods of its `impl` block.
fn enum_def<'a>(
    def: &TypeDef,
    variants: impl Iterator<Item = &'a Variant> + Clone,
    methods: TokenStream,
) -> TokenStream {
    let docs = doc_attrs(&def.docs);
    let name = ident(&def.name);
    let declarations = variants.clone().map(|variant| {
        let value = if variant.value.is_empty() {
            "`\"\"`, the empty string".to_owned()
        } else {
            format!("`{}`", variant.value)
        };
        let mut docs = Docs::from_text(Some(&value));
        for paragraph in variant.docs.paragraphs() {
            docs.push(Some(paragraph));
        }
        let docs = doc_attrs(&docs);
        let variant = ident(&variant.rust_name);
        quote! { #docs #variant, }
    });
    let names: Vec<_> = variants
        .clone()
        .map(|variant| ident(&variant.rust_name))
        .collect();
    // The model reports an enum whose values take every fallback name.
    let fallback = ident(fallback_variant(variants.clone()).unwrap_or_default());
    let values: Vec<_> = variants.map(|variant| &variant.value).collect();
    // With no documented values a `match` would have a single arm, which clippy rightly flags.
    let (as_str, from) = if values.is_empty() {
        (
            quote!(let Self::#fallback(value) = self; value.as_str()),
            quote!(Self::#fallback(crate::runtime::UnknownValue::new(value))),
        )
    } else {
        (
            quote!(match self { #( Self::#names => #values, )* Self::#fallback(value) => value.as_str(), }),
            quote!(match value { #( #values => Self::#names, )* other => Self::#fallback(crate::runtime::UnknownValue::new(other)), }),
        )
    };
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#declarations)*
            /// A value the spec does not list, kept as received. Match on [`as_str`](Self::as_str) to
            /// handle such a value: a pattern on this variant stops matching once a later spec lists it.
            #fallback(crate::runtime::UnknownValue),
        }

        impl #name {
            /// The value as sent on the wire, whether the spec lists it or not.
            pub fn as_str(&self) -> &str {
                #as_str
            }

            #methods
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                #from
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
