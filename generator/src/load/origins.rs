//! Where each part of the bundled document came from, so problems name the file a reader must edit.

use std::path::{Path, PathBuf};

use crate::diagnostics::Problem;
use crate::pointer::JsonPointer;

/// Maps pointers into the bundled document back to files and pointers inside them.
#[derive(Debug, Clone)]
pub struct Origins {
    root: PathBuf,
    spans: Vec<Span>,
}

/// A subtree of the bundled document copied from another file.
#[derive(Debug, Clone)]
struct Span {
    bundled: JsonPointer,
    file: PathBuf,
    pointer: JsonPointer,
}

impl Origins {
    /// A document read from `root` alone: every pointer is in that file.
    pub fn new(root: PathBuf) -> Self {
        Self {
            root,
            spans: Vec::new(),
        }
    }

    /// The spec's root file.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Records that the value at `bundled` was copied from `pointer` in `file`.
    pub fn record(&mut self, bundled: JsonPointer, file: PathBuf, pointer: JsonPointer) {
        self.spans.push(Span {
            bundled,
            file,
            pointer,
        });
    }

    /// Records that the value at `to` is a copy of the value at `from`, both in the bundled document:
    /// parts of it are where the parts of the original are.
    pub fn copy(&mut self, from: &JsonPointer, to: &JsonPointer) {
        let (file, pointer) = self.locate(from);
        let inner: Vec<Span> = self
            .spans
            .iter()
            .filter_map(|span| {
                let bundled = span.bundled.rebase(from, to)?;
                (span.bundled != *from).then(|| Span {
                    bundled,
                    file: span.file.clone(),
                    pointer: span.pointer.clone(),
                })
            })
            .collect();
        self.record(to.clone(), file, pointer);
        self.spans.extend(inner);
    }

    /// The problem `message` about the bundled document at `bundled`, placed in the file it came from.
    pub fn problem(&self, bundled: &JsonPointer, message: String) -> Problem {
        let (file, pointer) = self.locate(bundled);
        Problem::new(file, pointer, message)
    }

    /// The file and pointer the value at `bundled` came from. The innermost copied subtree wins: a path
    /// item copied from one file may hold parts of others.
    fn locate(&self, bundled: &JsonPointer) -> (PathBuf, JsonPointer) {
        let innermost = self
            .spans
            .iter()
            .filter_map(|span| {
                let pointer = bundled.rebase(&span.bundled, &span.pointer)?;
                Some((span.bundled.to_string().len(), &span.file, pointer))
            })
            .max_by_key(|(depth, _, _)| *depth);
        match innermost {
            Some((_, file, pointer)) => (file.clone(), pointer),
            None => (self.root.clone(), bundled.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_land_in_the_innermost_copied_file() {
        let mut origins = Origins::new("api.yaml".into());
        let path = JsonPointer::root().push("paths").push("/a");
        origins.record(
            path.clone(),
            "paths/a.yaml".into(),
            JsonPointer::root().push("A"),
        );
        let callback = path
            .push("get")
            .push("callbacks")
            .push("done")
            .push("{$url}");
        origins.record(
            callback.clone(),
            "paths/b.yaml".into(),
            JsonPointer::root().push("B"),
        );

        let locate = |pointer: &JsonPointer| {
            let problem = origins.problem(pointer, String::new());
            format!("{}{}", problem.file.display(), problem.pointer)
        };
        assert_eq!(locate(&path.push("get")), "paths/a.yaml#/A/get");
        assert_eq!(locate(&callback.push("post")), "paths/b.yaml#/B/post");
        assert_eq!(locate(&JsonPointer::root().push("info")), "api.yaml#/info");
    }
}
