//! Problems found in a spec, reported all at once with their locations.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::load::Origins;
use crate::pointer::JsonPointer;

/// One problem: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file the problem is in: the spec itself or a file it references.
    pub file: PathBuf,
    /// Where in that file the problem is.
    pub pointer: JsonPointer,
    /// What is wrong, in a sentence.
    pub message: String,
}

impl Problem {
    /// A problem at `pointer` in `file`. Line breaks in the message, from text of the spec it quotes,
    /// are escaped: each problem stays one line.
    pub(crate) fn new(file: PathBuf, pointer: JsonPointer, message: impl Into<String>) -> Self {
        Self {
            file,
            pointer,
            message: message.into().replace('\r', "\\r").replace('\n', "\\n"),
        }
    }
}

/// Every problem found in one spec (a root file and the files it references). Generation stops when
/// there is any.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostics {
    /// The spec's root file.
    pub file: PathBuf,
    /// The problems, in the order they were found.
    pub problems: Vec<Problem>,
}

impl Diagnostics {
    /// The diagnostics of a spec whose root file is `file`, with one problem in that file, found before
    /// any pass could collect others (the root file cannot be read, the generator failed).
    pub(crate) fn single(file: &Path, pointer: JsonPointer, message: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            problems: vec![Problem::new(file.to_path_buf(), pointer, message)],
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.problems.len();
        let plural = if count == 1 { "" } else { "s" };
        write!(f, "{}: {count} problem{plural}", self.file.display())?;
        for problem in &self.problems {
            // Problems in the root file show only the pointer, as the header names the file.
            let file = if problem.file == self.file {
                String::new()
            } else {
                problem.file.display().to_string()
            };
            write!(f, "\n  {file}{}: {}", problem.pointer, problem.message)?;
        }
        Ok(())
    }
}

/// Collects problems while a pass walks the (bundled) document, so one run reports all of them.
#[derive(Debug, Default)]
pub struct Collector {
    problems: Vec<(JsonPointer, String)>,
}

impl Collector {
    /// Records a problem at `pointer`, once: a part of the spec shared by several operations (path-level
    /// parameters) is seen once per operation.
    pub fn report(&mut self, pointer: &JsonPointer, message: impl Into<String>) {
        let problem = (pointer.clone(), message.into());
        if !self.problems.contains(&problem) {
            self.problems.push(problem);
        }
    }

    /// Whether any problem has been recorded.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// The recorded problems, each moved from the bundled document to the file it came from, once: a
    /// value the document refers to is copied wherever it is used.
    pub fn into_diagnostics(self, origins: &Origins) -> Diagnostics {
        let mut problems: Vec<Problem> = Vec::new();
        for (pointer, message) in self.problems {
            let problem = origins.problem(&pointer, message);
            if !problems.contains(&problem) {
                problems.push(problem);
            }
        }
        Diagnostics {
            file: origins.root().to_path_buf(),
            problems,
        }
    }
}
