//! `cargo xtask codegen --spec PATH --out DIR` on each generator fixture (one of them split into files)
//! yields a standalone crate that builds without a single clippy warning and passes its (runtime and doc)
//! tests: snapshots show the generated code, this proves it compiles and that the scaffold around it is
//! complete.
//!
//! The crates are built by a nested cargo in `target/standalone-crates`, offline and with this
//! workspace's `Cargo.lock`, so they use exactly the dependency versions already fetched.
//!
//! A fixture whose generated code has behaviour of its own to check (what goes over the wire) has a
//! test file `fixtures/generator/behaviour/<fixture>.rs`: it becomes an integration test of the crate,
//! which then gets wiremock as a dev-dependency.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Each fixture's name and root file, relative to `tests/fixtures/generator/`.
const FIXTURES: &[(&str, &str)] = &[
    ("objects", "objects.yaml"),
    ("enums", "enums.yaml"),
    ("operations", "operations.yaml"),
    ("bodies", "bodies.yaml"),
    ("operation_shapes", "operation_shapes.yaml"),
    ("unions", "unions.yaml"),
    ("awkward_names", "awkward_names.yaml"),
    ("split", "split/api.yaml"),
];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

#[test]
fn generated_crates_build_without_warnings() {
    let base = workspace().join("target/standalone-crates");
    for (fixture, root) in FIXTURES {
        let out = base.join(format!("{}-client", fixture.replace('_', "-")));
        let _ = std::fs::remove_dir_all(&out);
        let codegen = xtask::Codegen {
            spec: workspace().join("tests/fixtures/generator").join(root),
            out: out.clone(),
        };
        codegen
            .write()
            .unwrap_or_else(|error| panic!("{fixture}: {error}"));
        std::fs::copy(workspace().join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
        add_behaviour_test(fixture, &out);

        for args in [
            &[
                "clippy",
                "--offline",
                "--quiet",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ][..],
            &["test", "--offline", "--quiet"][..],
        ] {
            let output = Command::new(env!("CARGO"))
                .args(args)
                .current_dir(&out)
                .env("CARGO_TARGET_DIR", base.join("target"))
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "`cargo {}` fails on the crate generated from {root}:\n{}",
                args[0],
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
}

/// Copies the fixture's behaviour test, if it has one, into the crate at `out`, with the
/// dev-dependency it needs.
fn add_behaviour_test(fixture: &str, out: &Path) {
    let test = workspace().join(format!("tests/fixtures/generator/behaviour/{fixture}.rs"));
    if !test.exists() {
        return;
    }
    std::fs::create_dir_all(out.join("tests")).unwrap();
    std::fs::copy(&test, out.join("tests/behaviour.rs")).unwrap();
    let manifest = out.join("Cargo.toml");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str("\n[dev-dependencies.wiremock]\nversion = \"0.6\"\n");
    std::fs::write(manifest, text).unwrap();
}
