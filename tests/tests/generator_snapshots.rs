//! Snapshot tests of the generator: one small spec per construct in `fixtures/generator/`, its generated
//! files (or its diagnostics) compared with the snapshots in `snapshots/`.
//!
//! Update the snapshots with `INSTA_UPDATE=always cargo test -p tests --test generator_snapshots`, then
//! review every change.

use std::path::Path;

use openapi_rust_generator::{generate, Diagnostics, GeneratedFile, Settings};

/// The source of a fixture and the stable relative path it is reported under.
macro_rules! fixture {
    ($name:literal) => {
        Fixture {
            path: concat!("fixtures/generator/", $name, ".yaml"),
            source: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/fixtures/generator/",
                $name,
                ".yaml"
            )),
        }
    };
}

struct Fixture {
    path: &'static str,
    source: &'static str,
}

impl Fixture {
    fn generate(&self) -> Result<Vec<GeneratedFile>, Diagnostics> {
        generate(Path::new(self.path), self.source, &Settings::new(self.path))
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
                self.path,
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
    insta::assert_snapshot!("objects", fixture!("objects").rendered());
}

#[test]
fn enums() {
    insta::assert_snapshot!("enums", fixture!("enums").rendered());
}

#[test]
fn operations() {
    insta::assert_snapshot!("operations", fixture!("operations").rendered());
}

#[test]
fn awkward_names() {
    insta::assert_snapshot!("awkward_names", fixture!("awkward_names").rendered());
}

#[test]
fn invalid() {
    insta::assert_snapshot!("invalid", fixture!("invalid").diagnostics());
}

#[test]
fn malformed_shape() {
    insta::assert_snapshot!("malformed_shape", fixture!("malformed_shape").diagnostics());
}

#[test]
fn generation_is_deterministic() {
    for fixture in [
        fixture!("objects"),
        fixture!("enums"),
        fixture!("operations"),
        fixture!("awkward_names"),
    ] {
        let first = fixture.rendered();
        let second = fixture.rendered();
        assert!(
            first == second,
            "{} generated different output on a second run",
            fixture.path
        );
    }
    let fixture = fixture!("invalid");
    assert_eq!(fixture.diagnostics(), fixture.diagnostics());
}
