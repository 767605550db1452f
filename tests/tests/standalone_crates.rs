//! `cargo xtask codegen --spec PATH --out DIR` on each generator fixture (one of them split into files)
//! yields a standalone crate that builds without a single clippy warning and passes its (runtime and doc)
//! tests: snapshots show the generated code, this proves it compiles and that the scaffold around it is
//! complete.
//!
//! A fixture whose generated code has behaviour of its own to check (what goes over the wire, how its
//! types read and write JSON) has a test file `fixtures/generator/behaviour/<fixture>.rs`: it becomes an
//! integration test of the crate, which then gets wiremock as a dev-dependency.

mod generated_crates;

use std::path::Path;

use generated_crates::{cargo, generate, workspace};

/// Each fixture's name and root file, relative to `tests/fixtures/generator/`.
const FIXTURES: &[(&str, &str)] = &[
    ("objects", "objects.yaml"),
    ("enums", "enums.yaml"),
    ("operations", "operations.yaml"),
    ("bodies", "bodies.yaml"),
    ("operation_shapes", "operation_shapes.yaml"),
    ("unions", "unions.yaml"),
    ("compositions", "compositions.yaml"),
    ("awkward_names", "awkward_names.yaml"),
    ("local_references", "local_references.yaml"),
    ("split", "split/api.yaml"),
];

#[test]
fn generated_crates_build_without_warnings() {
    let fixtures = workspace().join("tests/fixtures/generator");
    for (fixture, root) in FIXTURES {
        let out = generate(fixture, fixtures.join(root))
            .unwrap_or_else(|error| panic!("{fixture}: {error}"));
        add_behaviour_test(&fixtures.join(format!("behaviour/{fixture}.rs")), &out);
        cargo(
            &out,
            root,
            &["clippy", "--all-targets", "--", "-D", "warnings"],
        );
        cargo(&out, root, &["test"]);
    }
}

/// Copies the behaviour test `test`, if there is one, into the crate at `out`, with the
/// dev-dependency it needs.
fn add_behaviour_test(test: &Path, out: &Path) {
    if !test.exists() {
        return;
    }
    std::fs::create_dir_all(out.join("tests")).unwrap();
    std::fs::copy(test, out.join("tests/behaviour.rs")).unwrap();
    let manifest = out.join("Cargo.toml");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str("\n[dev-dependencies.wiremock]\nversion = \"0.6\"\n");
    std::fs::write(manifest, text).unwrap();
}
