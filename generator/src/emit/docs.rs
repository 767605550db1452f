//! Doc comments, kept out of the tokens.
//!
//! As `#[doc = "..."]` attributes, doc text would be escaped into string literals by `quote`, parsed
//! back by `syn` and unescaped by `prettyplease`: about a quarter of emitting and formatting a file,
//! whose lines are a third docs. So a block of doc lines is one placeholder attribute instead, which
//! numbers the block among those [`collect`] gathers while the file is emitted, and
//! [`DocBlocks::splice`] puts the lines in its place once the file is formatted.

use std::cell::RefCell;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Docs;

thread_local! {
    /// The doc blocks of the file being emitted on this thread, numbered by their placeholders.
    static BLOCKS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Starts a placeholder's text, which `prettyplease` prints after `///` or `//!`. No doc line starts
/// with it (each starts with a space or is empty), and code never holds it raw: `prettyplease` prints
/// string literals as they were written, where `quote` escaped it.
const PLACEHOLDER: char = '\u{1}';

/// Runs `emit`, which builds the tokens of one file on this thread, and returns what it built with the
/// doc blocks of its placeholders.
pub fn collect<T>(emit: impl FnOnce() -> T) -> (T, DocBlocks) {
    BLOCKS.with_borrow_mut(Vec::clear);
    let emitted = emit();
    (emitted, DocBlocks(BLOCKS.with_borrow_mut(std::mem::take)))
}

/// The doc blocks of one file, by placeholder number: each its lines as written after `///`, each
/// line ended by `\n`.
#[derive(Debug, Default)]
pub struct DocBlocks(Vec<String>);

impl DocBlocks {
    /// `source`, formatted from tokens with these blocks' placeholders, with each placeholder's line
    /// replaced by the lines of its block, at its indentation and after its `///` or `//!`.
    ///
    /// Fails on a placeholder that numbers no block, a bug of the generator.
    pub fn splice(&self, source: &str) -> Result<String, String> {
        let mut out = String::with_capacity(source.len() * 2);
        for line in source.lines() {
            let text = line.trim_start();
            let number = ["///", "//!"]
                .iter()
                .find_map(|marker| text.strip_prefix(marker))
                .and_then(|rest| rest.strip_prefix(PLACEHOLDER));
            let Some(number) = number else {
                out.push_str(line);
                out.push('\n');
                continue;
            };
            let block = number
                .parse::<usize>()
                .ok()
                .and_then(|number| self.0.get(number))
                .ok_or_else(|| format!("doc comment placeholder {number:?} numbers no block"))?;
            // `///` or `//!` and what is before it.
            let start = &line[..line.len() - text.len() + 3];
            for doc in block.lines() {
                out.push_str(start);
                out.push_str(doc);
                out.push('\n');
            }
        }
        Ok(out)
    }
}

/// The doc comment of an item: `docs`, paragraphs separated by blank lines.
pub fn doc_attrs(docs: &Docs) -> TokenStream {
    let lines = docs
        .paragraphs()
        .iter()
        .enumerate()
        .flat_map(|(index, paragraph)| {
            let gap = (index > 0).then(String::new);
            gap.into_iter().chain(markdown_lines(paragraph))
        });
    match placeholder(lines) {
        Some(placeholder) => quote!(#[doc = #placeholder]),
        None => TokenStream::new(),
    }
}

/// The doc comment of an item: one paragraph, `text`.
pub fn doc_text(text: &str) -> TokenStream {
    doc_attrs(&Docs::from_text(Some(text)))
}

/// The doc comment of a module, `text`.
pub fn inner_doc_attrs(text: &str) -> TokenStream {
    match placeholder(markdown_lines(text).into_iter()) {
        Some(placeholder) => quote!(#![doc = #placeholder]),
        None => TokenStream::new(),
    }
}

/// Keeps `lines` as a block of the file being emitted, each as written after `///` (a space before
/// its text), and returns the text of its placeholder; none for no lines.
fn placeholder(lines: impl Iterator<Item = String>) -> Option<String> {
    let mut block = String::new();
    for line in lines {
        if !line.is_empty() {
            block.push(' ');
            block.push_str(&line);
        }
        block.push('\n');
    }
    if block.is_empty() {
        return None;
    }
    BLOCKS.with_borrow_mut(|blocks| {
        blocks.push(block);
        Some(format!("{PLACEHOLDER}{}", blocks.len() - 1))
    })
}

/// The lines of `text`, trailing spaces removed and tabs expanded (to 4 columns, as Markdown reads
/// them), with the lines that continue a list item or a block quote (outside code blocks) written as
/// rustdoc expects: specs often wrap them lazily, without indenting the list item's text or repeating
/// the quote's `>`, which Markdown reads the same but clippy refuses.
fn markdown_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_code = false;
    // The column the text of the current list item starts at.
    let mut item_text: Option<usize> = None;
    let mut in_quote = false;
    for owned in text
        .lines()
        .map(|line| line.trim_end().replace('\t', "    "))
    {
        let line = owned.as_str();
        let indent = line.len() - line.trim_start().len();
        let quoted = line.trim_start().starts_with('>');
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            item_text = None;
        } else if in_code || line.is_empty() {
            item_text = item_text.filter(|_| !line.is_empty());
        } else if in_quote && !quoted {
            lines.push(format!("> {line}"));
            continue;
        } else if let Some(marker) = list_marker(line.trim_start()) {
            item_text = Some(indent + marker);
        } else if let Some(column) = item_text.filter(|column| indent < *column) {
            lines.push(format!("{}{}", " ".repeat(column), line.trim_start()));
            continue;
        }
        in_quote = !in_code && quoted;
        lines.push(owned);
    }
    lines
}

/// The width of the list marker `line` starts with (`- `, `*   `, `1. `, `2) `) and the spaces after
/// it, where the item's text starts, if it starts with one. More than four spaces start indented code
/// inside the item, whose text then starts after one.
fn list_marker(line: &str) -> Option<usize> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match line.as_bytes().get(digits) {
        Some(b'.' | b')') if digits > 0 => digits + 1,
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        _ => return None,
    };
    let spaces = line[marker..]
        .bytes()
        .take_while(|byte| *byte == b' ')
        .count();
    match spaces {
        0 => None,
        1..=4 => Some(marker + spaces),
        _ => Some(marker + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::{collect, doc_attrs, inner_doc_attrs, markdown_lines};
    use crate::model::Docs;

    #[test]
    fn placeholders_become_their_lines_at_their_indentation() {
        let (tokens, blocks) = collect(|| {
            let module = inner_doc_attrs("Module.");
            let mut docs = Docs::from_text(Some("Summary."));
            docs.push(Some("- item\nwrapped"));
            let field = doc_attrs(&docs);
            quote::quote! { #module pub struct S { #field pub a: u8 } }
        });
        let file = syn::parse2::<syn::File>(tokens).unwrap();
        assert_eq!(
            blocks.splice(&prettyplease::unparse(&file)).unwrap(),
            "//! Module.\npub struct S {\n    /// Summary.\n    ///\n    /// - item\n    ///   wrapped\n    pub a: u8,\n}\n"
        );
    }

    #[test]
    fn a_placeholder_without_block_is_an_error() {
        let (_, blocks) = collect(|| ());
        let error = blocks.splice("/// Kept.\n///\u{1}0\n").unwrap_err();
        assert!(error.contains("\"0\""), "{error}");
    }

    #[test]
    fn wrapped_list_items_are_indented_to_their_text() {
        let text = "States:\n\n  - `initial`: new,\n  needs a submission.\n  - `done`\n1. one\ntwo\n\nAfter.";
        assert_eq!(
            markdown_lines(text),
            [
                "States:",
                "",
                "  - `initial`: new,",
                "    needs a submission.",
                "  - `done`",
                "1. one",
                "   two",
                "",
                "After.",
            ]
        );
    }

    #[test]
    fn list_text_starts_after_the_spaces_that_follow_the_marker() {
        let text = "*   one\n  two\n-     code";
        assert_eq!(markdown_lines(text), ["*   one", "    two", "-     code"]);
    }

    #[test]
    fn lazy_quote_lines_get_their_marker() {
        let text = "> [!NOTE]\n>    Quoted.\nStill quoted.\n\nAfter.";
        assert_eq!(
            markdown_lines(text),
            ["> [!NOTE]", ">    Quoted.", "> Still quoted.", "", "After."]
        );
    }

    #[test]
    fn code_blocks_are_left_alone() {
        let text = "- item\n```\ncode\n```";
        assert_eq!(markdown_lines(text), ["- item", "```", "code", "```"]);
    }

    #[test]
    fn tabs_are_expanded() {
        assert_eq!(markdown_lines("a\tb\n\tcode"), ["a    b", "    code"]);
    }
}
