//! `cargo xtask codegen [--check] [--spec PATH] [--out DIR]`

use std::path::PathBuf;
use std::process::ExitCode;

use xtask::Codegen;

const USAGE: &str = "usage: cargo xtask codegen [--check] [--spec PATH] [--out DIR]

  --check      compare the generated files with the ones on disk; fail, naming them, if they differ
  --spec PATH  OpenAPI 3.0 document to read (default: spec/redis-enterprise.yaml)
  --out DIR    crate to write (default: generated-client); a new one is scaffolded if DIR has no Cargo.toml";

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
        Some("codegen") => {}
        Some("-h" | "--help") => {
            println!("{USAGE}");
            return Ok(ExitCode::SUCCESS);
        }
        _ => return Err(USAGE.to_owned()),
    }
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
    if drift.is_empty() {
        println!("{out} is up to date with {}", codegen.spec.display());
        return Ok(ExitCode::SUCCESS);
    }
    if check {
        eprintln!(
            "{out} is not what the generator produces from {}:",
            codegen.spec.display()
        );
        for change in &drift {
            eprintln!("  {change}");
        }
        eprintln!("run `cargo xtask codegen` and commit the result");
        Ok(ExitCode::FAILURE)
    } else {
        for change in &drift {
            println!("  {change}");
        }
        println!("updated {} file(s) in {out}", drift.len());
        Ok(ExitCode::SUCCESS)
    }
}
