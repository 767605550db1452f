//! The facts of a reference page, as committed under `reference/`: per operation its method, path,
//! parameters, permissions, status and error codes and JSON examples; per table its fields with their
//! types and values. No descriptions: the docs' prose stays in the docs (CC BY-NC-SA 4.0).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::facts::{row_facts, Column};
use super::markdown::{blocks, plain, Block, Heading, Table as MarkdownTable};

/// One page of the reference.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// The page's table of its endpoints (method, path, anchor), as the page lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub endpoints: Vec<Endpoint>,
    /// One per `## Title {#anchor}` section that documents a request.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<Operation>,
    /// Tables outside operation sections: object fields, enum values, permissions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<Table>,
}

/// A row of a requests page's path table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Endpoint {
    pub method: String,
    pub path: String,
    pub anchor: String,
}

/// A section documenting one request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    pub anchor: String,
    /// Upper case, as the page writes it.
    pub method: String,
    /// The path with its parameters as `{name}` (the page writes `{int: uid}`).
    pub path: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permissions: Vec<Permission>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub url_parameters: Vec<Field>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_parameters: Vec<Field>,
    /// Three-digit codes, in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_codes: Vec<String>,
    /// `error_code` values, in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub error_codes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_examples: Vec<Example>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub response_examples: Vec<Example>,
    /// Other tables of the section, such as the fields of a request body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<Table>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Permission {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
}

/// A JSON example block. The docs elide parts of objects with `"// additional fields..."` lines, which
/// are dropped; an example that is still not JSON (placeholders such as `<time_in_seconds>`) is kept
/// as text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Example {
    Json(Value),
    NotJson(String),
}

/// A table under a heading.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// The anchor of the heading the table is under (empty before the first heading); a second or
    /// later table under the same heading gets `-2`, `-3`... appended (`table-2`... before any heading).
    pub anchor: String,
    /// One per row, from the first column.
    pub fields: Vec<Field>,
    /// When a column holds nothing but quoted literals (an enum's values, like a status page's
    /// `'active'`), those literals in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// A row of a field, parameter or value table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub name: String,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// The page also describes values that are not literals: `values` is not the whole set.
    #[serde(default, skip_serializing_if = "is_false")]
    pub open_values: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub read_only: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// Member names of the field's inline object structure.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// The roles a `Roles` column gives the row (a permission's roles).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
}

fn is_false(value: &bool) -> bool {
    !value
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// What a heading says the following tables and examples are.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Topic {
    Permissions,
    UrlParameters,
    QueryParameters,
    StatusCodes,
    ErrorCodes,
    Headers,
    Other,
}

impl Topic {
    fn of(heading: &str) -> Topic {
        let heading = heading.to_lowercase();
        if heading.contains("permission") {
            Topic::Permissions
        } else if heading.contains("url parameter") {
            Topic::UrlParameters
        } else if heading.contains("query parameter") {
            Topic::QueryParameters
        } else if heading.contains("status code") {
            Topic::StatusCodes
        } else if heading.contains("error code") {
            Topic::ErrorCodes
        } else if heading.contains("header") {
            Topic::Headers
        } else {
            Topic::Other
        }
    }
}

/// Extracts the facts of one page.
pub fn page(markdown: &str) -> Page {
    let blocks = blocks(markdown);
    let mut page = Page::default();
    // The `##` section being read, when it documents a request.
    let mut operation: Option<Operation> = None;
    let mut section: Option<Heading> = None;
    let mut heading: Option<Heading> = None;
    // Whether JSON examples read now are requests (true) or responses (false).
    let mut request_side = true;
    let mut tables_under: std::collections::HashMap<String, usize> = Default::default();
    for block in &blocks {
        match block {
            Block::Heading(next) => {
                if next.level <= 2 {
                    page.operations.extend(operation.take());
                    section = Some(next.clone());
                    request_side = true;
                }
                let lower = next.text.to_lowercase();
                if lower.contains("response") {
                    request_side = false;
                } else if lower.contains("request") {
                    request_side = true;
                }
                heading = Some(next.clone());
            }
            Block::Code { info, text } => {
                if operation.is_none() {
                    operation = section
                        .as_ref()
                        .filter(|section| section.level == 2)
                        .and_then(|section| request_line(&section.anchor, text));
                    if operation.is_some() {
                        continue;
                    }
                }
                if let (Some(operation), "json") = (operation.as_mut(), info.as_str()) {
                    let examples = if request_side {
                        &mut operation.request_examples
                    } else {
                        &mut operation.response_examples
                    };
                    examples.push(example(text));
                }
            }
            Block::Table(table) => {
                let anchor = heading.as_ref().map_or("", |h| &h.anchor);
                // Later tables under the same heading are `anchor-2`, `anchor-3`...
                let seen = tables_under.entry(anchor.to_owned()).or_insert(0);
                *seen += 1;
                let numbered = match (*seen, anchor) {
                    (1, _) => anchor.to_owned(),
                    (n, "") => format!("table-{n}"),
                    (n, _) => format!("{anchor}-{n}"),
                };
                let anchor = numbered.as_str();
                let topic = heading
                    .as_ref()
                    .map_or(Topic::Other, |h| Topic::of(&h.text));
                match operation.as_mut() {
                    Some(operation) => add_to_operation(operation, topic, anchor, table),
                    None if is_path_table(table) => page.endpoints.extend(endpoints(table)),
                    None => page.tables.push(fields_table(anchor, table)),
                }
            }
        }
    }
    page.operations.extend(operation);
    page
}

/// `GET /v1/bdbs/{int: uid}` as the first line of a code block opens an operation.
fn request_line(anchor: &str, code: &str) -> Option<Operation> {
    let line = code.lines().next()?.trim();
    let (method, path) = line.split_once(char::is_whitespace)?;
    let path = path.trim();
    (METHODS.contains(&method) && path.starts_with('/')).then(|| Operation {
        anchor: anchor.to_owned(),
        method: method.to_owned(),
        path: normalize_path(path),
        ..Operation::default()
    })
}

/// `{int: uid}` -> `{uid}`; a query string is dropped.
fn normalize_path(path: &str) -> String {
    let path = path.split('?').next().unwrap_or(path).trim();
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..=start]);
        let Some(end) = rest[start..].find('}') else {
            break;
        };
        let inner = &rest[start + 1..start + end];
        out.push_str(inner.rsplit(':').next().unwrap_or(inner).trim());
        rest = &rest[start + end..];
    }
    out.push_str(rest);
    out
}

fn add_to_operation(operation: &mut Operation, topic: Topic, anchor: &str, table: &MarkdownTable) {
    let first_column = || table.rows.iter().map(|row| first_cell(row));
    match topic {
        Topic::Permissions => operation.permissions.extend(table.rows.iter().map(|row| {
            Permission {
                name: first_cell(row),
                roles: row
                    .get(1)
                    .map(|cell| plain(cell).split_whitespace().map(str::to_owned).collect())
                    .unwrap_or_default(),
            }
        })),
        Topic::UrlParameters => operation
            .url_parameters
            .extend(fields_table(anchor, table).fields),
        Topic::QueryParameters => operation
            .query_parameters
            .extend(fields_table(anchor, table).fields),
        Topic::StatusCodes => operation.status_codes.extend(
            first_column()
                .map(|code| code.chars().take(3).collect::<String>())
                .filter(|code| code.len() == 3 && code.chars().all(|c| c.is_ascii_digit())),
        ),
        // Some pages head their status code table "Error codes": its codes are HTTP statuses.
        Topic::ErrorCodes if first_column().all(|code| is_status(&code)) => operation
            .status_codes
            .extend(first_column().map(|code| code[..3].to_owned())),
        Topic::ErrorCodes => operation.error_codes.extend(first_column()),
        // Request headers are `Host`/`Accept` boilerplate whose values are prose.
        Topic::Headers => {}
        Topic::Other => operation.tables.push(fields_table(anchor, table)),
    }
}

/// Whether `code` is an HTTP status with its reason (`404 Not Found`), not an `error_code`.
fn is_status(code: &str) -> bool {
    let bytes = code.as_bytes();
    bytes.len() > 4 && bytes[..3].iter().all(u8::is_ascii_digit) && bytes[3] == b' '
}

fn is_path_table(table: &MarkdownTable) -> bool {
    let header: Vec<String> = table.header.iter().map(|cell| plain(cell)).collect();
    header.first().map(String::as_str) == Some("Method")
        && header.get(1).map(String::as_str) == Some("Path")
}

fn endpoints(table: &MarkdownTable) -> Vec<Endpoint> {
    table
        .rows
        .iter()
        .filter(|row| row.len() >= 2)
        .map(|row| Endpoint {
            method: plain(&row[0]),
            path: normalize_path(&plain(&row[1])),
            anchor: link_target(&row[0]).trim_start_matches('#').to_owned(),
        })
        .collect()
}

/// `[GET](#get-all-bdbs)` -> `#get-all-bdbs`.
fn link_target(cell: &str) -> &str {
    cell.split_once("](")
        .and_then(|(_, rest)| rest.split_once(')'))
        .map_or("", |(target, _)| target)
}

/// A row's first cell, as a name: plain text without quotes.
fn first_cell(row: &[String]) -> String {
    unquote(&plain(row.first().map_or("", String::as_str)))
}

fn unquote(text: &str) -> String {
    text.trim_matches(['\'', '"', '‘', '’', '“', '”'])
        .to_owned()
}

fn fields_table(anchor: &str, table: &MarkdownTable) -> Table {
    let columns: Vec<Column> = table.header.iter().map(|h| Column::of(h)).collect();
    let value_columns = &columns[1.min(columns.len())..];
    let mut fields: Vec<Field> = Vec::new();
    for (index, row) in table.rows.iter().enumerate() {
        let cells = row.get(1..).unwrap_or(&[]);
        let name = first_cell(row);
        // Unnamed rows list more values of the field above, one per row, in its type column:
        // `| status | queued | ... |` then `| | starting | ... |`.
        let continues = |row: &Vec<String>| first_cell(row).is_empty();
        if let (true, Some(field)) = (continues(row), fields.last_mut()) {
            field.values.extend(bare_value(value_columns, cells));
            continue;
        }
        let mut field = Field {
            name,
            ..row_facts(value_columns, cells)
        };
        if table.rows.get(index + 1).is_some_and(continues) {
            field.kind = None;
            field.values = bare_value(value_columns, cells).into_iter().collect();
        }
        fields.push(field);
    }
    Table {
        anchor: anchor.to_owned(),
        fields,
        values: quoted_column(table),
    }
}

/// The type-column cell of a row listing one value, unquoted.
fn bare_value(columns: &[Column], cells: &[String]) -> Option<String> {
    columns
        .iter()
        .zip(cells)
        .find(|(column, _)| **column == Column::Type)
        .map(|(_, cell)| unquote(&plain(cell)))
        .filter(|value| !value.is_empty() && !value.contains(char::is_whitespace))
}

/// The first column whose every cell is one quoted literal.
fn quoted_column(table: &MarkdownTable) -> Vec<String> {
    let columns = table.header.len();
    (0..columns)
        .map(|index| {
            table
                .rows
                .iter()
                .map(|row| {
                    let cell = plain(row.get(index).map_or("", String::as_str));
                    let quoted = ["'", "\"", "‘"].iter().any(|q| cell.starts_with(q))
                        && ["'", "\"", "’"].iter().any(|q| cell.ends_with(q))
                        && cell.chars().count() >= 2
                        && !cell.contains(' ');
                    quoted.then(|| unquote(&cell))
                })
                .collect::<Option<Vec<String>>>()
        })
        .find_map(|values| values.filter(|values| !values.is_empty()))
        .unwrap_or_default()
}

/// A JSON block, without the docs' elisions (`"// additional fields..."`, `// Additional objects`)
/// and the commas they leave dangling.
fn example(text: &str) -> Example {
    let kept: String = text
        .lines()
        .filter(|line| {
            let line = line.trim();
            !line.starts_with("\"// ") && !line.starts_with("//")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut cleaned = String::with_capacity(kept.len());
    let chars: Vec<char> = kept.chars().collect();
    for (index, &c) in chars.iter().enumerate() {
        let next = chars[index + 1..].iter().find(|c| !c.is_whitespace());
        if c == ',' && matches!(next, Some('}') | Some(']')) {
            continue;
        }
        cleaned.push(c);
    }
    match serde_json::from_str(&cleaned) {
        Ok(value) => Example::Json(value),
        Err(_) => Example::NotJson(text.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"---
Title: x
---
| Method | Path | Description |
|--------|------|-------------|
| [GET](#get-thing) | `/v1/things/{uid}` | Get |

## Get a thing {#get-thing}

```sh
GET /v1/things/{int: uid}
```

### Permissions

| Permission name | Roles |
|---|---|
| [view_thing](x) | admin<br />db_viewer |

### Request {#get-request}

#### URL parameters

| Field | Type | Description |
|---|---|---|
| uid | integer | The thing |

### Response {#get-response}

```json
{
    "uid": 1,
    "// additional fields..."
}
```

### Error codes {#get-errors}

| Code | Description |
|---|---|
| thing_missing | No thing |

### Status codes {#get-status-codes}

| Code | Description |
|---|---|
| [200 OK](http://x) | No error |
| [404 Not Found](http://x) | No thing |
"#;

    #[test]
    fn statuses_under_an_error_codes_heading_are_statuses() {
        assert!(is_status("404 Not Found"));
        assert!(!is_status("db_not_exist"));
        assert!(!is_status("404"));
        let page = page(
            "## Get {#get}\n\n```sh\nGET /v1/things\n```\n\n### Error codes\n\n| Code | Description |\n|---|---|\n| [200 OK](https://x) | Fine |\n| [404 Not Found](https://x) | Gone |\n",
        );
        assert_eq!(page.operations[0].status_codes, ["200", "404"]);
        assert!(page.operations[0].error_codes.is_empty());
    }

    #[test]
    fn an_operation_section() {
        let page = page(PAGE);
        assert_eq!(
            page.endpoints,
            [Endpoint {
                method: "GET".into(),
                path: "/v1/things/{uid}".into(),
                anchor: "get-thing".into()
            }]
        );
        let operation = &page.operations[0];
        assert_eq!(operation.anchor, "get-thing");
        assert_eq!(operation.path, "/v1/things/{uid}");
        assert_eq!(operation.permissions[0].name, "view_thing");
        assert_eq!(operation.permissions[0].roles, ["admin", "db_viewer"]);
        assert_eq!(operation.url_parameters[0].name, "uid");
        assert_eq!(operation.url_parameters[0].kind.as_deref(), Some("integer"));
        assert_eq!(operation.status_codes, ["200", "404"]);
        assert_eq!(operation.error_codes, ["thing_missing"]);
        assert!(operation.request_examples.is_empty());
        assert_eq!(
            operation.response_examples,
            [Example::Json(serde_json::json!({"uid": 1}))]
        );
    }

    #[test]
    fn values_continued_on_unnamed_rows_and_numbered_tables() {
        let page = page(
            "## x\n\n| Name | Type/Value | Description |\n|--|--|--|\n| progress | float | Done |\n\
             | status | queued | Waiting |\n| | running | Going |\n\n| Code | Description |\n|--|--|\n| busy | Later |\n",
        );
        let status = &page.tables[0].fields[1];
        assert_eq!(status.name, "status");
        assert_eq!(status.values, ["queued", "running"]);
        assert_eq!(status.kind, None);
        assert_eq!(page.tables[0].fields.len(), 2);
        assert_eq!(page.tables[1].anchor, "x-2");
    }

    #[test]
    fn an_object_page() {
        let page = page(
            "## status\n\n| Status | Description |\n|--|--|\n| 'active' | Up |\n| 'pending' | Soon |\n\n\
             ## fields\n\n| Name | Type/Value & Description |\n|--|--|\n| uid | integer; The id (read-only) |\n",
        );
        assert_eq!(page.tables[0].anchor, "status");
        assert_eq!(page.tables[0].values, ["active", "pending"]);
        let uid = &page.tables[1].fields[0];
        assert_eq!(uid.name, "uid");
        assert_eq!(uid.kind.as_deref(), Some("integer"));
        assert!(uid.read_only);
        assert!(page.tables[1].values.is_empty());
    }
}
