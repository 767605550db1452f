//! The files of a spec: where a reference points, and each file read and parsed once.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use serde_yaml::Value;

use crate::diagnostics::Problem;
use crate::pointer::{percent_decode, JsonPointer};

/// Reads the text of a file; the disk in production, a map in unit tests.
pub type Reader = Box<dyn FnMut(&Path) -> io::Result<String>>;

/// A file of the spec, as its path relative to the root file's directory (with `/` separators):
/// two references to the same file always yield the same `FileId`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(String);

impl FileId {
    /// The file name without its extension: `schemas/bdb.yaml` -> `bdb`.
    pub fn stem(&self) -> String {
        let name = self.0.rsplit('/').next().unwrap_or_default();
        name.rsplit_once('.')
            .map_or(name, |(stem, _)| stem)
            .to_owned()
    }
}

/// A value a reference points to: a file and a pointer inside it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    /// The file.
    pub file: FileId,
    /// The pointer inside it.
    pub pointer: JsonPointer,
}

/// The root file and every file read so far.
pub struct Files {
    directory: PathBuf,
    root: FileId,
    parsed: HashMap<FileId, Option<Value>>,
    read: Reader,
    problems: Vec<Problem>,
}

/// Why the value a reference points to is not available.
pub enum Unavailable {
    /// The reason, to report where the reference is.
    Here(String),
    /// The file does not parse; that was reported once, in the file itself.
    Reported,
}

impl Files {
    /// The spec whose root file is `root`, with text `source`; other files are read with `read`.
    pub fn new(root: &Path, source: &str, read: Reader) -> Self {
        let name = root
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut files = Self {
            directory: root.parent().map(Path::to_path_buf).unwrap_or_default(),
            root: FileId(name),
            parsed: HashMap::new(),
            read,
            problems: Vec::new(),
        };
        let parsed = files.parse(&files.root.clone(), source);
        files.parsed.insert(files.root.clone(), parsed);
        files
    }

    /// The root file.
    pub fn root(&self) -> &FileId {
        &self.root
    }

    /// Where `file` is on disk (relative to where the root was given from), as problems name it.
    pub fn path(&self, file: &FileId) -> PathBuf {
        self.directory.join(&file.0)
    }

    /// Problems found parsing files.
    pub fn into_problems(self) -> Vec<Problem> {
        self.problems
    }

    /// Where `reference`, written in `from`, points. Only relative paths that stay inside the root
    /// file's directory are followed: the spec must be readable as a tree of files, on any machine.
    pub fn target(&self, from: &FileId, reference: &str) -> Result<Location, String> {
        let (path, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let pointer = JsonPointer::from_fragment(fragment)?;
        if path.is_empty() {
            return Ok(Location {
                file: from.clone(),
                pointer,
            });
        }
        if path.starts_with("//")
            || path
                .split('/')
                .next()
                .is_some_and(|first| first.contains(':'))
        {
            return Err(format!(
                "`{reference}` is a URL: only files of the spec, by relative path, are read"
            ));
        }
        if path.starts_with('/') {
            return Err(format!(
                "`{reference}` is an absolute path: write the path relative to this file"
            ));
        }
        let path = percent_decode(path)
            .ok_or_else(|| format!("`{reference}` has an invalid percent-encoding"))?;
        let mut segments: Vec<&str> = from.0.split('/').collect();
        segments.pop();
        for segment in path.split('/') {
            match segment {
                "" | "." => {}
                ".." => {
                    segments.pop().ok_or_else(|| {
                        format!(
                            "`{reference}` leaves the directory of the spec's root file; keep every \
                             file of the spec inside it"
                        )
                    })?;
                }
                name => segments.push(name),
            }
        }
        Ok(Location {
            file: FileId(segments.join("/")),
            pointer,
        })
    }

    /// The value at `location`, reading and parsing its file on first use.
    pub fn value(&mut self, location: &Location) -> Result<&Value, Unavailable> {
        if !self.parsed.contains_key(&location.file) {
            let path = self.path(&location.file);
            let source = (self.read)(&path).map_err(|error| {
                Unavailable::Here(match error.kind() {
                    io::ErrorKind::NotFound => format!("{} does not exist", path.display()),
                    _ => format!("cannot read {}: {error}", path.display()),
                })
            })?;
            let parsed = self.parse(&location.file, &source);
            self.parsed.insert(location.file.clone(), parsed);
        }
        let document = self.parsed.get(&location.file).and_then(Option::as_ref);
        let document = document.ok_or(Unavailable::Reported)?;
        super::yaml::lookup(document, &location.pointer).ok_or_else(|| {
            Unavailable::Here(format!(
                "{} has nothing at {}",
                self.path(&location.file).display(),
                location.pointer
            ))
        })
    }

    fn parse(&mut self, file: &FileId, source: &str) -> Option<Value> {
        // JSON is YAML too, but a JSON parser reads it faster and takes integers beyond 64 bits
        // (as the nearest number), which the YAML parser refuses.
        let parsed = if source.trim_start().starts_with('{') {
            serde_json::from_str(source).map_err(|error| error.to_string())
        } else {
            serde_yaml::from_str(source).map_err(|error| error.to_string())
        };
        parsed
            .map_err(|message| {
                self.problems
                    .push(Problem::new(self.path(file), JsonPointer::root(), message));
            })
            .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Files {
        Files::new(
            Path::new("spec/api.yaml"),
            "openapi: 3.0.3",
            Box::new(|_| Err(io::ErrorKind::NotFound.into())),
        )
    }

    fn target(from: &str, reference: &str) -> Result<String, String> {
        let location = files().target(&FileId(from.to_owned()), reference)?;
        Ok(format!("{}{}", location.file.0, location.pointer))
    }

    #[test]
    fn relative_paths_are_resolved_from_the_referring_file() {
        assert_eq!(
            target("api.yaml", "schemas/a.yaml#/A"),
            Ok("schemas/a.yaml#/A".into())
        );
        assert_eq!(
            target("schemas/a.yaml", "#/B"),
            Ok("schemas/a.yaml#/B".into())
        );
        assert_eq!(
            target("schemas/a.yaml", "./b.yaml"),
            Ok("schemas/b.yaml#".into())
        );
        assert_eq!(
            target("schemas/deep/a.yaml", "../../parameters.yaml#/uid"),
            Ok("parameters.yaml#/uid".into())
        );
        assert_eq!(
            target("api.yaml", "my%20file.yaml"),
            Ok("my file.yaml#".into())
        );
    }

    #[test]
    fn urls_absolute_paths_and_escapes_are_refused() {
        for (reference, complaint) in [
            ("https://example.com/a.yaml#/A", "is a URL"),
            ("//example.com/a.yaml", "is a URL"),
            ("/etc/a.yaml", "absolute path"),
            ("../outside.yaml#/A", "leaves the directory"),
            ("schemas/../../outside.yaml", "leaves the directory"),
            ("a.yaml#A", "not a JSON pointer"),
        ] {
            let error = target("api.yaml", reference).unwrap_err();
            assert!(error.contains(complaint), "{reference}: {error}");
        }
    }

    #[test]
    fn the_path_of_a_file_is_under_the_root_directory() {
        let files = files();
        assert_eq!(
            files.path(&FileId("schemas/a.yaml".into())),
            Path::new("spec/schemas/a.yaml")
        );
        assert_eq!(files.path(files.root()), Path::new("spec/api.yaml"));
    }
}
