//! `cargo bench-codegen`: how long each step of the generator takes, on the project's spec, on the
//! largest vendored real-world document and on the spec repeated N times (the scaling curve).
//!
//! Each step is timed on its own, in process, and the minimum of several runs is kept: the machine is
//! shared, and the minimum is the run least disturbed by others.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use openapi_rust_generator::{output, Diagnostics, GeneratedFile, Parsed, Settings};
use serde_yaml::Value;

/// The steps of a generation run, in order.
pub const PHASES: [&str; 5] = ["parse", "model", "emit", "format", "write"];

/// HTTP methods a path item may hold an operation under.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Component kinds a copy of the spec gets its own entries of. Security schemes are named by
/// requirements rather than by `$ref`, so the copies share them.
const COPIED_COMPONENTS: [&str; 6] = [
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
];

/// The fastest time of each step over several runs, for the steps the document reached.
#[derive(Debug, Clone)]
pub struct Timing {
    /// One entry per step reached, in the order of [`PHASES`].
    pub phases: Vec<Duration>,
    /// Why the later steps were not reached: the generator refused the document.
    pub refused: Option<Diagnostics>,
    /// The generated files, when every step was reached.
    pub files: Vec<GeneratedFile>,
}

impl Timing {
    /// Total of the steps reached.
    pub fn total(&self) -> Duration {
        self.phases.iter().sum()
    }
}

/// Times each step of generating a client from `spec`, keeping the minimum of `runs` runs. Files are
/// written to a fresh directory under `scratch` each run.
pub fn time_phases(spec: &Path, runs: usize, scratch: &Path) -> Result<Timing, String> {
    let mut best: Option<Timing> = None;
    for _ in 0..runs.max(1) {
        let run = time_once(spec, scratch)?;
        best = Some(match best {
            None => run,
            Some(mut best) => {
                for (kept, new) in best.phases.iter_mut().zip(&run.phases) {
                    *kept = (*kept).min(*new);
                }
                best
            }
        });
    }
    Ok(best.expect("at least one run"))
}

fn time_once(spec: &Path, scratch: &Path) -> Result<Timing, String> {
    let mut phases = Vec::new();
    let refused = |phases, diagnostics| {
        Ok(Timing {
            phases,
            refused: Some(diagnostics),
            files: Vec::new(),
        })
    };
    let parsed = match timed(&mut phases, || Parsed::read(spec)) {
        Ok(parsed) => parsed,
        Err(diagnostics) => return refused(phases, diagnostics),
    };
    let modeled = match timed(&mut phases, || parsed.model()) {
        Ok(modeled) => modeled,
        Err(diagnostics) => return refused(phases, diagnostics),
    };
    let emitted = timed(&mut phases, || modeled.emit());
    let label = spec.file_name().unwrap_or_default().to_string_lossy();
    let files = match timed(&mut phases, || emitted.format(&Settings::new(label))) {
        Ok(files) => files,
        Err(diagnostics) => return refused(phases, diagnostics),
    };
    let out = scratch.join("out");
    remove_dir(&out)?;
    timed(&mut phases, || {
        output::write(&out, &files, output::GENERATED_DIRS)
    })
    .map_err(|error| format!("cannot write to {}: {error}", out.display()))?;
    remove_dir(&out)?;
    Ok(Timing {
        phases,
        refused: None,
        files,
    })
}

/// Runs `step`, adding the time it took to `phases`.
fn timed<T>(phases: &mut Vec<Duration>, step: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = step();
    phases.push(started.elapsed());
    result
}

fn remove_dir(dir: &Path) -> Result<(), String> {
    match fs::remove_dir_all(dir) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("cannot remove {}: {error}", dir.display()))
        }
        _ => Ok(()),
    }
}

/// The number of operations in a (bundled) document.
pub fn operation_count(document: &Value) -> usize {
    let Some(Value::Mapping(paths)) = document.get("paths") else {
        return 0;
    };
    paths
        .values()
        .map(|item| {
            METHODS
                .iter()
                .filter(|method| item.get(**method).is_some())
                .count()
        })
        .sum()
}

/// `document` (bundled: every reference local) with `copies` copies of its paths, components and
/// tags. Copy 0 is the document itself; copy `k` has its paths under `/c{k}` and its components,
/// operation ids and tags suffixed with `_c{k}`, so every generated name stays unique.
pub fn replicate(document: &Value, copies: usize) -> Value {
    let mut result = document.clone();
    for copy in 1..copies {
        let suffix = format!("_c{copy}");
        let renamed = renamed_references(document, &suffix);
        merge(
            &mut result,
            &renamed,
            &["paths"],
            |path| format!("/c{copy}{path}"),
            |item| renamed_operations(item, &suffix),
        );
        for kind in COPIED_COMPONENTS {
            merge(
                &mut result,
                &renamed,
                &["components", kind],
                |name| format!("{name}{suffix}"),
                Value::clone,
            );
        }
        let tags = renamed.get("tags").and_then(Value::as_sequence);
        let all = result.get_mut("tags").and_then(Value::as_sequence_mut);
        if let (Some(tags), Some(all)) = (tags, all) {
            all.extend(tags.iter().map(|tag| {
                let mut tag = tag.clone();
                if let Some(name) = tag.get_mut("name") {
                    *name = suffixed(name, &suffix);
                }
                tag
            }));
        }
    }
    result
}

/// Adds each entry of the mapping at `keys` in `from` to the one in `into`, key and value changed.
fn merge(
    into: &mut Value,
    from: &Value,
    keys: &[&str],
    key: impl Fn(&str) -> String,
    value: impl Fn(&Value) -> Value,
) {
    let from = keys.iter().try_fold(from, |node, key| node.get(*key));
    let into = keys.iter().try_fold(into, |node, key| node.get_mut(*key));
    if let (Some(Value::Mapping(from)), Some(Value::Mapping(into))) = (from, into) {
        for (name, entry) in from {
            into.insert(key(name.as_str().unwrap_or_default()).into(), value(entry));
        }
    }
}

/// `value` with every `$ref` to a copied component pointing at its suffixed copy.
fn renamed_references(value: &Value, suffix: &str) -> Value {
    match value {
        Value::Mapping(mapping) => Value::Mapping(
            mapping
                .iter()
                .map(|(key, value)| {
                    let value = match (key.as_str(), value.as_str()) {
                        (Some("$ref"), Some(target)) => suffixed_reference(target, suffix).into(),
                        _ => renamed_references(value, suffix),
                    };
                    (key.clone(), value)
                })
                .collect(),
        ),
        Value::Sequence(items) => Value::Sequence(
            items
                .iter()
                .map(|item| renamed_references(item, suffix))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `#/components/schemas/bdb/properties/x` -> `#/components/schemas/bdb_c1/properties/x`.
fn suffixed_reference(target: &str, suffix: &str) -> String {
    let segments: Vec<&str> = target.split('/').collect();
    match segments.as_slice() {
        ["#", "components", kind, name, rest @ ..] if COPIED_COMPONENTS.contains(kind) => {
            let mut renamed = format!("#/components/{kind}/{name}{suffix}");
            for segment in rest {
                renamed.push('/');
                renamed.push_str(segment);
            }
            renamed
        }
        _ => target.to_owned(),
    }
}

/// A path item whose operations have suffixed operation ids and tags.
fn renamed_operations(item: &Value, suffix: &str) -> Value {
    let mut item = item.clone();
    for method in METHODS {
        let Some(operation) = item.get_mut(method) else {
            continue;
        };
        if let Some(id) = operation.get_mut("operationId") {
            *id = suffixed(id, suffix);
        }
        if let Some(Value::Sequence(tags)) = operation.get_mut("tags") {
            for tag in tags {
                *tag = suffixed(tag, suffix);
            }
        }
    }
    item
}

fn suffixed(name: &Value, suffix: &str) -> Value {
    format!("{}{suffix}", name.as_str().unwrap_or_default()).into()
}

/// What the benchmark measures and how.
#[derive(Debug, Clone)]
pub struct Bench {
    /// Documents timed step by step, as given.
    pub documents: Vec<PathBuf>,
    /// The document repeated for the scaling curve.
    pub scaled: PathBuf,
    /// How many copies of it each point of the curve has.
    pub copies: Vec<usize>,
    /// Runs per measurement; the fastest is kept.
    pub runs: usize,
}

impl Bench {
    /// The project's spec and the largest vendored real-world document; the spec repeated until it
    /// has at least 5,000 operations; five runs each.
    pub fn new(root: &Path) -> Result<Self, String> {
        let spec = root.join("spec/redis-enterprise.yaml");
        let largest = largest_file(&root.join("tests/fixtures/real-world"))?;
        Ok(Self {
            documents: vec![spec.clone(), largest],
            scaled: spec,
            copies: vec![1, 2, 4, 8, 16, 32],
            runs: 5,
        })
    }

    /// Runs every measurement and returns the report, as Markdown.
    pub fn run(&self, root: &Path) -> Result<String, String> {
        let scratch = std::env::temp_dir().join(format!("bench-codegen-{}", std::process::id()));
        fs::create_dir_all(&scratch)
            .map_err(|error| format!("cannot create {}: {error}", scratch.display()))?;
        let report = self.report(root, &scratch);
        remove_dir(&scratch)?;
        report
    }

    fn report(&self, root: &Path, scratch: &Path) -> Result<String, String> {
        let mut report = String::new();
        let runs = self.runs;
        for document in &self.documents {
            let name = document.strip_prefix(root).unwrap_or(document);
            let operations = operation_count(&bundle(document)?);
            let timing = time_phases(document, runs, scratch)?;
            let outcome = outcome(&timing);
            writeln!(
                report,
                "{}: {operations} operations, {outcome}\n",
                name.display()
            )
            .unwrap();
            report.push_str("| step | time (fastest of ");
            writeln!(report, "{runs}) | share |\n|---|---:|---:|").unwrap();
            let total = timing.total();
            for (phase, time) in PHASES.iter().zip(&timing.phases) {
                let share = time.as_secs_f64() / total.as_secs_f64() * 100.0;
                writeln!(report, "| {phase} | {} | {share:.0}% |", millis(*time)).unwrap();
            }
            writeln!(report, "| total | {} | |\n", millis(total)).unwrap();
        }
        if self.copies.is_empty() {
            return Ok(report);
        }
        let spec = bundle(&self.scaled)?;
        let name = self.scaled.strip_prefix(root).unwrap_or(&self.scaled);
        writeln!(
            report,
            "{} repeated N times, µs per operation (fastest of {runs}):\n",
            name.display()
        )
        .unwrap();
        report.push_str("| N | operations | ");
        report.push_str(&PHASES.join(" | "));
        report.push_str(" | total | whole run |\n|---:|---:|");
        report.push_str(&"---:|".repeat(PHASES.len() + 2));
        report.push('\n');
        for &copies in &self.copies {
            let document = replicate(&spec, copies);
            let operations = operation_count(&document);
            let path = scratch.join(format!("spec-x{copies}.yaml"));
            let text = serde_yaml::to_string(&document).map_err(|error| error.to_string())?;
            fs::write(&path, text)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
            let timing = time_phases(&path, runs, scratch)?;
            if let Some(diagnostics) = &timing.refused {
                return Err(format!(
                    "the spec repeated {copies} times is refused: {diagnostics}"
                ));
            }
            let per_operation =
                |time: &Duration| format!("{:.1}", time.as_secs_f64() * 1e6 / operations as f64);
            write!(report, "| {copies} | {operations} |").unwrap();
            for time in &timing.phases {
                write!(report, " {} |", per_operation(time)).unwrap();
            }
            let total = timing.total();
            writeln!(report, " {} | {} |", per_operation(&total), millis(total)).unwrap();
        }
        Ok(report)
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
