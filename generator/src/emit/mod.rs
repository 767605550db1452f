//! The model to Rust source files: tokens built with `quote`, formatted with `prettyplease`.

mod docs;
mod operations;
mod permissions;
mod rust_type;
mod tagged;
mod types;

use indexmap::IndexMap;
use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, TypeDef, TypeKind, ERROR_CODE};
use crate::output::GeneratedFile;
use crate::Settings;
use docs::DocBlocks;
use rust_type::ident;

/// A generated file before formatting: its path relative to the crate root, its tokens, and the doc
/// comments they hold placeholders of.
pub struct Tokens {
    path: String,
    tokens: TokenStream,
    docs: DocBlocks,
}

/// The files of the client crate, in a fixed order. Each file's tokens are built when it is asked
/// for, on the thread that formats it (tokens cannot move between threads), so that only the files
/// being formatted are in memory.
pub struct Files<'a> {
    api: &'a Api,
    catalog: types::Catalog<'a>,
    /// The types of each model module, in the order of their first type.
    modules: IndexMap<&'a str, Vec<&'a TypeDef>>,
    /// Whether the spec lists error codes, which operations then hand the runtime (see
    /// [`retryable_codes`]).
    error_codes: bool,
}

impl<'a> Files<'a> {
    /// The files of the client generated from `api`.
    pub fn new(api: &'a Api) -> Self {
        let mut modules: IndexMap<&str, Vec<&TypeDef>> = IndexMap::new();
        for def in &api.types {
            modules.entry(def.module.as_str()).or_default().push(def);
        }
        Self {
            api,
            catalog: types::Catalog::new(&api.types),
            modules,
            error_codes: api
                .types
                .iter()
                .any(|def| matches!(def.kind, TypeKind::ErrorCodes(_))),
        }
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.modules.len() + self.api.groups.len() + 2
    }

    /// The tokens of the file at `index`: the model modules, `src/models/mod.rs`, the group modules,
    /// then `src/apis/mod.rs`.
    pub fn emit(&self, index: usize) -> Tokens {
        let ((path, tokens), docs) = docs::collect(|| self.emit_tokens(index));
        Tokens { path, tokens, docs }
    }

    /// The path and the tokens of the file at `index`.
    fn emit_tokens(&self, index: usize) -> (String, TokenStream) {
        let models = self.modules.len();
        if let Some((module, defs)) = self.modules.get_index(index) {
            return self.model_module(module, defs);
        }
        if index == models {
            return models_mod(&self.modules);
        }
        match self.api.groups.get(index - models - 1) {
            Some(group) => (
                format!("src/apis/{}.rs", group.module),
                operations::group_module(group, &retryable_codes(self.error_codes)),
            ),
            None => apis_mod(self.api),
        }
    }

    /// Every file's tokens, in order.
    pub fn all(&self) -> impl Iterator<Item = Tokens> + '_ {
        (0..self.len()).map(|index| self.emit(index))
    }

    fn model_module(&self, module: &str, defs: &[&TypeDef]) -> (String, TokenStream) {
        let allow = types::lacks_docs(defs).then(|| quote!(#![allow(missing_docs)]));
        let imports = self.catalog.imports(defs);
        let items = defs.iter().map(|def| self.catalog.type_def(def));
        let tokens = quote! {
            #allow
            #imports
            #(#items)*
        };
        (format!("src/models/{module}.rs"), tokens)
    }
}

/// The error codes worth a retry, which each operation hands the runtime (the runtime names no
/// generated item): the generated list when the spec has `error_codes`, none otherwise.
fn retryable_codes(error_codes: bool) -> TokenStream {
    if error_codes {
        let error_code = ident(ERROR_CODE);
        quote!(crate::models::#error_code::RETRYABLE)
    } else {
        quote!(&[])
    }
}

/// `src/models/mod.rs`: every model module, and its types exported.
fn models_mod(modules: &IndexMap<&str, Vec<&TypeDef>>) -> (String, TokenStream) {
    let declarations = modules.keys().map(|module| ident(module));
    let exports = modules.iter().map(|(module, defs)| {
        let module = ident(module);
        let names = defs.iter().map(|def| ident(&def.name));
        quote!(pub use self::#module::{#(#names),*};)
    });
    let tokens = quote! {
        //! Request and response bodies. Every type is reachable here, whatever file it is defined in.
        #(mod #declarations;)*
        #(#exports)*
    };
    ("src/models/mod.rs".to_owned(), tokens)
}

/// `src/apis/mod.rs`: every group module.
fn apis_mod(api: &Api) -> (String, TokenStream) {
    let groups = api.groups.iter().map(|group| ident(&group.module));
    let tokens = quote! {
        //! Endpoints, grouped by resource: `client.<group>().<operation>(..)`.
        //!
        //! Each operation's method returns a request builder, which owns its arguments and a clone of
        //! the client: it can be stored, returned or spawned, and runs when awaited.
        #(pub mod #groups;)*
    };
    ("src/apis/mod.rs".to_owned(), tokens)
}

/// The line that heads every generated file, saying where it comes from.
pub fn header(settings: &Settings) -> String {
    format!(
        "// @generated by `cargo xtask codegen` from {}. Do not edit by hand.\n\n",
        settings.source_label
    )
}

/// The source text of one file, headed by `header`.
///
/// Fails only on a bug of the generator: tokens that do not parse as Rust, for the file named.
pub fn format(file: Tokens, header: &str) -> Result<GeneratedFile, String> {
    let Tokens { path, tokens, docs } = file;
    let source = format_tokens(tokens, &docs).map_err(|error| format!("{path}: {error}"))?;
    Ok(GeneratedFile {
        path: path.into(),
        contents: format!("{header}{source}"),
    })
}

/// Pretty-prints generated tokens with the doc comments they hold placeholders of, or says why they
/// are not Rust (a bug of the generator: names are validated before emission).
fn format_tokens(tokens: TokenStream, docs: &DocBlocks) -> Result<String, String> {
    let file = syn::parse2::<syn::File>(tokens).map_err(|error| error.to_string())?;
    Ok(separate_items(&docs.splice(&prettyplease::unparse(&file))?))
}

/// Puts a blank line between consecutive items at the top level and inside `impl` blocks, which
/// `prettyplease` runs together, after the module docs, and after the associated types and constants
/// of an impl. Runs of one-line items of the same kind (`mod a;`, `pub use ...;`) stay together.
fn separate_items(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + source.len() / 16);
    let mut previous = "";
    for line in source.lines() {
        let indent = line.len() - line.trim_start().len();
        let block_ended = previous == "}" || previous == "    }";
        // A doc or comment line may end in `;` too: it ends nothing.
        let one_liner_ended = previous.ends_with(';')
            && !previous.starts_with(' ')
            && !previous.starts_with("//")
            && item_kind(previous) != item_kind(line);
        let starts_item = (indent == 0 || indent == 4 && previous == "    }")
            && !line.trim_start().starts_with('}');
        let module_docs_ended = previous.starts_with("//!") && !line.starts_with("//!");
        // In a trait impl, the associated types and constants come first, then the methods.
        let associated_ended = (previous.starts_with("    type ")
            || previous.starts_with("    const "))
            && previous.ends_with(';')
            && !line.starts_with("    type ")
            && !line.starts_with("    const ")
            && line.starts_with("    ")
            && !line.starts_with("    }");
        if ((block_ended || one_liner_ended) && starts_item)
            || module_docs_ended
            || associated_ended
        {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = line;
    }
    out
}

/// The keywords an item starts with (`pub use`, `mod`), to keep runs of one-line items together.
fn item_kind(line: &str) -> &str {
    let end = line
        .find(|c: char| !(c.is_ascii_lowercase() || c == ' '))
        .unwrap_or(line.len());
    line[..end].rsplit_once(' ').map_or(line, |(kind, _)| kind)
}
