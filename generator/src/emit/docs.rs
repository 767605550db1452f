//! Doc comments as `#[doc]` attributes.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Docs;

/// `#[doc = "..."]` lines for `docs`, paragraphs separated by blank lines.
pub fn doc_attrs(docs: &Docs) -> TokenStream {
    let lines = docs
        .paragraphs()
        .iter()
        .enumerate()
        .flat_map(|(index, paragraph)| {
            let gap = (index > 0).then(String::new);
            gap.into_iter()
                .chain(paragraph.lines().map(str::trim_end).map(str::to_owned))
        })
        .map(|line| {
            if line.is_empty() {
                line
            } else {
                format!(" {line}")
            }
        });
    quote! { #( #[doc = #lines] )* }
}

/// `#![doc = "..."]` lines for a module.
pub fn inner_doc_attrs(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #( #![doc = #lines] )* }
}
