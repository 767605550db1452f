//! Problems found in a spec, reported all at once with their locations.

use std::fmt;
use std::path::PathBuf;

use crate::pointer::JsonPointer;

/// One problem: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the document the problem is.
    pub pointer: JsonPointer,
    /// What is wrong, in a sentence.
    pub message: String,
}

/// Every problem found in one spec file. Generation stops when there is any.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostics {
    /// The spec file the problems are in.
    pub file: PathBuf,
    /// The problems, in the order they were found.
    pub problems: Vec<Problem>,
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.problems.len();
        let plural = if count == 1 { "" } else { "s" };
        write!(f, "{}: {count} problem{plural}", self.file.display())?;
        for problem in &self.problems {
            write!(f, "\n  {}: {}", problem.pointer, problem.message)?;
        }
        Ok(())
    }
}

/// Collects problems while a pass walks the document, so one run reports all of them.
#[derive(Debug, Default)]
pub struct Collector {
    problems: Vec<Problem>,
}

impl Collector {
    /// Records a problem at `pointer`, once: a part of the spec shared by several operations (path-level
    /// parameters) is seen once per operation.
    pub fn report(&mut self, pointer: &JsonPointer, message: impl Into<String>) {
        let problem = Problem {
            pointer: pointer.clone(),
            message: message.into(),
        };
        if !self.problems.contains(&problem) {
            self.problems.push(problem);
        }
    }

    /// Whether any problem has been recorded.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// The recorded problems, attributed to `file`.
    pub fn into_diagnostics(self, file: PathBuf) -> Diagnostics {
        Diagnostics {
            file,
            problems: self.problems,
        }
    }
}
