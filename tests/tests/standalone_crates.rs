//! `cargo xtask codegen --spec PATH --out DIR` on each generator fixture (one of them split into files)
//! yields a standalone crate that builds without a single clippy warning and passes its (runtime and doc)
//! tests: snapshots show the generated code, this proves it compiles and that the scaffold around it is
//! complete.
//!
//! The crates are built by a nested cargo in `target/standalone-crates`, offline and with this
//! workspace's `Cargo.lock`, so they use exactly the dependency versions already fetched.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Each fixture's name and root file, relative to `tests/fixtures/generator/`.
const FIXTURES: &[(&str, &str)] = &[
    ("objects", "objects.yaml"),
    ("enums", "enums.yaml"),
    ("operations", "operations.yaml"),
    ("bodies", "bodies.yaml"),
    ("unions", "unions.yaml"),
    ("compositions", "compositions.yaml"),
    ("awkward_names", "awkward_names.yaml"),
    ("split", "split/api.yaml"),
];

/// Behaviour tests of generated types, by fixture, relative to `tests/fixtures/generator/`: each is
/// copied into the `tests/` of the crate generated from its fixture, so it runs against that code.
const BEHAVIOUR_TESTS: &[(&str, &str)] = &[("compositions", "compositions_behaviour.rs")];

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
        for (_, test) in BEHAVIOUR_TESTS.iter().filter(|(name, _)| name == fixture) {
            std::fs::create_dir_all(out.join("tests")).unwrap();
            std::fs::copy(
                workspace().join("tests/fixtures/generator").join(test),
                out.join("tests").join(test),
            )
            .unwrap();
        }

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
