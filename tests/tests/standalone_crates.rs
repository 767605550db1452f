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
    ("compositions", "compositions.yaml"),
    ("awkward_names", "awkward_names.yaml"),
    ("split", "split/api.yaml"),
];

/// Behaviour tests of generated types, by fixture, relative to `tests/fixtures/generator/`: each is
/// copied into the `tests/` of the crate generated from its fixture, so it runs against that code.
const BEHAVIOUR_TESTS: &[(&str, &str)] = &[("compositions", "compositions_behaviour.rs")];

#[test]
fn generated_crates_build_without_warnings() {
    let fixtures = workspace().join("tests/fixtures/generator");
    for (fixture, root) in FIXTURES {
        let out = generate(fixture, fixtures.join(root))
            .unwrap_or_else(|error| panic!("{fixture}: {error}"));
        for (_, test) in BEHAVIOUR_TESTS.iter().filter(|(name, _)| name == fixture) {
            std::fs::create_dir_all(out.join("tests")).unwrap();
            std::fs::copy(fixtures.join(test), out.join("tests").join(test)).unwrap();
        }
        cargo(
            &out,
            root,
            &["clippy", "--all-targets", "--", "-D", "warnings"],
        );
        cargo(&out, root, &["test"]);
    }
}
