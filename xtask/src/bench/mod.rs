//! `cargo bench-codegen`: how long each step of the generator takes, on the project's spec, on the
//! largest vendored real-world document, and on documents of 10 to thousands of operations made from
//! the spec (the scaling curve).
//!
//! Each step is timed on its own, in process, and the minimum of several runs is kept: the machine is
//! shared, and the minimum is the run least disturbed by others.

mod resize;
mod timing;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

use serde_yaml::Value;

use resize::{operation_count, sized};
use timing::{remove_dir, time_phases, Timing, PHASES};

/// What the benchmark measures and how.
#[derive(Debug, Clone)]
pub struct Bench {
    /// Documents timed step by step, as given.
    pub documents: Vec<PathBuf>,
    /// The document the scaling curve is made from.
    pub scaled: PathBuf,
    /// About how many operations each point of the curve has (see [`sized`]).
    pub sizes: Vec<usize>,
    /// Runs per measurement; the fastest is kept.
    pub runs: usize,
}

impl Bench {
    /// The project's spec and the largest vendored real-world document; the curve from 10 to 6,000
    /// operations made from the spec; five runs each.
    pub fn new(root: &Path) -> Result<Self, String> {
        let spec = root.join("spec/redis-enterprise.yaml");
        let largest = largest_file(&root.join("tests/fixtures/real-world"))?;
        Ok(Self {
            documents: vec![spec.clone(), largest],
            scaled: spec,
            sizes: vec![10, 30, 100, 300, 1000, 3000, 6000],
            runs: 5,
        })
    }

    /// Runs every measurement and returns the report, as Markdown.
    pub fn run(&self, root: &Path) -> Result<String, String> {
        let scratch = &std::env::temp_dir().join(format!("bench-codegen-{}", std::process::id()));
        fs::create_dir_all(scratch)
            .map_err(|error| format!("cannot create {}: {error}", scratch.display()))?;
        let mut report = String::new();
        let result = self
            .documents
            .iter()
            .try_for_each(|document| self.steps(root, document, scratch, &mut report))
            .and_then(|()| self.curve(root, scratch, &mut report));
        remove_dir(scratch)?;
        result.map(|()| report)
    }

    /// The table of each step's time on `document`.
    fn steps(
        &self,
        root: &Path,
        document: &Path,
        scratch: &Path,
        report: &mut String,
    ) -> Result<(), String> {
        let name = document.strip_prefix(root).unwrap_or(document);
        let operations = operation_count(&bundle(document)?);
        let timing = time_phases(document, self.runs, scratch)?;
        let outcome = outcome(&timing);
        writeln!(
            report,
            "{}: {operations} operations, {outcome}\n",
            name.display()
        )
        .unwrap();
        writeln!(
            report,
            "| step | time (fastest of {}) | share |\n|---|---:|---:|",
            self.runs
        )
        .unwrap();
        let total = timing.total();
        for (phase, time) in PHASES.iter().zip(&timing.phases) {
            let share = time.as_secs_f64() / total.as_secs_f64() * 100.0;
            writeln!(report, "| {phase} | {} | {share:.0}% |", millis(*time)).unwrap();
        }
        writeln!(report, "| total | {} | |", millis(total)).unwrap();
        if let (Some(threaded), Some(threaded_total), Some(rewrite), Some(after_parse)) = (
            timing.threaded,
            timing.threaded_total(),
            timing.rewrite,
            timing.after_parse(),
        ) {
            let threads = thread::available_parallelism().map_or(1, usize::from);
            let times_parse = after_parse.as_secs_f64() / timing.phases[0].as_secs_f64();
            writeln!(
                report,
                "| emit + format on {threads} threads, as a generation run does | {} | |\n\
                 | total of a generation run | {} | |\n\
                 | write over the same files, nothing to change | {} | |\n\
                 | after parse, regenerating an up-to-date crate (model, emit + format on {threads} \
                 threads, write) | {} | {times_parse:.2}x parse |",
                millis(threaded),
                millis(threaded_total),
                millis(rewrite),
                millis(after_parse),
            )
            .unwrap();
        }
        report.push('\n');
        Ok(())
    }

    /// The table of each step's time per operation, for each size of the scaled document.
    fn curve(&self, root: &Path, scratch: &Path, report: &mut String) -> Result<(), String> {
        if self.sizes.is_empty() {
            return Ok(());
        }
        let source = bundle(&self.scaled)?;
        let name = self.scaled.strip_prefix(root).unwrap_or(&self.scaled);
        let spec_operations = operation_count(&source);
        writeln!(
            report,
            "{} ({spec_operations} operations) cut to its first paths or repeated, \
             µs per operation (fastest of {}):\n",
            name.display(),
            self.runs
        )
        .unwrap();
        writeln!(
            report,
            "| operations | lines generated | {} | total | emit + format, threaded | whole run | \
             whole run, threaded |\n|---:|{}",
            PHASES.join(" | "),
            "---:|".repeat(PHASES.len() + 5)
        )
        .unwrap();
        for &size in &self.sizes {
            let document = sized(&source, size);
            let operations = operation_count(&document);
            let path = scratch.join(format!("spec-{operations}.yaml"));
            let text = serde_yaml::to_string(&document).map_err(|error| error.to_string())?;
            fs::write(&path, text)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
            let timing = time_phases(&path, self.runs, scratch)?;
            if let Some(diagnostics) = &timing.refused {
                return Err(format!(
                    "the spec made {operations} operations long is refused: {diagnostics}"
                ));
            }
            let per_operation =
                |time: &Duration| format!("{:.1}", time.as_secs_f64() * 1e6 / operations as f64);
            write!(report, "| {operations} | {} |", timing.lines()).unwrap();
            for time in &timing.phases {
                write!(report, " {} |", per_operation(time)).unwrap();
            }
            let total = timing.total();
            let threaded = timing
                .threaded
                .as_ref()
                .map_or_else(String::new, per_operation);
            let threaded_total = timing.threaded_total().map_or_else(String::new, millis);
            writeln!(
                report,
                " {} | {threaded} | {} | {threaded_total} |",
                per_operation(&total),
                millis(total)
            )
            .unwrap();
        }
        Ok(())
    }
}

/// How far the generator got, in words.
fn outcome(timing: &Timing) -> String {
    match &timing.refused {
        None => {
            let lines: usize = timing
                .files
                .iter()
                .map(|file| file.contents.lines().count())
                .sum();
            format!("{} files, {lines} lines generated", timing.files.len())
        }
        Some(diagnostics) => format!(
            "refused with {} problem(s) by the {} step: the later steps are not timed",
            diagnostics.problems.len(),
            PHASES[timing.phases.len() - 1]
        ),
    }
}

fn millis(time: Duration) -> String {
    format!("{:.1} ms", time.as_secs_f64() * 1e3)
}

fn bundle(path: &Path) -> Result<Value, String> {
    openapi_rust_generator::load::bundle(path).map_err(|diagnostics| diagnostics.to_string())
}

/// The largest file in `dir`.
fn largest_file(dir: &Path) -> Result<PathBuf, String> {
    let entries =
        fs::read_dir(dir).map_err(|error| format!("cannot read {}: {error}", dir.display()))?;
    let mut largest: Option<(u64, PathBuf)> = None;
    for entry in entries.flatten() {
        let size = entry.metadata().map(|meta| meta.len()).unwrap_or(0);
        let path = entry.path();
        let is_document = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("json" | "yaml")
        );
        if is_document && largest.as_ref().is_none_or(|(best, _)| size > *best) {
            largest = Some((size, path));
        }
    }
    largest
        .map(|(_, path)| path)
        .ok_or_else(|| format!("no OpenAPI document in {}", dir.display()))
}
