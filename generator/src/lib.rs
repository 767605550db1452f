//! Generates a typed async Rust client from an OpenAPI 3.0 document.
//!
//! The pipeline, one module each: [`load`] reads the document, joining the files a split spec is made
//! of (`serde_yaml` into `openapiv3`),
//! [`model`] validates it and decides every type, name and operation, `emit` turns the model into
//! formatted Rust files, and [`output`] writes them or checks the ones on disk.
//!
//! Problems in the document are collected, not raised one at a time: [`generate_file`] returns them
//! all as [`Diagnostics`], each with the file and the JSON pointer of the offending value.

#![deny(missing_docs)]

mod diagnostics;
mod emit;
pub mod load;
pub mod model;
mod naming;
pub mod output;
mod pointer;

use std::panic;
use std::path::Path;
use std::thread;

pub use diagnostics::{Diagnostics, Problem};
pub use output::{Drift, GeneratedFile};
pub use pointer::JsonPointer;

/// Options of a generation run.
#[derive(Debug, Clone)]
pub struct Settings {
    source_label: String,
}

impl Settings {
    /// Settings for a spec known to readers of the generated files as `source_label`
    /// (for example `spec/redis-enterprise.yaml`); it is written in each file's header.
    pub fn new(source_label: impl Into<String>) -> Self {
        Self {
            source_label: source_label.into(),
        }
    }
}

/// Generates the client files for the spec whose root file is `path`, reading the files it references.
pub fn generate_file(path: &Path, settings: &Settings) -> Result<Vec<GeneratedFile>, Diagnostics> {
    generate(path, &load::read_root(path)?, settings)
}

/// Generates the client files for the spec whose root file, at `path`, has the text `source`; the files
/// it references are read from the disk, relative to `path`. Problems in the root file are reported
/// under `path`. It runs on a thread of its own, whose stack holds the most deeply nested document.
pub fn generate(
    path: &Path,
    source: &str,
    settings: &Settings,
) -> Result<Vec<GeneratedFile>, Diagnostics> {
    thread::scope(|scope| {
        let generation = thread::Builder::new()
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, || generate_here(path, source, settings))
            .map_err(|error| {
                Diagnostics::single(
                    path,
                    JsonPointer::root(),
                    format!("cannot start a thread to generate on: {error}"),
                )
            })?;
        generation
            .join()
            .unwrap_or_else(|panic| panic::resume_unwind(panic))
    })
}

/// The stack of the thread [`generate`] runs on. Reading the document into `openapiv3`, modelling it
/// and parsing the emitted types recurse once per level of nesting, which the YAML reader caps at 128:
/// a debug build then needs up to 6 MiB, more than a test or async runtime thread has (2 MiB).
const STACK_SIZE: usize = 32 * 1024 * 1024;

fn generate_here(
    path: &Path,
    source: &str,
    settings: &Settings,
) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let loaded = load::load(path, source)?;
    let mut problems = diagnostics::Collector::default();
    let api = model::build(&loaded.document, &mut problems);
    if !problems.is_empty() {
        return Err(problems.into_diagnostics(&loaded.origins));
    }
    emit::files(&api, settings).map_err(|error| {
        Diagnostics::single(
            path,
            JsonPointer::root(),
            format!(
                "internal error, please report it: the generator emitted invalid Rust in {error}"
            ),
        )
    })
}
