//! `cargo xtask codegen --spec PATH --out DIR` on each generator fixture (one of them split into files)
//! yields a standalone crate that builds without a single clippy warning and passes its (runtime and doc)
//! tests: snapshots show the generated code, this proves it compiles and that the scaffold around it is
//! complete.

mod generated_crates;

use generated_crates::{cargo, generate, workspace};

/// Each fixture's name and root file, relative to `tests/fixtures/generator/`.
const FIXTURES: &[(&str, &str)] = &[
    ("objects", "objects.yaml"),
    ("enums", "enums.yaml"),
    ("operations", "operations.yaml"),
    ("bodies", "bodies.yaml"),
    ("unions", "unions.yaml"),
    ("awkward_names", "awkward_names.yaml"),
    ("split", "split/api.yaml"),
];

#[test]
fn generated_crates_build_without_warnings() {
    for (fixture, root) in FIXTURES {
        let spec = workspace().join("tests/fixtures/generator").join(root);
        let out = generate(fixture, spec).unwrap_or_else(|error| panic!("{fixture}: {error}"));
        cargo(
            &out,
            root,
            &["clippy", "--all-targets", "--", "-D", "warnings"],
        );
        cargo(&out, root, &["test"]);
    }
}
