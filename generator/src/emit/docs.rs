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
            gap.into_iter().chain(markdown_lines(paragraph))
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
    let lines = markdown_lines(text).into_iter().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #( #![doc = #lines] )* }
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
    for line in text
        .lines()
        .map(|line| line.trim_end().replace('\t', "    "))
    {
        let line = line.as_str();
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
        lines.push(line.to_owned());
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
    use super::markdown_lines;

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
