//! The facts of one table cell of the reference: a type, literal values, a default, markers, the member
//! names of an inline object, read into a [`Field`] (all but its name). Descriptions around them are
//! dropped.

use super::extract::Field;
use super::markdown::plain;

impl Field {
    /// Takes from `other` what this field does not say yet.
    fn merge(&mut self, other: Field) {
        self.kind = self.kind.take().or(other.kind);
        if self.values.is_empty() {
            self.values = other.values;
            self.open_values = other.open_values;
        }
        self.default = self.default.take().or(other.default);
        self.read_only |= other.read_only;
        self.deprecated |= other.deprecated;
        if self.members.is_empty() {
            self.members = other.members;
        }
    }
}

/// How a column of a field table is read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Column {
    /// A type, or a list of literal values (`Type`, `Type/Value`).
    Type,
    /// Prose that may hold a leading type, a `Values:` list, a default and markers.
    Description,
    /// Role names, one per line (the permissions page's roles per permission).
    Roles,
    /// Anything else (the name column, a second values column): not read here.
    Other,
}

impl Column {
    pub fn of(header: &str) -> Column {
        let header = plain(header).to_lowercase();
        if header.contains("description") {
            Column::Description
        } else if header == "type" || header == "type/value" || header == "value" {
            Column::Type
        } else if header == "roles" {
            Column::Roles
        } else {
            Column::Other
        }
    }
}

/// Reads the cells of a field row (all but the name, left empty) by their columns.
pub fn row_facts(columns: &[Column], cells: &[String]) -> Field {
    let mut facts = Field::default();
    for (column, cell) in columns.iter().zip(cells) {
        if *column == Column::Roles {
            facts
                .roles
                .extend(plain(cell).split_whitespace().map(str::to_owned));
        }
    }
    // A type column comes first: what it says wins over what a description repeats.
    for wanted in [Column::Type, Column::Description] {
        for (column, cell) in columns.iter().zip(cells) {
            if *column == wanted {
                facts.merge(cell_facts(cell, wanted == Column::Description));
            }
        }
    }
    facts
}

const TYPE_WORDS: &[&str] = &[
    "string", "integer", "boolean", "float", "number", "array", "object", "complex", "date",
    "list", "json", "int",
];

fn cell_facts(cell: &str, prose: bool) -> Field {
    let (cell, members, container) = split_inline_structure(cell);
    let segments = segments(&cell);
    let mut facts = Field {
        members,
        ..Field::default()
    };
    let lower = plain(&cell).to_lowercase();
    facts.read_only = lower.contains("read-only");
    facts.deprecated = lower.contains("deprecated");
    facts.default = declared_default(&cell.replace(['`', '*'], ""));

    let marker = segments
        .iter()
        .position(|segment| segment.contains("Values:"));
    let value_items: Vec<String> = match marker {
        Some(index) => {
            let rest = segments[index]
                .split_once("Values:")
                .map_or("", |(_, rest)| rest);
            // `Values: 'a', 'b'; default: 'a'` on one line, or one value per line after the marker.
            let inline = rest.split(';').next().unwrap_or("");
            inline
                .split(',')
                .map(str::to_owned)
                .chain(segments[index + 1..].iter().cloned())
                .collect()
        }
        // A type column may be nothing but its values: `**'regular'**<br />'certificate'`.
        None if !prose && segments.iter().all(|s| literal(s).is_some()) => segments.clone(),
        None => Vec::new(),
    };
    for item in value_items.iter().filter(|item| !plain(item).is_empty()) {
        match literal(item) {
            Some((value, bold)) => {
                if bold && facts.default.is_none() {
                    facts.default = Some(value.clone());
                }
                facts.values.push(value);
            }
            None => facts.open_values = true,
        }
    }
    if facts.members.is_empty() && marker.is_none() {
        // Members described one per line: `**uid**: what it is`.
        facts.members = segments
            .iter()
            .skip(1)
            .filter_map(|segment| described_member(segment))
            .collect();
    }

    let head = segments.first().map(String::as_str).unwrap_or("");
    let head = match head.split_once(';') {
        Some((head, _)) => Some(head),
        // In a mixed column the type ends at the first `;`: without one there is no type.
        None if prose => None,
        None if value_items.is_empty() => Some(head),
        None => None,
    };
    facts.kind = head.and_then(kind).or(container);
    facts
}

/// `**name**: text` -> `name`.
fn described_member(segment: &str) -> Option<String> {
    let segment = without_tags(segment);
    let rest = segment.trim().strip_prefix("**")?;
    let (name, after) = rest.split_once("**")?;
    let identifier = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    (identifier && after.trim_start().starts_with(':')).then(|| name.to_owned())
}

/// Takes a `{{<code>}}...{{</code>}}` structure out of a cell: the cell without it, the member names of
/// its outermost object, and whether it is an object or an array of them.
fn split_inline_structure(cell: &str) -> (String, Vec<String>, Option<String>) {
    let Some((start, code, end)) =
        delimited(cell, "{{<code>}}", "{{</code>}}").or_else(|| inline_json(cell))
    else {
        return (cell.to_owned(), Vec::new(), None);
    };
    let rest = format!("{}{}", &cell[..start], &cell[end..]);
    let container = if code.trim_start().starts_with('[') {
        "array of objects"
    } else {
        "object"
    };
    (rest, member_names(code), Some(container.to_owned()))
}

/// The text between `open` and `close`, with where the whole span starts and ends.
fn delimited<'c>(cell: &'c str, open: &str, close: &str) -> Option<(usize, &'c str, usize)> {
    let start = cell.find(open)?;
    let inner = start + open.len();
    let end = inner + cell[inner..].find(close)?;
    Some((start, &cell[inner..end], end + close.len()))
}

/// The first code span that holds a JSON-like structure: `` `[{"regex": string}, ...]` ``.
fn inline_json(cell: &str) -> Option<(usize, &str, usize)> {
    let (start, code, end) = delimited(cell, "`", "`")?;
    let structure = code.starts_with("[{") || code.starts_with("{\"");
    structure.then_some((start, code, end))
}

/// The `"key":` names directly inside the first `{` of a pseudo-JSON snippet.
fn member_names(code: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut depth = 0usize;
    let mut object_depth = None;
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' | '[' => {
                depth += 1;
                if c == '{' && object_depth.is_none() {
                    object_depth = Some(depth);
                }
            }
            '}' | ']' => {
                if Some(depth) == object_depth {
                    break;
                }
                depth = depth.saturating_sub(1);
            }
            '"' => {
                let name: String = chars.by_ref().take_while(|&c| c != '"').collect();
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                if chars.peek() == Some(&':') && Some(depth) == object_depth {
                    names.push(name);
                }
            }
            _ => {}
        }
    }
    names
}

/// The text with its HTML tags (`<span class="break-all">`) removed, Markdown kept.
fn without_tags(text: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn segments(cell: &str) -> Vec<String> {
    let mut text = cell.to_owned();
    for br in ["<br />", "<br/>", "<br>"] {
        text = text.replace(br, "\n");
    }
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A literal value item: `'x'`, `"x"`, `‘x’`, `` `x` ``, `**x**` (bold marks the default), optionally
/// followed by `: what it means`. Returns the value and whether it was bold.
fn literal(item: &str) -> Option<(String, bool)> {
    let item = item.trim();
    let bold = item.starts_with("**");
    let item = item.trim_start_matches('*').trim_start();
    let code = item.starts_with('`');
    let item = item.trim_start_matches('`');
    let mut chars = item.chars();
    let open = chars.next()?;
    let close = match open {
        '\'' => '\'',
        '"' => '"',
        '‘' => '’',
        '“' => '”',
        _ if bold || code => {
            let end = if bold { "**" } else { "`" };
            let value = item.split(end).next()?.trim();
            let rest = item[value.len()..]
                .trim_start_matches(['*', '`'])
                .trim_start();
            let single = !value.is_empty() && !value.contains(char::is_whitespace);
            return (single && (rest.is_empty() || rest.starts_with(':')))
                .then(|| (value.to_owned(), bold));
        }
        _ => return None,
    };
    let value: String = chars.by_ref().take_while(|&c| c != close).collect();
    let rest: String = chars.collect();
    let rest = rest.trim_start_matches(['*', '`']).trim();
    // A quoted template such as `'limit:<n bytes>'` describes values; it is not one.
    let template = value.contains(char::is_whitespace) || value.contains('<');
    (!template && (rest.is_empty() || rest.starts_with(':'))).then_some((value, bold))
}

/// `(default: 5)`, `default: 'x'`: the value, unquoted.
fn declared_default(text: &str) -> Option<String> {
    text.match_indices("default").find_map(|(at, word)| {
        let rest = text[at + word.len()..].trim_start().strip_prefix(':')?;
        let value: String = rest
            .replace("&nbsp;", " ")
            .trim_start()
            .chars()
            .take_while(|&c| !matches!(c, ')' | ';' | ',' | '<'))
            .collect();
        let value = value.trim().trim_matches(['\'', '"', '‘', '’']);
        (!value.is_empty() && value.split_whitespace().count() == 1).then(|| value.to_owned())
    })
}

/// The type words at the start of a cell, without ranges, defaults and markers.
fn kind(head: &str) -> Option<String> {
    let text = plain(head);
    let mut kind = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => kind.push(c),
            _ => {}
        }
    }
    let kind = kind
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches([',', ' ', '.'])
        .to_owned();
    let first = kind.split([' ', ',']).next()?.to_lowercase();
    (TYPE_WORDS.contains(&first.as_str()) && kind.split_whitespace().count() <= 6).then_some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn described(cell: &str) -> Field {
        cell_facts(cell, true)
    }

    #[test]
    fn a_leading_type_with_range_and_default() {
        let facts = described("integer, (range: 1-99) (default: 1); Minimal CPU percentage");
        assert_eq!(facts.kind.as_deref(), Some("integer"));
        assert_eq!(facts.default.as_deref(), Some("1"));
    }

    #[test]
    fn values_after_the_marker_with_the_bold_default() {
        let facts = described("Policy (read-only)<br />Values:<br />**'appendfsync-every-sec'** <br />'appendfsync-always'");
        assert_eq!(
            facts.values,
            ["appendfsync-every-sec", "appendfsync-always"]
        );
        assert_eq!(facts.default.as_deref(), Some("appendfsync-every-sec"));
        assert!(facts.read_only);
        assert_eq!(facts.kind, None);
    }

    #[test]
    fn described_values_and_inline_lists() {
        let facts = described("Mode<br />Values:<br />**disabled**: Off.<br />**batch**: On.");
        assert_eq!(facts.values, ["disabled", "batch"]);
        let facts = cell_facts("string; Values: `'a'`, `'b'`; default: `'b'`", false);
        assert_eq!(facts.values, ["a", "b"]);
        assert_eq!(facts.default.as_deref(), Some("b"));
        assert_eq!(facts.kind.as_deref(), Some("string"));
        let facts = described("Size<br />Values:<br />'auto'<br />value in MB<br />hard:soft:time");
        assert_eq!(facts.values, ["auto"]);
        assert!(facts.open_values);
        let facts = described("Why<br />Values:<br />'a'<br />'limit:\\<n bytes>'");
        assert_eq!(facts.values, ["a"]);
        assert!(facts.open_values);
    }

    #[test]
    fn a_type_column_of_values() {
        let facts = cell_facts("**'regular'**<br />'certificate'<br />‘sso’", false);
        assert_eq!(facts.values, ["regular", "certificate", "sso"]);
        assert_eq!(facts.kind, None);
        let facts = cell_facts("array of integers", false);
        assert_eq!(facts.kind.as_deref(), Some("array of integers"));
    }

    #[test]
    fn members_described_one_per_line() {
        let facts = described("array; Endpoints (read-only)<br />**uid**: Its id<br /><span class=\"x\">**dns_name**</span>: Its name");
        assert_eq!(facts.members, ["uid", "dns_name"]);
        assert_eq!(facts.kind.as_deref(), Some("array"));
    }

    #[test]
    fn a_default_after_prose_that_says_default() {
        let facts = described("array of strings; by default none; default: `[]`; max 512 entries");
        assert_eq!(facts.default.as_deref(), Some("[]"));
    }

    #[test]
    fn inline_structures_give_their_outer_members() {
        let facts = described("Rules<br />`[{\"regex\": string}, ...]`<br />More");
        assert_eq!(facts.members, ["regex"]);
        let facts = described(
            "{{<code>}}[{<br />  \"CN\": string,<br />  \"OU\": [array of strings],<br />  \"x\": {\"inner\": 1}<br />}, ...]{{</code>}} A list",
        );
        assert_eq!(facts.members, ["CN", "OU", "x"]);
        assert_eq!(facts.kind.as_deref(), Some("array of objects"));
    }
}
