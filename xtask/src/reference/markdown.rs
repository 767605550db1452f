//! Just enough Markdown for the REST API reference pages: headings with their `{#anchor}`, pipe tables,
//! fenced or indented code blocks. Everything else is skipped: the extract keeps facts, not prose.

/// A piece of a page, in page order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(Heading),
    Table(Table),
    /// A fenced block with its info string (`json`, `sh`, or empty), or an indented block (empty info).
    Code {
        info: String,
        text: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 1 for `#`, 2 for `##`...
    pub level: usize,
    /// The heading as plain text, without its `{#anchor}`.
    pub text: String,
    /// The explicit `{#anchor}`, or the one Hugo derives from the text.
    pub anchor: String,
}

/// A pipe table: its header cells and body rows, cells as written (Markdown and HTML included).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Splits a page into headings, tables and code blocks. Hugo front matter (between the first two `---`
/// lines) is skipped.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut lines = markdown.lines().peekable();
    if lines.peek().map(|line| line.trim()) == Some("---") {
        lines.next();
        for line in lines.by_ref() {
            if line.trim() == "---" {
                break;
            }
        }
    }
    let mut blocks = Vec::new();
    let mut previous_blank = true;
    let mut previous: Option<&str> = None;
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if let Some(info) = trimmed.strip_prefix("```") {
            let fence_indent = line.len() - line.trim_start().len();
            let mut text = String::new();
            for line in lines.by_ref() {
                if line.trim() == "```" {
                    break;
                }
                text.push_str(line.get(fence_indent..).unwrap_or(line.trim_start()));
                text.push('\n');
            }
            blocks.push(Block::Code {
                info: info.trim().to_owned(),
                text,
            });
        } else if previous_blank && indented(line) && !trimmed.is_empty() {
            let mut text = format!("{trimmed}\n");
            while let Some(next) = lines.peek() {
                if !indented(next) || next.trim().is_empty() {
                    break;
                }
                text.push_str(next.trim());
                text.push('\n');
                lines.next();
            }
            blocks.push(Block::Code {
                info: String::new(),
                text,
            });
        } else if trimmed.starts_with('#') {
            blocks.push(Block::Heading(heading(trimmed)));
        } else if trimmed.starts_with('|') {
            let mut rows = vec![cells(&whole_row(trimmed, &mut lines))];
            while let Some(next) = lines.peek() {
                if !next.trim().starts_with('|') {
                    break;
                }
                let next = next.trim();
                lines.next();
                rows.push(cells(&whole_row(next, &mut lines)));
            }
            // A header row written without its leading `|` is the line before the separator.
            let header = match previous.filter(|_| is_separator(&rows[0])) {
                Some(line) if line.contains('|') => cells(line.trim()),
                _ => rows.remove(0),
            };
            rows.retain(|row| !is_separator(row));
            blocks.push(Block::Table(Table { header, rows }));
        }
        previous_blank = trimmed.is_empty();
        previous = Some(line);
    }
    blocks
}

/// A table row that starts on `first`: a `{{<code>}}` structure in a cell may go on over the following
/// lines, which are joined to it as `<br />`, the way other pages write them.
fn whole_row<'a>(first: &str, lines: &mut impl Iterator<Item = &'a str>) -> String {
    let open = |row: &str| row.matches("{{<code>}}").count() > row.matches("{{</code>}}").count();
    let mut row = first.to_owned();
    while open(&row) {
        let Some(next) = lines.next() else { break };
        row.push_str("<br />");
        row.push_str(next.trim_end());
    }
    row
}

/// An indented code line: four spaces or a tab.
fn indented(line: &str) -> bool {
    line.starts_with("    ") || line.starts_with('\t')
}

fn heading(line: &str) -> Heading {
    let level = line.chars().take_while(|&c| c == '#').count();
    let text = line[level..].trim();
    let (text, anchor) = match text.rfind("{#") {
        Some(start) if text.ends_with('}') => (
            text[..start].trim(),
            text[start + 2..text.len() - 1].to_owned(),
        ),
        _ => (text, slug(text)),
    };
    Heading {
        level,
        text: plain(text),
        anchor,
    }
}

/// Hugo's (goldmark's) automatic heading id: lowercase, spaces to `-`, punctuation other than `-` and
/// `_` dropped.
fn slug(text: &str) -> String {
    plain(text)
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

fn cells(line: &str) -> Vec<String> {
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner
        .split('|')
        .map(|cell| cell.trim().to_owned())
        .collect()
}

fn is_separator(row: &[String]) -> bool {
    row.iter()
        .all(|cell| !cell.is_empty() && cell.chars().all(|c| matches!(c, '-' | ':' | ' ')))
}

/// A cell or heading as plain text: HTML tags, Hugo shortcodes and link targets removed, emphasis and
/// code markers dropped, `&nbsp;` as a space, whitespace collapsed. Quotes are kept: they tell literal
/// values from words.
pub fn plain(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                // A Hugo shortcode, `{{< ... >}}`.
                let mut last = ' ';
                for c in chars.by_ref() {
                    if c == '}' && last == '}' {
                        break;
                    }
                    last = c;
                }
            }
            '<' => {
                for c in chars.by_ref() {
                    if c == '>' {
                        break;
                    }
                }
                out.push(' ');
            }
            ']' if chars.peek() == Some(&'(') => {
                let mut depth = 0;
                for c in chars.by_ref() {
                    match c {
                        '(' => depth += 1,
                        ')' if depth == 1 => break,
                        ')' => depth -= 1,
                        _ => {}
                    }
                }
            }
            '\\' => {
                if let Some(escaped) = chars.next() {
                    out.push(escaped);
                }
            }
            '[' | '`' | '*' => {}
            _ => out.push(c),
        }
    }
    out.replace("&nbsp;", " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_keep_explicit_anchors_and_derive_the_others() {
        let page = "---\nTitle: x\n---\n## Get all {#get-all}\n### NAS/Local Storage\n";
        let headings: Vec<(usize, String, String)> = blocks(page)
            .into_iter()
            .filter_map(|block| match block {
                Block::Heading(h) => Some((h.level, h.text, h.anchor)),
                _ => None,
            })
            .collect();
        assert_eq!(
            headings,
            [
                (2, "Get all".to_owned(), "get-all".to_owned()),
                (
                    3,
                    "NAS/Local Storage".to_owned(),
                    "naslocal-storage".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn tables_drop_their_separator_and_keep_raw_cells() {
        let page = "| Name | Type |\n|---|:---:|\n| uid | integer<br />x |\n\ntext";
        assert_eq!(
            blocks(page),
            [Block::Table(Table {
                header: vec!["Name".into(), "Type".into()],
                rows: vec![vec!["uid".into(), "integer<br />x".into()]],
            })]
        );
    }

    #[test]
    fn a_header_row_without_its_leading_pipe() {
        let page = " Code | Description |\n|---|---|\n| busy | Later |\n";
        assert_eq!(
            blocks(page),
            [Block::Table(Table {
                header: vec!["Code".into(), "Description".into()],
                rows: vec![vec!["busy".into(), "Later".into()]],
            })]
        );
    }

    #[test]
    fn a_code_structure_over_several_lines_stays_in_its_row() {
        let page = "| Name | Type |\n|---|---|\n| a | object {{<code>}}[{\n  \"id\": integer\n}] {{</code>}} |\n| b | string |\n";
        assert_eq!(
            blocks(page),
            [Block::Table(Table {
                header: vec!["Name".into(), "Type".into()],
                rows: vec![
                    vec![
                        "a".into(),
                        "object {{<code>}}[{<br />  \"id\": integer<br />}] {{</code>}}".into()
                    ],
                    vec!["b".into(), "string".into()],
                ],
            })]
        );
    }

    #[test]
    fn fenced_and_indented_code_blocks() {
        let page = "text\n\n    POST /v1/users/authorize\n\n\tGET /v1/cluster\n\n```json\n{\"a\": 1}\n```\n";
        assert_eq!(
            blocks(page),
            [
                Block::Code {
                    info: String::new(),
                    text: "POST /v1/users/authorize\n".into()
                },
                Block::Code {
                    info: String::new(),
                    text: "GET /v1/cluster\n".into()
                },
                Block::Code {
                    info: "json".into(),
                    text: "{\"a\": 1}\n".into()
                },
            ]
        );
    }

    #[test]
    fn plain_text_drops_markup_but_keeps_quotes() {
        assert_eq!(
            plain("[view_bdb_info]({{< relref \"/x#y\" >}}) <span class=\"a\">**'no'**</span>&nbsp;`x`"),
            "view_bdb_info 'no' x"
        );
    }
}
