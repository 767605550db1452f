//! Timing each step of a generation run.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use openapi_rust_generator::{output, Diagnostics, GeneratedFile, Parsed, Settings};

/// The steps of a generation run, in order.
pub const PHASES: [&str; 5] = ["parse", "model", "emit", "format", "write"];

/// The fastest time of each step over several runs, for the steps the document reached.
#[derive(Debug, Clone)]
pub struct Timing {
    /// One entry per step reached, in the order of [`PHASES`].
    pub phases: Vec<Duration>,
    /// Why the later steps were not reached: the generator refused the document.
    pub refused: Option<Diagnostics>,
    /// The generated files, when every step was reached.
    pub files: Vec<GeneratedFile>,
    /// When every step was reached: emit and format as a generation run does them, each thread of
    /// the machine emitting and formatting its share of the files (`Modeled::generate`).
    pub threaded: Option<Duration>,
    /// When every step was reached: the write step again, into the directory it wrote, where every
    /// file is already as generated (what regenerating a crate after a small spec edit mostly does).
    pub rewrite: Option<Duration>,
}

impl Timing {
    /// Total of the steps reached.
    pub fn total(&self) -> Duration {
        self.phases.iter().sum()
    }

    /// What a generation run takes: the steps, with emit and format on every thread.
    pub fn threaded_total(&self) -> Option<Duration> {
        let [parse, model, _emit, _format, write] = self.phases[..] else {
            return None;
        };
        Some(parse + model + self.threaded? + write)
    }

    /// What a generation run takes after the parse, when the crate it writes is up to date: the
    /// model, emit and format on every thread, and the write that finds nothing to change.
    pub fn after_parse(&self) -> Option<Duration> {
        let [_parse, model, ..] = self.phases[..] else {
            return None;
        };
        Some(model + self.threaded? + self.rewrite?)
    }

    /// Lines of the generated files.
    pub fn lines(&self) -> usize {
        self.files
            .iter()
            .map(|file| file.contents.lines().count())
            .sum()
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
                best.threaded = best.threaded.min(run.threaded);
                best.rewrite = best.rewrite.min(run.rewrite);
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
            threaded: None,
            rewrite: None,
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
    let settings = Settings::new(spec.file_name().unwrap_or_default().to_string_lossy());
    let files = match timed(&mut phases, || emitted.format(&settings)) {
        Ok(files) => files,
        Err(diagnostics) => return refused(phases, diagnostics),
    };
    let started = Instant::now();
    modeled
        .generate(&settings)
        .map_err(|diagnostics| diagnostics.to_string())?;
    let threaded = Some(started.elapsed());
    let out = scratch.join("out");
    remove_dir(&out)?;
    let write = || output::write(&out, &files, output::GENERATED_DIRS);
    let cannot_write = |error| format!("cannot write to {}: {error}", out.display());
    timed(&mut phases, write).map_err(cannot_write)?;
    let started = Instant::now();
    write().map_err(cannot_write)?;
    let rewrite = Some(started.elapsed());
    remove_dir(&out)?;
    Ok(Timing {
        phases,
        refused: None,
        files,
        threaded,
        rewrite,
    })
}

/// Runs `step`, adding the time it took to `phases`.
fn timed<T>(phases: &mut Vec<Duration>, step: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = step();
    phases.push(started.elapsed());
    result
}

pub(super) fn remove_dir(dir: &Path) -> Result<(), String> {
    match fs::remove_dir_all(dir) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("cannot remove {}: {error}", dir.display()))
        }
        _ => Ok(()),
    }
}
