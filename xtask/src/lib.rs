//! Repository tasks. `cargo xtask codegen` regenerates the client from the spec; `cargo xtask reference`
//! extracts the facts of the REST API reference into `reference/`. `--check` only compares.
//!
//! The library half exists so tests run exactly what the command runs.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use openapi_rust_generator::{output, Diagnostics, Drift, Settings};

pub mod bench;
pub mod reference;

/// Root of this repository.
pub fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the repository root")
        .to_path_buf()
}

/// Reads the spec, with the files it references, as one YAML value whose references are all local,
/// keeping the order of its mappings (page order matters to the cross-check).
pub fn read_spec(path: &Path) -> Result<serde_yaml::Value, String> {
    openapi_rust_generator::load::bundle(path).map_err(|diagnostics| diagnostics.to_string())
}

/// What `cargo xtask reference` does: extract the docs at `docs` into `extract`.
#[derive(Debug, Clone)]
pub struct ReferenceExtract {
    /// A checkout of the Redis docs (holding `rest-api/`), or the `rest-api` folder itself.
    pub docs: PathBuf,
    /// Where the extract is committed.
    pub extract: PathBuf,
}

impl Default for ReferenceExtract {
    /// The docs in `shared/` beside the repository, the extract in `reference/`.
    fn default() -> Self {
        let root = repository_root();
        Self {
            docs: root.join("../shared/redis-docs"),
            extract: root.join(reference::EXTRACT_DIR),
        }
    }
}

impl ReferenceExtract {
    /// Extracts the docs and returns how the committed extract differs, changing nothing.
    pub fn check(&self) -> Result<Vec<Drift>, reference::ReferenceError> {
        let files = reference::Reference::extract(&self.docs)?.files();
        output::check(&self.extract, &files, &[""])
            .map_err(|error| reference::ReferenceError::Io(self.extract.clone(), error))
    }

    /// Extracts the docs and writes the extract, removing pages the docs no longer have.
    pub fn write(&self) -> Result<Vec<Drift>, reference::ReferenceError> {
        let files = reference::Reference::extract(&self.docs)?.files();
        output::write(&self.extract, &files, &[""])
            .map_err(|error| reference::ReferenceError::Io(self.extract.clone(), error))
    }
}

/// The crate whose hand-written files (manifest, `lib.rs`, runtime) a standalone crate starts from.
fn template_crate() -> PathBuf {
    repository_root().join("generated-client")
}

/// Hand-written code copied into a new standalone crate, relative to the crate root. The manifest and
/// README are written afresh: the client's own name benchmarks, examples and Redis-specific docs.
const SCAFFOLD_FILES: &[&str] = &["src/runtime"];

/// Modules of the client's `lib.rs` that every generated crate has: the generated ones and the runtime.
/// Its other modules (such as `wait`, written on top of Redis Enterprise endpoints) stay behind.
const SCAFFOLD_MODULES: &[&str] = &["apis", "models", "runtime"];

/// Sections of the client's manifest a standalone crate keeps: what the runtime needs to build and test.
const MANIFEST_SECTIONS: &[&str] = &["[package]", "[dependencies]", "[dev-dependencies]"];

/// What `cargo xtask codegen` does.
#[derive(Debug, Clone)]
pub struct Codegen {
    /// The OpenAPI document to read: its root file, which may reference others.
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
    /// The spec cannot be read or has problems.
    Spec(Diagnostics),
    /// The output crate could not be read or written.
    Output(PathBuf, io::Error),
}

impl fmt::Display for CodegenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
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
        output::check(&self.out, &files, output::GENERATED_DIRS)
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
        output::write(&self.out, &files, output::GENERATED_DIRS).map_err(io)
    }

    fn generate(&self) -> Result<Vec<openapi_rust_generator::GeneratedFile>, CodegenError> {
        let settings = Settings::new(self.spec_label());
        openapi_rust_generator::generate_file(&self.spec, &settings).map_err(CodegenError::Spec)
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
        let name = self
            .out
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| "generated-client".to_owned());
        let manifest = fs::read_to_string(template.join("Cargo.toml"))?;
        let template_name = package_name(&manifest).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                "the template crate's manifest has no `name` in `[package]`",
            )
        })?;
        // Doc examples of the runtime name the crate they are in, by its library name.
        let rename = (library_name(template_name), library_name(&name));
        for relative in SCAFFOLD_FILES {
            copy_recursively(&template.join(relative), &self.out.join(relative), &rename)?;
        }
        let lib = fs::read_to_string(template.join("src/lib.rs"))?;
        fs::write(self.out.join("src/lib.rs"), standalone_lib(&lib))?;
        let manifest = standalone_manifest(&manifest, &name);
        fs::write(self.out.join("Cargo.toml"), manifest)?;
        let readme = format!(
            "# {name}\n\nTyped async client generated by `cargo xtask codegen` from `{}`.\n\n\
             `src/models/` and `src/apis/` are generated; `src/runtime/` (configuration, auth, TLS, errors) \
             is the hand-written runtime of `redis-enterprise-client`.\n",
            self.spec_label()
        );
        fs::write(self.out.join("README.md"), readme)
    }
}

/// The client's `lib.rs` without the modules a standalone crate does not get (and the comment lines
/// just above each).
fn standalone_lib(lib: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for line in lib.lines() {
        let module = line
            .trim()
            .trim_start_matches("pub ")
            .strip_prefix("mod ")
            .and_then(|rest| rest.strip_suffix(';'));
        if module.is_some_and(|module| !SCAFFOLD_MODULES.contains(&module)) {
            while kept
                .last()
                .is_some_and(|line| line.trim_start().starts_with("//"))
            {
                kept.pop();
            }
            continue;
        }
        kept.push(line);
    }
    kept.join("\n") + "\n"
}

/// The client's manifest reduced to the package (renamed) and its dependencies, as its own workspace
/// (it must build even when created inside another workspace).
fn standalone_manifest(manifest: &str, name: &str) -> String {
    let mut kept = String::new();
    let mut keep = false;
    for line in manifest.lines() {
        if line.starts_with('[') {
            keep = MANIFEST_SECTIONS.contains(&line.trim());
        }
        // The description speaks of the Redis client; the README says what this crate is.
        if keep && !line.starts_with("description = ") {
            let line = if line.starts_with("name = ") {
                format!("name = \"{name}\"")
            } else {
                line.to_owned()
            };
            kept.push_str(&line);
            kept.push('\n');
        }
    }
    format!("{}\n\n[workspace]\n", kept.trim_end())
}

/// The package name in a manifest's `[package]` section.
fn package_name(manifest: &str) -> Option<&str> {
    let mut in_package = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package {
            let value = line
                .strip_prefix("name")
                .and_then(|rest| rest.trim_start().strip_prefix('='));
            if let Some(value) = value {
                return value.trim().strip_prefix('"')?.strip_suffix('"');
            }
        }
    }
    None
}

/// The name code uses for the library of package `package`: Cargo's, with `-` as `_`.
fn library_name(package: &str) -> String {
    package.replace('-', "_")
}

/// Copies `from` to `to` (every file is Rust source), replacing `rename.0` by `rename.1`.
fn copy_recursively(from: &Path, to: &Path, rename: &(String, String)) -> io::Result<()> {
    if from.is_dir() {
        fs::create_dir_all(to)?;
        for entry in fs::read_dir(from)? {
            let entry = entry?;
            copy_recursively(&entry.path(), &to.join(entry.file_name()), rename)?;
        }
        Ok(())
    } else {
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)?;
        }
        let source = fs::read_to_string(from)?;
        fs::write(to, source.replace(&rename.0, &rename.1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_package_name_of_a_manifest() {
        let manifest = "[workspace]\nname = \"not-this\"\n\n[package]\nnamespace = \"x\"\nname  =  \"my-client\"\n";
        assert_eq!(package_name(manifest), Some("my-client"));
        assert_eq!(package_name("[dependencies]\nname = \"x\"\n"), None);
        assert_eq!(library_name("my-client"), "my_client");
    }
}
