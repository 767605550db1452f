//! The REST API reference as data: `cargo xtask reference` extracts the facts of every page of
//! `redis-docs/rest-api/` into `reference/<page>.json`, which the spec is checked against without the
//! docs beside the repository.
//!
//! The pipeline: [`markdown`] splits a page into headings, tables and code blocks, `facts` reads a
//! table cell, [`extract`] turns a page into a [`Page`]; [`crosscheck`] holds the spec's `x-reference`d
//! operations and schemas against it and measures coverage.

pub mod crosscheck;
pub mod extract;
mod facts;
pub mod markdown;

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use openapi_rust_generator::GeneratedFile;

pub use extract::{Example, Field, Operation, Page, Table};

/// Where the extract is committed, relative to the repository root.
pub const EXTRACT_DIR: &str = "reference";

/// Every page of the reference, by its path below `rest-api/` (`requests/bdbs/_index.md`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reference {
    pub pages: BTreeMap<String, Page>,
}

/// What an `x-reference` link (`page.md` or `page.md#anchor`) points at.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// A section documenting a request.
    Operation(&'a Operation),
    /// The table under a heading (of an object page, or inside a request section); for a link
    /// without anchor, the page's table before any heading, or its only table.
    Table(&'a Table),
    /// One row of a page's tables, for a schema transcribing a field's inline structure or values.
    Field(&'a Field),
    /// A page with several tables and no anchor to choose one.
    Page(&'a Page),
}

/// Why reading or writing the extract failed.
#[derive(Debug)]
pub enum ReferenceError {
    Io(PathBuf, io::Error),
    Json(PathBuf, serde_json::Error),
    /// The docs directory has no `rest-api/requests` folder.
    NotTheDocs(PathBuf),
}

impl fmt::Display for ReferenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io(path, error) => write!(f, "{}: {error}", path.display()),
            Self::Json(path, error) => write!(f, "{}: not a reference extract: {error}", path.display()),
            Self::NotTheDocs(path) => write!(
                f,
                "{} is not the Redis docs: expected the REST API reference in {}/rest-api/ (requests/, objects/)",
                path.display(),
                path.display()
            ),
        }
    }
}

impl std::error::Error for ReferenceError {}

impl Reference {
    /// Extracts every page below `docs/rest-api/` (`docs` is a checkout of the Redis docs, or its
    /// `rest-api` folder itself).
    pub fn extract(docs: &Path) -> Result<Reference, ReferenceError> {
        let root = [docs.join("rest-api"), docs.to_path_buf()]
            .into_iter()
            .find(|root| root.join("requests").is_dir())
            .ok_or_else(|| ReferenceError::NotTheDocs(docs.to_path_buf()))?;
        let mut pages = BTreeMap::new();
        for relative in markdown_files(&root, Path::new(""))? {
            let path = root.join(&relative);
            let text = fs::read_to_string(&path)
                .map_err(|error| ReferenceError::Io(path.clone(), error))?;
            let page = extract::page(&text);
            // Pages of prose only (the overview, encryption) have no facts to check against.
            if page != Page::default() {
                pages.insert(slashed(&relative), page);
            }
        }
        Ok(Reference { pages })
    }

    /// Reads a committed extract.
    pub fn load(dir: &Path) -> Result<Reference, ReferenceError> {
        let mut pages = BTreeMap::new();
        let mut files = Vec::new();
        json_files(dir, Path::new(""), &mut files)
            .map_err(|error| ReferenceError::Io(dir.to_path_buf(), error))?;
        for relative in files {
            let path = dir.join(&relative);
            let text = fs::read_to_string(&path)
                .map_err(|error| ReferenceError::Io(path.clone(), error))?;
            let page: Page =
                serde_json::from_str(&text).map_err(|error| ReferenceError::Json(path, error))?;
            pages.insert(slashed(&relative.with_extension("md")), page);
        }
        Ok(Reference { pages })
    }

    /// The extract as files: one pretty-printed JSON file per page, mirroring the docs' folders.
    pub fn files(&self) -> Vec<GeneratedFile> {
        self.pages
            .iter()
            .map(|(page, facts)| {
                let mut contents = serde_json::to_string_pretty(facts)
                    .expect("the extract is plain data and always serializes");
                contents.push('\n');
                GeneratedFile {
                    path: Path::new(page).with_extension("json"),
                    contents,
                }
            })
            .collect()
    }

    /// Resolves an `x-reference` link.
    pub fn resolve(&self, link: &str) -> Result<Target<'_>, String> {
        let (page_name, anchor) = match link.split_once('#') {
            Some((page, anchor)) => (page, Some(anchor)),
            None => (link, None),
        };
        let page = self
            .pages
            .get(page_name)
            .ok_or_else(|| format!("no reference page `{page_name}`"))?;
        let Some(anchor) = anchor else {
            // The page's own table comes before any heading; otherwise a page with one table means it.
            let first = page.tables.first().filter(|table| table.anchor.is_empty());
            return Ok(
                match (first, page.operations.is_empty(), page.tables.as_slice()) {
                    (Some(table), true, _) | (None, true, [table]) => Target::Table(table),
                    _ => Target::Page(page),
                },
            );
        };
        if let Some((table, field)) = anchor.split_once('/') {
            return field_of(page_name, page, table, field);
        }
        if let Some(operation) = page.operations.iter().find(|op| op.anchor == anchor) {
            return Ok(Target::Operation(operation));
        }
        let section_tables = page.operations.iter().flat_map(|op| &op.tables);
        if let Some(table) = page
            .tables
            .iter()
            .chain(section_tables)
            .find(|table| table.anchor == anchor)
        {
            return Ok(Target::Table(table));
        }
        let mut fields = page
            .tables
            .iter()
            .flat_map(|table| &table.fields)
            .filter(|field| field.name == anchor);
        match (fields.next(), fields.next()) {
            (Some(field), None) => Ok(Target::Field(field)),
            (Some(_), Some(_)) => Err(format!(
                "`{anchor}` names several fields of {page_name}; name one as `#<table anchor>/{anchor}`"
            )),
            (None, _) => Err(format!(
                "{page_name} has no section, table or field `{anchor}`"
            )),
        }
    }
}

/// `#table/field`: a field of the table under heading `table` (on the page or inside a request
/// section), or a parameter or table field of the request section `table`.
fn field_of<'r>(
    page_name: &str,
    page: &'r Page,
    anchor: &str,
    name: &str,
) -> Result<Target<'r>, String> {
    let section_tables = page.operations.iter().flat_map(|op| &op.tables);
    let tables = page
        .tables
        .iter()
        .chain(section_tables)
        .filter(|table| table.anchor == anchor);
    let sections = page.operations.iter().filter(|op| op.anchor == anchor);
    let section_fields = sections.flat_map(|op| {
        op.url_parameters
            .iter()
            .chain(&op.query_parameters)
            .chain(op.tables.iter().flat_map(|table| &table.fields))
    });
    tables
        .flat_map(|table| &table.fields)
        .chain(section_fields)
        .find(|field| field.name == name)
        .map(Target::Field)
        .ok_or_else(|| format!("{page_name} has no field `{name}` under `#{anchor}`"))
}

fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The `.md` files below `root/dir`, relative to `root`, sorted.
fn markdown_files(root: &Path, dir: &Path) -> Result<Vec<PathBuf>, ReferenceError> {
    let full = root.join(dir);
    let io = |error| ReferenceError::Io(full.clone(), error);
    let mut entries: Vec<_> = fs::read_dir(&full)
        .map_err(io)?
        .collect::<Result<_, _>>()
        .map_err(io)?;
    entries.sort_by_key(|entry| entry.file_name());
    let mut found = Vec::new();
    for entry in entries {
        let relative = dir.join(entry.file_name());
        if entry.file_type().map_err(io)?.is_dir() {
            found.extend(markdown_files(root, &relative)?);
        } else if relative.extension().is_some_and(|ext| ext == "md") {
            found.push(relative);
        }
    }
    Ok(found)
}

fn json_files(root: &Path, dir: &Path, found: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(root.join(dir))? {
        let entry = entry?;
        let relative = dir.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            json_files(root, &relative, found)?;
        } else if relative.extension().is_some_and(|ext| ext == "json") {
            found.push(relative);
        }
    }
    Ok(())
}
