//! Generates a typed async Rust client from an OpenAPI 3.0 document.
//!
//! The pipeline, one module each: [`load`] reads the document (YAML or JSON), joining the files a split
//! spec is made of, into `openapiv3`; [`model`] validates it and decides every type, name and
//! operation; `emit` turns the model into formatted Rust files; and [`output`] writes them or checks
//! the ones on disk. [`Parsed`], [`Modeled`] and [`Emitted`] expose those steps one at a time, so that
//! each one's cost can be measured (`cargo bench-codegen`).
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
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
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
            .map_err(|error| cannot_start_thread(path, &error))?;
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
    Parsed::from_source(path, source)?
        .model()?
        .generate(settings)
}

// The steps of `generate_file`, public so that each one's cost can be measured on its own
// (`cargo bench-codegen`).

/// A spec read, its files joined into one document and checked against the shape of OpenAPI 3.0.
pub struct Parsed {
    path: PathBuf,
    loaded: load::Loaded,
}

/// A spec's model: every type, name and operation decided, the document found free of problems.
pub struct Modeled {
    path: PathBuf,
    api: model::Api,
}

/// The tokens of every generated file, not yet formatted.
pub struct Emitted {
    path: PathBuf,
    files: Vec<emit::Tokens>,
}

impl Parsed {
    /// Reads the spec whose root file is `path`, with the files it references.
    pub fn read(path: &Path) -> Result<Self, Diagnostics> {
        Self::from_source(path, &load::read_root(path)?)
    }

    /// Reads the spec whose root file, at `path`, has the text `source`, with the files it references.
    fn from_source(path: &Path, source: &str) -> Result<Self, Diagnostics> {
        Ok(Self {
            path: path.to_path_buf(),
            loaded: load::load(path, source)?,
        })
    }

    /// Builds the model, or reports every problem the document has.
    pub fn model(&self) -> Result<Modeled, Diagnostics> {
        let mut problems = diagnostics::Collector::default();
        let api = model::build(&self.loaded.document, &mut problems);
        if !problems.is_empty() {
            return Err(problems.into_diagnostics(&self.loaded.origins));
        }
        Ok(Modeled {
            path: self.path.clone(),
            api,
        })
    }
}

impl Modeled {
    /// Builds the tokens of every file.
    pub fn emit(&self) -> Emitted {
        Emitted {
            path: self.path.clone(),
            files: emit::Files::new(&self.api).all().collect(),
        }
    }

    /// What [`emit`](Self::emit) then [`Emitted::format`] do, on as many threads as the machine
    /// runs at once: each thread takes the next file not yet taken, emits and formats it, so that
    /// a thread with a large file does not hold the others up, and only the files being formatted
    /// are held as tokens. The files come back in their order, whatever the number of threads.
    pub fn generate(&self, settings: &Settings) -> Result<Vec<GeneratedFile>, Diagnostics> {
        let files = emit::Files::new(&self.api);
        let threads = thread::available_parallelism()
            .map_or(1, usize::from)
            .clamp(1, files.len().max(1));
        let header = emit::header(settings);
        let next = AtomicUsize::new(0);
        let parts = thread::scope(|scope| {
            let workers = (0..threads)
                .map(|_| {
                    let (files, header, next) = (&files, &header, &next);
                    thread::Builder::new()
                        .stack_size(STACK_SIZE)
                        .spawn_scoped(scope, move || {
                            let mut formatted = Vec::new();
                            loop {
                                let index = next.fetch_add(1, Ordering::Relaxed);
                                if index >= files.len() {
                                    return Ok(formatted);
                                }
                                let file = emit::format(files.emit(index), header)
                                    .map_err(|error| internal_error(&self.path, error))?;
                                formatted.push((index, file));
                            }
                        })
                        .map_err(|error| cannot_start_thread(&self.path, &error))
                })
                .collect::<Result<Vec<_>, _>>()?;
            workers
                .into_iter()
                .map(|worker| {
                    worker
                        .join()
                        .unwrap_or_else(|panic| panic::resume_unwind(panic))
                })
                .collect::<Result<Vec<_>, Diagnostics>>()
        })?;
        let mut files: Vec<(usize, GeneratedFile)> = parts.into_iter().flatten().collect();
        files.sort_unstable_by_key(|(index, _)| *index);
        Ok(files.into_iter().map(|(_, file)| file).collect())
    }
}

impl Emitted {
    /// Formats each file as Rust source.
    pub fn format(self, settings: &Settings) -> Result<Vec<GeneratedFile>, Diagnostics> {
        format_all(self.files.into_iter(), settings, &self.path)
    }
}

/// Formats `files`, in order, as Rust source under the header `settings` give; a file that does not
/// parse is a bug of the generator, reported for the spec at `path`.
fn format_all(
    files: impl Iterator<Item = emit::Tokens>,
    settings: &Settings,
    path: &Path,
) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let header = emit::header(settings);
    files
        .map(|file| emit::format(file, &header))
        .collect::<Result<_, _>>()
        .map_err(|error| internal_error(path, error))
}

/// The diagnostics of a thread that could not be started.
fn cannot_start_thread(path: &Path, error: &std::io::Error) -> Diagnostics {
    Diagnostics::single(
        path,
        JsonPointer::root(),
        format!("cannot start a thread to generate on: {error}"),
    )
}

/// The diagnostics of tokens that do not parse as Rust, a bug of the generator.
fn internal_error(path: &Path, error: String) -> Diagnostics {
    Diagnostics::single(
        path,
        JsonPointer::root(),
        format!("internal error, please report it: the generator emitted invalid Rust in {error}"),
    )
}
