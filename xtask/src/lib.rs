//! Repository tasks. `cargo xtask codegen` regenerates the client from the spec; `--check` only compares.
//!
//! The library half exists so tests run exactly what the command runs.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use openapi_rust_generator::{output, Diagnostics, Drift, Settings};

/// Root of this repository.
pub fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the repository root")
        .to_path_buf()
}

/// The crate whose hand-written files (manifest, `lib.rs`, runtime) a standalone crate starts from.
fn template_crate() -> PathBuf {
    repository_root().join("generated-client")
}

/// Hand-written files copied into a new standalone crate, relative to the crate root.
const SCAFFOLD_FILES: &[&str] = &["Cargo.toml", "src/lib.rs", "src/runtime"];

/// What `cargo xtask codegen` does.
#[derive(Debug, Clone)]
pub struct Codegen {
    /// The OpenAPI document to read.
    pub spec: PathBuf,
    /// The crate to write (or check).
    pub out: PathBuf,
}

impl Default for Codegen {
    /// The repository's spec and checked-in client.
    fn default() -> Self {
        let root = repository_root();
        Self {
            spec: root.join("spec/redis-enterprise.yaml"),
            out: template_crate(),
        }
    }
}

/// Why codegen failed.
#[derive(Debug)]
pub enum CodegenError {
    /// The spec could not be read.
    Read(PathBuf, io::Error),
    /// The spec has problems.
    Spec(Diagnostics),
    /// The output crate could not be read or written.
    Output(PathBuf, io::Error),
}

impl fmt::Display for CodegenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Read(path, error) => write!(f, "cannot read {}: {error}", path.display()),
            Self::Spec(diagnostics) => diagnostics.fmt(f),
            Self::Output(path, error) => write!(f, "cannot update {}: {error}", path.display()),
        }
    }
}

impl std::error::Error for CodegenError {}

impl Codegen {
    /// Generates the files and returns how the crate on disk differs from them, changing nothing.
    pub fn check(&self) -> Result<Vec<Drift>, CodegenError> {
        let files = self.generate()?;
        output::check(&self.out, &files)
            .map_err(|error| CodegenError::Output(self.out.clone(), error))
    }

    /// Generates the files and writes them, scaffolding a new crate around them when `out` has none.
    /// Returns what changed.
    pub fn write(&self) -> Result<Vec<Drift>, CodegenError> {
        let files = self.generate()?;
        let io = |error| CodegenError::Output(self.out.clone(), error);
        if !self.out.join("Cargo.toml").exists() {
            self.scaffold().map_err(io)?;
        }
        output::write(&self.out, &files).map_err(io)
    }

    fn generate(&self) -> Result<Vec<openapi_rust_generator::GeneratedFile>, CodegenError> {
        let source = fs::read_to_string(&self.spec)
            .map_err(|error| CodegenError::Read(self.spec.clone(), error))?;
        let settings = Settings::new(self.spec_label());
        openapi_rust_generator::generate(&self.spec, &source, &settings).map_err(CodegenError::Spec)
    }

    /// How generated headers name the spec: relative to the repository when inside it, so the output
    /// does not depend on where the repository is checked out.
    fn spec_label(&self) -> String {
        let spec = fs::canonicalize(&self.spec).unwrap_or_else(|_| self.spec.clone());
        let root = fs::canonicalize(repository_root()).unwrap_or_else(|_| repository_root());
        match spec.strip_prefix(&root) {
            Ok(relative) => relative.to_string_lossy().replace('\\', "/"),
            Err(_) => spec
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default(),
        }
    }

    /// Copies the hand-written part of the client (manifest, `lib.rs`, runtime) into `out`, naming the
    /// package after the directory.
    fn scaffold(&self) -> io::Result<()> {
        let template = template_crate();
        for relative in SCAFFOLD_FILES {
            copy_recursively(&template.join(relative), &self.out.join(relative))?;
        }
        let name = self
            .out
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| "generated-client".to_owned());
        let manifest_path = self.out.join("Cargo.toml");
        let manifest = fs::read_to_string(&manifest_path)?;
        let manifest = manifest.replacen(
            "name = \"redis-enterprise-client\"",
            &format!("name = \"{name}\""),
            1,
        );
        // A standalone crate is its own workspace, even when created inside another one.
        fs::write(manifest_path, format!("{manifest}\n[workspace]\n"))
    }
}

fn copy_recursively(from: &Path, to: &Path) -> io::Result<()> {
    if from.is_dir() {
        fs::create_dir_all(to)?;
        for entry in fs::read_dir(from)? {
            let entry = entry?;
            copy_recursively(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else {
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(from, to).map(drop)
    }
}
