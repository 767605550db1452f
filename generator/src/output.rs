//! Writing generated files, or checking that the files on disk are what would be written.

use std::collections::{BTreeSet, HashSet};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One generated file, its path relative to the crate root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the crate root, such as `src/models/bdb.rs`.
    pub path: PathBuf,
    /// Full contents, header included.
    pub contents: String,
}

/// Directories (relative to the crate root) of a generated client whose every file is generated: a file
/// there that the generator does not produce is stale.
pub const GENERATED_DIRS: &[&str] = &["src/models", "src/apis"];

/// How a file on disk differs from the generator's output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    /// The file exists with other contents.
    Stale(PathBuf),
    /// The file does not exist.
    Missing(PathBuf),
    /// The file is in a generated directory but is not generated.
    Extra(PathBuf),
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Stale(path) => write!(f, "stale:   {}", path.display()),
            Self::Missing(path) => write!(f, "missing: {}", path.display()),
            Self::Extra(path) => write!(f, "extra:   {}", path.display()),
        }
    }
}

/// Compares `files` with what is under `root`, without writing anything. Files under `generated_dirs`
/// (relative to `root`, searched recursively) that are not among `files` are reported as extra.
pub fn check(
    root: &Path,
    files: &[GeneratedFile],
    generated_dirs: &[&str],
) -> io::Result<Vec<Drift>> {
    let mut drift = Vec::new();
    for file in files {
        match fs::read_to_string(root.join(&file.path)) {
            Ok(contents) if contents == file.contents => {}
            Ok(_) => drift.push(Drift::Stale(file.path.clone())),
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                drift.push(Drift::Missing(file.path.clone()))
            }
            Err(error) => return Err(error),
        }
    }
    drift.extend(
        extra_files(root, files, generated_dirs)?
            .into_iter()
            .map(Drift::Extra),
    );
    Ok(drift)
}

/// Writes `files` under `root`, leaving unchanged files untouched, and removes files of the generated
/// directories that are no longer generated. Returns what changed.
pub fn write(
    root: &Path,
    files: &[GeneratedFile],
    generated_dirs: &[&str],
) -> io::Result<Vec<Drift>> {
    let drift = check(root, files, generated_dirs)?;
    let changed: HashSet<&Path> = drift
        .iter()
        .filter_map(|change| match change {
            Drift::Stale(path) | Drift::Missing(path) => Some(path.as_path()),
            Drift::Extra(_) => None,
        })
        .collect();
    for file in files {
        if changed.contains(file.path.as_path()) {
            let target = root.join(&file.path);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(target, &file.contents)?;
        }
    }
    for change in &drift {
        if let Drift::Extra(path) = change {
            fs::remove_file(root.join(path))?;
        }
    }
    Ok(drift)
}

fn extra_files(
    root: &Path,
    files: &[GeneratedFile],
    generated_dirs: &[&str],
) -> io::Result<Vec<PathBuf>> {
    let expected: BTreeSet<&Path> = files.iter().map(|file| file.path.as_path()).collect();
    let mut extra = Vec::new();
    for dir in generated_dirs {
        let mut found = Vec::new();
        files_under(root, Path::new(dir), &mut found)?;
        found.retain(|relative| !expected.contains(relative.as_path()));
        found.sort();
        extra.extend(found);
    }
    Ok(extra)
}

/// Every file below `root/dir`, as paths relative to `root`; nothing when `dir` does not exist.
fn files_under(root: &Path, dir: &Path, found: &mut Vec<PathBuf>) -> io::Result<()> {
    let entries = match fs::read_dir(root.join(dir)) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(error),
    };
    for entry in entries {
        let entry = entry?;
        let relative = dir.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            files_under(root, &relative, found)?;
        } else {
            found.push(relative);
        }
    }
    Ok(())
}
