//! The spec against the reference extract. Every operation and schema of the spec names the page (and
//! anchor) it transcribes in `x-reference`; each is then held against that page's facts, and the pages
//! that nothing names are counted as not yet covered.
//!
//! For an operation: same method and path; every documented status code is a response; every URL and
//! query parameter is a parameter; the error codes and permissions are the page's, in page order; every
//! JSON example of the page is an example of the same side (request or response).
//!
//! For a schema: an enum lists exactly the documented values; an object has the documented fields as
//! properties, in page order, each of the documented basic type (integer, string, boolean, number,
//! array) and, when the page lists a field's values, an enum of exactly those (of all the tables the
//! schema transcribes, when it names several).
//!
//! Where the spec knowingly differs from a page, it says so and why: properties the page does not list
//! are named in the schema's `x-reference-extra` map (documented elsewhere, or sent by real servers);
//! documented properties whose type or values the spec does not take from the page's tables (the page's
//! own JSON example contradicts them) are named in `x-reference-deviations`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde_json::Value as Json;
use serde_yaml::Value;

use super::{Example, Field, Reference, Target};

const METHODS: &[&str] = &["get", "put", "post", "delete", "patch", "head", "options"];

/// What the cross-check found.
#[derive(Debug, Default)]
pub struct Report {
    /// Each a spec element, what it names, and how it differs from the page.
    pub problems: Vec<String>,
    pub coverage: Coverage,
}

/// How much of the reference the spec transcribes.
#[derive(Debug, Default)]
pub struct Coverage {
    pub operations: Count,
    pub parameters: Count,
    pub status_codes: Count,
    pub error_codes: Count,
    pub permissions: Count,
    pub object_pages: Count,
    pub fields: Count,
    /// Pages of `requests/` and `objects/` that no spec element names, with what they hold.
    pub unnamed_pages: Vec<String>,
}

/// `covered` of `total`.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Count {
    pub covered: usize,
    pub total: usize,
}

impl Count {
    fn add(&mut self, total: usize, covered: bool) {
        self.total += total;
        if covered {
            self.covered += total;
        }
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let percent = if self.total == 0 {
            100.0
        } else {
            100.0 * self.covered as f64 / self.total as f64
        };
        write!(
            f,
            "{:>5} of {:<5} ({percent:5.1}%)",
            self.covered, self.total
        )
    }
}

impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "operations      {}", self.operations)?;
        writeln!(f, "  parameters    {}", self.parameters)?;
        writeln!(f, "  status codes  {}", self.status_codes)?;
        writeln!(f, "  error codes   {}", self.error_codes)?;
        writeln!(f, "  permissions   {}", self.permissions)?;
        writeln!(f, "object pages    {}", self.object_pages)?;
        writeln!(f, "  fields        {}", self.fields)?;
        writeln!(
            f,
            "\n{} pages name no spec element yet:",
            self.unnamed_pages.len()
        )?;
        for page in &self.unnamed_pages {
            writeln!(f, "  {page}")?;
        }
        Ok(())
    }
}

/// Holds `spec` (one document, every `$ref` local) against `reference`.
pub fn check(spec: &Value, reference: &Reference) -> Report {
    let mut check = Check {
        spec,
        reference,
        problems: Vec::new(),
        named: BTreeSet::new(),
    };
    check.operations();
    check.schemas();
    let coverage = coverage(reference, &check.named);
    Report {
        problems: check.problems,
        coverage,
    }
}

struct Check<'a> {
    spec: &'a Value,
    reference: &'a Reference,
    problems: Vec<String>,
    /// Every link the spec names, resolved: `page#anchor` of operations and tables, `page` alone.
    named: BTreeSet<String>,
}

impl<'a> Check<'a> {
    fn operations(&mut self) {
        let Some(paths) = self.spec.get("paths").and_then(Value::as_mapping) else {
            return;
        };
        for (path, item) in paths {
            let (Some(path), item) = (path.as_str(), self.resolve(item)) else {
                continue;
            };
            for method in METHODS {
                if let Some(operation) = item.get(*method) {
                    self.operation(method, path, item, operation);
                }
            }
        }
    }

    fn operation(&mut self, method: &str, path: &str, item: &Value, operation: &Value) {
        let here = format!("{} {path}", method.to_uppercase());
        let links = links(operation);
        let Some((link, more)) = links.split_first() else {
            self.problems.push(format!(
                "{here}: names no reference page; an operation names its section in `x-reference`"
            ));
            return;
        };
        for section in more {
            self.more_of(&here, method, path, section);
        }
        let documented = match self.reference.resolve(link) {
            Ok(Target::Operation(documented)) => documented,
            Ok(_) => {
                self.problems.push(format!(
                    "{here}: x-reference {link} is not a request section"
                ));
                return;
            }
            Err(error) => {
                self.problems
                    .push(format!("{here}: x-reference {link}: {error}"));
                return;
            }
        };
        self.named.insert(link.clone());
        let here = format!("{here} (x-reference {link})");
        let mut problem = |message: String| self.problems.push(format!("{here}: {message}"));

        if !documented.method.eq_ignore_ascii_case(method) || braced(&documented.path) != path {
            problem(format!(
                "the page documents {} {}",
                documented.method, documented.path
            ));
        }

        let responses: BTreeSet<String> = operation
            .get("responses")
            .and_then(Value::as_mapping)
            .map(|responses| responses.keys().filter_map(scalar).collect())
            .unwrap_or_default();
        for status in &documented.status_codes {
            if !responses.contains(status) {
                problem(format!("documented status {status} is not a response"));
            }
        }

        let error_codes: Vec<String> = sequence(operation.get("x-error-codes"))
            .iter()
            .filter_map(|code| code.get("code").and_then(Value::as_str).map(str::to_owned))
            .collect();
        if !documented.error_codes.is_empty() && error_codes != documented.error_codes {
            problem(format!(
                "x-error-codes {error_codes:?} differ from the page's {:?}",
                documented.error_codes
            ));
        }

        let parameters: BTreeSet<String> = [item.get("parameters"), operation.get("parameters")]
            .into_iter()
            .flat_map(sequence)
            .filter_map(|parameter| {
                let parameter = resolve_local(self.spec, parameter);
                parameter
                    .get("name")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            })
            .collect();
        for parameter in documented
            .url_parameters
            .iter()
            .chain(&documented.query_parameters)
        {
            if !parameters.contains(&parameter.name) {
                problem(format!(
                    "documented parameter `{}` is missing",
                    parameter.name
                ));
            }
        }

        let permissions: Vec<String> = sequence(operation.get("x-permissions"))
            .iter()
            .filter_map(|name| name.as_str().map(str::to_owned))
            .collect();
        let documented_permissions: Vec<String> = documented
            .permissions
            .iter()
            .map(|permission| permission.name.clone())
            .collect();
        if !documented_permissions.is_empty() && permissions != documented_permissions {
            problem(format!(
                "x-permissions {permissions:?} differ from the page's {documented_permissions:?}"
            ));
        }
        if permissions.is_empty() {
            problem("no x-permissions".to_owned());
        }

        let request_examples = examples(
            operation
                .get("requestBody")
                .map(|body| resolve_local(self.spec, body)),
        );
        let response_examples: Vec<Json> = operation
            .get("responses")
            .and_then(Value::as_mapping)
            .into_iter()
            .flat_map(|responses| responses.values())
            .flat_map(|response| examples(Some(resolve_local(self.spec, response))))
            .collect();
        for (side, documented, in_spec) in [
            ("request", &documented.request_examples, &request_examples),
            (
                "response",
                &documented.response_examples,
                &response_examples,
            ),
        ] {
            for example in documented {
                if let Example::Json(example) = example {
                    if !in_spec.contains(example) {
                        problem(format!(
                            "the page's {side} example is not among the spec's {side} examples:\n{example:#}"
                        ));
                    }
                }
            }
        }
    }

    /// A further section `link` that documents more of the operation `method path` (a header, say),
    /// with an example request to one of its paths (`PUT /v1/bdbs/1` for `PUT /v1/bdbs/{uid}`).
    fn more_of(&mut self, here: &str, method: &str, path: &str, link: &str) {
        match self.reference.resolve(link) {
            Ok(Target::Operation(documented)) => {
                if !documented.method.eq_ignore_ascii_case(method)
                    || !instance_of(&braced(&documented.path), path)
                {
                    self.problems.push(format!(
                        "{here}: x-reference {link} documents {} {}",
                        documented.method, documented.path
                    ));
                }
                self.named.insert(link.to_owned());
            }
            Ok(_) => self.problems.push(format!(
                "{here}: x-reference {link} is not a request section"
            )),
            Err(error) => self
                .problems
                .push(format!("{here}: x-reference {link}: {error}")),
        }
    }

    fn schemas(&mut self) {
        let Some(schemas) = self
            .spec
            .get("components")
            .and_then(|components| components.get("schemas"))
            .and_then(Value::as_mapping)
        else {
            return;
        };
        for (name, schema) in schemas {
            let name = name.as_str().unwrap_or_default();
            self.schema(name, schema);
        }
    }

    fn schema(&mut self, name: &str, schema: &Value) {
        let links = links(schema);
        if links.is_empty() {
            self.problems.push(format!(
                "schema {name}: names no reference page in `x-reference`"
            ));
            return;
        }
        let mut targets = Vec::new();
        for link in &links {
            match self.reference.resolve(link) {
                Ok(target) => {
                    self.named.insert(link.clone());
                    targets.push((link, target));
                }
                Err(error) => self
                    .problems
                    .push(format!("schema {name}: x-reference {link}: {error}")),
            }
        }
        let here = format!("schema {name} (x-reference {})", links.join(", "));
        if let Some(values) = schema.get("enum") {
            let listed: BTreeSet<String> =
                sequence(Some(values)).iter().filter_map(scalar).collect();
            let mut documented = BTreeSet::new();
            for (link, target) in &targets {
                match target {
                    Target::Table(table) if !table.values.is_empty() => {
                        documented.extend(table.values.iter().cloned())
                    }
                    Target::Table(table) => {
                        documented.extend(table.fields.iter().map(|field| field.name.clone()))
                    }
                    Target::Field(field) => documented.extend(field.values.iter().cloned()),
                    // Values given in a request section's prose: nothing to hold them against.
                    Target::Operation(_) => return,
                    Target::Page(_) => self.problems.push(format!(
                        "{here}: {link} has several tables; name one with `#anchor`"
                    )),
                }
            }
            if listed != documented {
                self.problems.push(format!(
                    "{here}: enum values {listed:?} differ from the page's {documented:?}"
                ));
            }
            return;
        }

        let mut documented: Vec<String> = Vec::new();
        // Each documented field, its facts merged over every table the schema transcribes.
        let mut fields: Vec<Field> = Vec::new();
        let mut checked = false;
        for (link, target) in &targets {
            let names: Vec<String> = match target {
                Target::Table(table) => {
                    for field in &table.fields {
                        merge_field(&mut fields, field);
                    }
                    table
                        .fields
                        .iter()
                        .map(|field| field.name.clone())
                        .collect()
                }
                // Members the page describes only in prose have no list to hold the schema against;
                // a map's example keys (`"3": {...}`) are data, not fields.
                Target::Field(field) if field.members.is_empty() || is_map(schema) => continue,
                Target::Field(field) => field.members.clone(),
                // A request body documented by its section: the section's checks cover it.
                Target::Operation(_) => continue,
                Target::Page(_) => {
                    self.problems.push(format!(
                        "{here}: {link} has several tables; name one with `#anchor`"
                    ));
                    continue;
                }
            };
            checked = true;
            for name in names {
                if !documented.contains(&name) {
                    documented.push(name);
                }
            }
        }
        if !checked {
            return;
        }
        let deviations: BTreeSet<String> = schema
            .get("x-reference-deviations")
            .and_then(Value::as_mapping)
            .map(|deviations| deviations.keys().filter_map(scalar).collect())
            .unwrap_or_default();
        for name in &deviations {
            if !fields.iter().any(|field| &field.name == name) {
                self.problems.push(format!(
                    "{here}: x-reference-deviations names `{name}`, which the page does not document"
                ));
            }
        }
        for field in fields
            .iter()
            .filter(|field| !deviations.contains(&field.name))
        {
            if let Some(property) = schema
                .get("properties")
                .and_then(|properties| properties.get(field.name.as_str()))
            {
                self.field(&here, field, property);
            }
        }
        let extra: BTreeSet<String> = schema
            .get("x-reference-extra")
            .and_then(Value::as_mapping)
            .map(|extra| extra.keys().filter_map(scalar).collect())
            .unwrap_or_default();
        let properties: Vec<String> = schema
            .get("properties")
            .and_then(Value::as_mapping)
            .map(|properties| properties.keys().filter_map(scalar).collect())
            .unwrap_or_default();
        for name in &extra {
            if !properties.contains(name) || documented.contains(name) {
                self.problems.push(format!(
                    "{here}: x-reference-extra names `{name}`, which is not an undocumented property"
                ));
            }
        }
        let transcribed: Vec<String> = properties
            .into_iter()
            .filter(|name| !extra.contains(name))
            .collect();
        if transcribed != documented {
            self.problems.push(format!(
                "{here}: properties differ from the page's fields in page order\n  spec: {transcribed:?}\n  page: {documented:?}"
            ));
        }
    }

    /// A documented field against its property: the same basic type, and the documented values when
    /// the page gives the whole set.
    fn field(&mut self, here: &str, field: &Field, property: &Value) {
        let property = self.resolve_all(property);
        let json_type = property.get("type").and_then(Value::as_str);
        if let Some(expected) = field.kind.as_deref().and_then(json_type_of) {
            if json_type != Some(expected) {
                self.problems.push(format!(
                    "{here}: field `{}` is `{}` on the page, type {json_type:?} in the spec",
                    field.name,
                    field.kind.as_deref().unwrap_or_default()
                ));
            }
        }
        if field.values.is_empty() {
            return;
        }
        let element = match json_type {
            Some("array") => property
                .get("items")
                .map_or(property, |items| self.resolve_all(items)),
            _ => property,
        };
        let documented: BTreeSet<&String> = field.values.iter().collect();
        match element.get("enum") {
            Some(values) => {
                let listed: BTreeSet<String> = sequence(Some(values)).iter().filter_map(scalar).collect();
                if listed.iter().collect::<BTreeSet<_>>() != documented {
                    self.problems.push(format!(
                        "{here}: field `{}` lists {listed:?} in the spec, {documented:?} on the page",
                        field.name
                    ));
                }
            }
            None if !field.open_values => self.problems.push(format!(
                "{here}: field `{}` takes the values {documented:?} on the page but is no enum in the spec",
                field.name
            )),
            None => {}
        }
    }

    /// Follows `$ref`s until a schema that is not one.
    fn resolve_all(&self, mut value: &'a Value) -> &'a Value {
        for _ in 0..16 {
            let next = resolve_local(self.spec, value);
            if std::ptr::eq(next, value) {
                break;
            }
            value = next;
        }
        value
    }

    fn resolve(&self, value: &'a Value) -> &'a Value {
        resolve_local(self.spec, value)
    }
}

/// Follows a local `$ref` (`#/components/...`), once.
/// A path template written the way the spec writes it: some pages name a path parameter `<uid>`
/// rather than `{uid}`, which is only notation.
fn braced(path: &str) -> String {
    path.replace('<', "{").replace('>', "}")
}

/// Whether `path` is `template` or a request to it: each segment the same, or a value where the
/// template has a `{parameter}`.
fn instance_of(path: &str, template: &str) -> bool {
    let (path, template): (Vec<&str>, Vec<&str>) =
        (path.split('/').collect(), template.split('/').collect());
    path.len() == template.len()
        && path.iter().zip(&template).all(|(segment, pattern)| {
            segment == pattern || (pattern.starts_with('{') && pattern.ends_with('}'))
        })
}

fn resolve_local<'v>(spec: &'v Value, value: &'v Value) -> &'v Value {
    let Some(pointer) = value.get("$ref").and_then(Value::as_str) else {
        return value;
    };
    pointer
        .trim_start_matches("#/")
        .split('/')
        .map(|token| token.replace("~1", "/").replace("~0", "~"))
        .try_fold(spec, |node, token| node.get(token.as_str()))
        .unwrap_or(value)
}

/// Adds a table's field to the fields seen so far: a field documented in two tables (a request page
/// and an object page) takes the values either lists.
fn merge_field(fields: &mut Vec<Field>, field: &Field) {
    match fields.iter_mut().find(|seen| seen.name == field.name) {
        Some(seen) => {
            seen.kind = seen.kind.take().or_else(|| field.kind.clone());
            for value in &field.values {
                if !seen.values.contains(value) {
                    seen.values.push(value.clone());
                }
            }
            seen.open_values |= field.open_values;
        }
        None => fields.push(field.clone()),
    }
}

/// The JSON Schema type a page's type words mean, when they name a basic one.
fn json_type_of(kind: &str) -> Option<&'static str> {
    let first = kind.split([' ', ',', ';']).next()?.to_lowercase();
    match first.as_str() {
        "integer" | "int" => Some("integer"),
        "string" => Some("string"),
        "boolean" => Some("boolean"),
        "float" | "number" => Some("number"),
        "array" => Some("array"),
        _ => None,
    }
}

/// A schema of arbitrary keys: `additionalProperties` and no `properties`.
fn is_map(schema: &Value) -> bool {
    schema.get("additionalProperties").is_some() && schema.get("properties").is_none()
}

/// `x-reference` as a list: one link or several.
fn links(element: &Value) -> Vec<String> {
    match element.get("x-reference") {
        Some(Value::String(link)) => vec![link.clone()],
        Some(Value::Sequence(links)) => links.iter().filter_map(scalar).collect(),
        _ => Vec::new(),
    }
}

fn sequence(value: Option<&Value>) -> &[Value] {
    value
        .and_then(Value::as_sequence)
        .map_or(&[], Vec::as_slice)
}

/// A YAML scalar as the string it would be in JSON (`200` and `'200'` alike).
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// The JSON examples of a request body or response.
fn examples(body: Option<&Value>) -> Vec<Json> {
    body.and_then(|body| body.get("content"))
        .and_then(Value::as_mapping)
        .into_iter()
        .flat_map(|content| content.values())
        .filter_map(|media| media.get("examples").and_then(Value::as_mapping))
        .flat_map(|examples| examples.values())
        .filter_map(|example| example.get("value"))
        .filter_map(|value| serde_json::to_value(value).ok())
        .collect()
}

fn coverage(reference: &Reference, named: &BTreeSet<String>) -> Coverage {
    let mut coverage = Coverage::default();
    let named_pages: BTreeSet<&str> = named
        .iter()
        .map(|link| link.split('#').next().unwrap_or(link))
        .collect();
    let mut unnamed: BTreeMap<&str, String> = BTreeMap::new();
    for (page_name, page) in &reference.pages {
        for operation in &page.operations {
            let covered = named.contains(&format!("{page_name}#{}", operation.anchor));
            coverage.operations.add(1, covered);
            coverage.parameters.add(
                operation.url_parameters.len() + operation.query_parameters.len(),
                covered,
            );
            coverage
                .status_codes
                .add(operation.status_codes.len(), covered);
            coverage
                .error_codes
                .add(operation.error_codes.len(), covered);
            coverage
                .permissions
                .add(operation.permissions.len(), covered);
        }
        if page_name.starts_with("objects/") && !page.tables.is_empty() {
            coverage
                .object_pages
                .add(1, named_pages.contains(page_name.as_str()));
            for table in &page.tables {
                // A link to the page itself means its only table, or the one before any heading.
                let by_page = (page.tables.len() == 1 || table.anchor.is_empty())
                    && named.contains(page_name);
                let covered = by_page || named.contains(&format!("{page_name}#{}", table.anchor));
                coverage.fields.add(table.fields.len(), covered);
            }
        }
        // Index pages that only link to their subpages have nothing to transcribe.
        let listed = (page_name.starts_with("requests/") || page_name.starts_with("objects/"))
            && !(page.operations.is_empty() && page.tables.is_empty());
        if listed && !named_pages.contains(page_name.as_str()) {
            let what = if page.operations.is_empty() {
                format!("{} tables", page.tables.len())
            } else {
                format!("{} operations", page.operations.len())
            };
            unnamed.insert(page_name, what);
        }
    }
    coverage.unnamed_pages = unnamed
        .into_iter()
        .map(|(page, what)| format!("{page} ({what})"))
        .collect();
    coverage
}
