//! Snapshot tests of the generator: one small spec per construct in `fixtures/generator/` (a file, or a
//! directory for a spec split into files), its generated files (or its diagnostics) compared with the
//! snapshots in `snapshots/`.
//!
//! Update the snapshots with `INSTA_UPDATE=always cargo test -p tests --test generator_snapshots`, then
//! review every change.

use std::path::Path;

use openapi_rust_generator::{generate_file, Diagnostics, GeneratedFile, Settings};

/// A fixture by its root file, relative to `fixtures/generator/` without `.yaml`: `objects` is one file,
/// `split/api` the root of a spec split into several. Tests run in this crate's directory, so the
/// relative path is also the stable name problems are reported under.
struct Fixture(&'static str);

impl Fixture {
    fn path(&self) -> String {
        format!("fixtures/generator/{}.yaml", self.0)
    }

    fn generate(&self) -> Result<Vec<GeneratedFile>, Diagnostics> {
        let path = self.path();
        generate_file(Path::new(&path), &Settings::new(&path))
    }

    /// Every generated file, each under a `=== <path>` line.
    fn rendered(&self) -> String {
        let files = self
            .generate()
            .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
        render(&files)
    }

    /// The diagnostics of a fixture that must fail.
    fn diagnostics(&self) -> String {
        match self.generate() {
            Ok(files) => panic!(
                "{} generated {} files instead of failing",
                self.path(),
                files.len()
            ),
            Err(diagnostics) => diagnostics.to_string(),
        }
    }
}

fn render(files: &[GeneratedFile]) -> String {
    let mut rendered = String::new();
    for file in files {
        rendered.push_str(&format!("=== {}\n", file.path.display()));
        rendered.push_str(&file.contents);
    }
    rendered
}

#[test]
fn objects() {
    insta::assert_snapshot!("objects", Fixture("objects").rendered());
}

#[test]
fn enums() {
    insta::assert_snapshot!("enums", Fixture("enums").rendered());
}

#[test]
fn operations() {
    insta::assert_snapshot!("operations", Fixture("operations").rendered());
}

#[test]
fn bodies() {
    insta::assert_snapshot!("bodies", Fixture("bodies").rendered());
}

#[test]
fn operation_shapes() {
    insta::assert_snapshot!("operation_shapes", Fixture("operation_shapes").rendered());
}

#[test]
fn unions() {
    insta::assert_snapshot!("unions", Fixture("unions").rendered());
}

#[test]
fn unions_invalid() {
    insta::assert_snapshot!("unions_invalid", Fixture("unions_invalid").diagnostics());
}

#[test]
fn compositions() {
    insta::assert_snapshot!("compositions", Fixture("compositions").rendered());
}

#[test]
fn awkward_names() {
    insta::assert_snapshot!("awkward_names", Fixture("awkward_names").rendered());
}

#[test]
fn local_references() {
    insta::assert_snapshot!("local_references", Fixture("local_references").rendered());
}

#[test]
fn invalid() {
    insta::assert_snapshot!("invalid", Fixture("invalid").diagnostics());
}

#[test]
fn malformed_shape() {
    insta::assert_snapshot!("malformed_shape", Fixture("malformed_shape").diagnostics());
}

#[test]
fn split_into_files() {
    insta::assert_snapshot!("split", Fixture("split/api").rendered());
}

#[test]
fn problems_in_referenced_files_name_them() {
    insta::assert_snapshot!(
        "split_problems",
        Fixture("split_problems/api").diagnostics()
    );
}

#[test]
fn references_that_cannot_be_followed() {
    insta::assert_snapshot!(
        "split_references",
        Fixture("split_references/api").diagnostics()
    );
}

#[test]
fn generation_is_deterministic() {
    for fixture in [
        Fixture("objects"),
        Fixture("enums"),
        Fixture("operations"),
        Fixture("operation_shapes"),
        Fixture("awkward_names"),
        Fixture("compositions"),
        Fixture("local_references"),
        Fixture("split/api"),
    ] {
        let first = fixture.rendered();
        let second = fixture.rendered();
        assert!(
            first == second,
            "{} generated different output on a second run",
            fixture.path()
        );
    }
    let fixture = Fixture("invalid");
    assert_eq!(fixture.diagnostics(), fixture.diagnostics());
}
