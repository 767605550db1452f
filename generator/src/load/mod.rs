//! Reading a spec, one file or a tree of files joined by relative `$ref`s, into the `openapiv3` model.
//!
//! `files` reads and parses each file once, `resolve` bundles the values other files hold into one
//! document with only local references, `local` makes every reference one to a component (`objects`
//! says what a member holds), `shape` reads that as OpenAPI 3.0, and `origins` maps a pointer into the
//! bundled document back to the file and pointer a reader must edit.

mod files;
mod local;
mod objects;
mod origins;
mod resolve;
mod shape;
mod yaml;

use std::fs;
use std::path::Path;

use openapiv3::OpenAPI;
use serde_yaml::Value;

use crate::diagnostics::Diagnostics;
use crate::pointer::JsonPointer;
use files::{Files, Reader};
pub(crate) use local::misplaced;
pub(crate) use origins::Origins;
use resolve::Bundled;

/// A spec read and checked against the shape of OpenAPI 3.0.
pub(crate) struct Loaded {
    /// The document, whose references are all to its components.
    pub document: OpenAPI,
    /// Where each part of it came from.
    pub origins: Origins,
}

/// Reads the spec whose root file is `path`, with every file it references, and returns it as one
/// document in which every reference is to a component (`#/components/<kind>/<name>`), mappings in
/// the order they were written.
///
/// A value from another file becomes a component named after the root component that refers to it,
/// else after the last segment of its pointer (or the file's stem); a path item is copied in place.
/// A value of the document that is not a component (`#/paths/~1a/get/responses/401`) is copied where
/// it is used when it is a path item or plain, else becomes a component named after where it was
/// written. Unreadable files, references that leave the root file's directory, name clashes, and
/// references to nothing or to a value of another kind are reported, each in the file and at the
/// pointer of the reference.
pub fn bundle(path: &Path) -> Result<Value, Diagnostics> {
    let source = read_root(path)?;
    Ok(bundled(path, &source, disk())?.document)
}

/// The text of the spec's root file.
pub(crate) fn read_root(path: &Path) -> Result<String, Diagnostics> {
    fs::read_to_string(path).map_err(|error| {
        Diagnostics::single(
            path,
            JsonPointer::root(),
            format!("cannot read {}: {error}", path.display()),
        )
    })
}

/// Loads the spec whose root file is `path`, with text `source`; the files it references are read from
/// the disk, relative to `path`.
pub(crate) fn load(path: &Path, source: &str) -> Result<Loaded, Diagnostics> {
    load_with(path, source, disk())
}

fn load_with(path: &Path, source: &str, read: Reader) -> Result<Loaded, Diagnostics> {
    let Bundled { document, origins } = bundled(path, source, read)?;
    match shape::openapi(&document) {
        Ok(document) => Ok(Loaded { document, origins }),
        Err((pointer, message)) => Err(Diagnostics {
            file: path.to_path_buf(),
            problems: vec![origins.problem(&pointer, message)],
        }),
    }
}

fn bundled(path: &Path, source: &str, read: Reader) -> Result<Bundled, Diagnostics> {
    resolve::bundle(Files::new(path, source, read)).map_err(|problems| Diagnostics {
        file: path.to_path_buf(),
        problems,
    })
}

fn disk() -> Reader {
    Box::new(|path| fs::read_to_string(path))
}

#[cfg(test)]
mod tests;
