//! `cargo xtask codegen [--check] [--spec PATH] [--out DIR]`
//! `cargo xtask reference [--docs DIR] [--check | --coverage]`
//! `cargo bench-codegen [--runs K] [--documents PATH,...] [--sizes N,...]` (built with optimizations)

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use xtask::bench::Bench;
use xtask::reference::{crosscheck, Reference};
use xtask::{Codegen, ReferenceExtract};

/// A generation run makes and drops millions of small values (YAML nodes, tokens, `syn` trees): with
/// glibc's allocator, a third of its instructions were `malloc` and `free`. mimalloc takes a quarter to
/// a third off every step (BENCHMARKS.md). The generator library leaves the choice to its binary.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: cargo xtask codegen [--check] [--spec PATH] [--out DIR]
       cargo xtask reference [--docs DIR] [--check]
       cargo xtask reference --coverage [--spec PATH]
       cargo bench-codegen [--runs K] [--documents PATH,...] [--sizes N,...]

codegen        regenerate the client from the spec
  --check      compare the generated files with the ones on disk; fail, naming them, if they differ
  --spec PATH  OpenAPI 3.0 document to read, with the files it references (default: spec/redis-enterprise.yaml)
  --out DIR    crate to write (default: generated-client); a new one is scaffolded if DIR has no Cargo.toml

reference      extract the facts of the REST API reference into reference/
  --docs DIR   a checkout of the Redis docs holding rest-api/ (default: ../shared/redis-docs)
  --check      compare the extract with the committed one; fail, naming the pages, if they differ
  --coverage   hold the spec against the committed extract and print how much of the API it covers

bench-codegen  time each step of the generator (parse, model, emit, format, write) on the spec and on the
               largest document of tests/fixtures/real-world, and per operation on documents of
               other sizes made from the spec;
               prints Markdown tables (an alias of `cargo run --release -p xtask -- bench-codegen`)
  --runs K     runs per measurement, the fastest kept (default 5)
  --documents PATH,...  documents timed step by step (default: the spec, the largest real-world one)
  --sizes N,...         operations of each point of the scaling curve, made by cutting the spec to
                        its first paths or repeating it (default 10,30,100,300,1000,3000,6000)";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<ExitCode, String> {
    let mut args = args.into_iter();
    match args.next().as_deref() {
        Some("codegen") => codegen(args),
        Some("reference") => reference(args),
        Some("bench-codegen") => bench(args),
        Some("-h" | "--help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(USAGE.to_owned()),
    }
}

fn codegen(mut args: impl Iterator<Item = String>) -> Result<ExitCode, String> {
    let mut codegen = Codegen::default();
    let mut check = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--spec" => codegen.spec = PathBuf::from(args.next().ok_or("--spec needs a path")?),
            "--out" => codegen.out = PathBuf::from(args.next().ok_or("--out needs a directory")?),
            other => return Err(format!("unknown argument `{other}`\n\n{USAGE}")),
        }
    }
    let result = if check {
        codegen.check()
    } else {
        codegen.write()
    };
    let drift = result.map_err(|error| error.to_string())?;
    let out = codegen.out.display();
    let from = codegen.spec.display();
    report(
        &drift,
        check,
        &format!("{out}"),
        &format!("{from}"),
        "codegen",
    )
}

fn bench(mut args: impl Iterator<Item = String>) -> Result<ExitCode, String> {
    if cfg!(debug_assertions) {
        return Err(
            "an unoptimized build would time the wrong thing: run `cargo bench-codegen`".into(),
        );
    }
    let root = xtask::repository_root();
    let mut bench = Bench::new(&root)?;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => {
                let runs = args.next().ok_or("--runs needs a number")?;
                bench.runs = runs
                    .parse()
                    .map_err(|_| format!("--runs: `{runs}` is not a number"))?;
            }
            "--sizes" => {
                let list = args.next().ok_or("--sizes needs a list of numbers")?;
                bench.sizes = list_items(&list)
                    .map(|n| {
                        n.parse()
                            .map_err(|_| format!("--sizes: `{n}` is not a number"))
                    })
                    .collect::<Result<_, _>>()?;
            }
            "--documents" => {
                let list = args.next().ok_or("--documents needs a list of paths")?;
                bench.documents = list_items(&list).map(PathBuf::from).collect();
            }
            other => return Err(format!("unknown argument `{other}`\n\n{USAGE}")),
        }
    }
    print!("{}", bench.run(&root)?);
    Ok(ExitCode::SUCCESS)
}

/// The items of a comma-separated list; none in an empty one.
fn list_items(list: &str) -> impl Iterator<Item = &str> {
    list.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

fn reference(mut args: impl Iterator<Item = String>) -> Result<ExitCode, String> {
    let mut task = ReferenceExtract::default();
    let mut spec = Codegen::default().spec;
    let (mut check, mut coverage) = (false, false);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--coverage" => coverage = true,
            "--docs" => task.docs = PathBuf::from(args.next().ok_or("--docs needs a directory")?),
            "--spec" => spec = PathBuf::from(args.next().ok_or("--spec needs a path")?),
            other => return Err(format!("unknown argument `{other}`\n\n{USAGE}")),
        }
    }
    if coverage {
        let reference = Reference::load(&task.extract).map_err(|error| error.to_string())?;
        let spec_value = xtask::read_spec(&spec)?;
        let report = crosscheck::check(&spec_value, &reference);
        // Ignore a closed pipe (`| head`): the report is for reading, not a protocol.
        let _ = write!(std::io::stdout(), "{}", report.coverage);
        if report.problems.is_empty() {
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!(
            "\n{} differs from the reference in {} place(s):",
            spec.display(),
            report.problems.len()
        );
        for problem in &report.problems {
            eprintln!("  {problem}");
        }
        return Ok(ExitCode::FAILURE);
    }
    let drift = if check { task.check() } else { task.write() };
    let drift = drift.map_err(|error| error.to_string())?;
    report(
        &drift,
        check,
        &task.extract.display().to_string(),
        &task.docs.display().to_string(),
        "reference",
    )
}

/// Prints what changed (or would change) and turns drift found by `--check` into a failure.
fn report(
    drift: &[openapi_rust_generator::Drift],
    check: bool,
    out: &str,
    from: &str,
    command: &str,
) -> Result<ExitCode, String> {
    if drift.is_empty() {
        println!("{out} is up to date with {from}");
        return Ok(ExitCode::SUCCESS);
    }
    if check {
        eprintln!("{out} is not what `cargo xtask {command}` produces from {from}:");
        for change in drift {
            eprintln!("  {change}");
        }
        eprintln!("run `cargo xtask {command}` and commit the result");
        Ok(ExitCode::FAILURE)
    } else {
        for change in drift {
            println!("  {change}");
        }
        println!("updated {} file(s) in {out}", drift.len());
        Ok(ExitCode::SUCCESS)
    }
}
