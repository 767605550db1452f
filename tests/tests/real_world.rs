//! The generator on real-world OpenAPI 3.0 documents that nobody in this project wrote
//! (`tests/fixtures/real-world/`, listed with their origin and licence in its README): each one either
//! generates a crate that builds without a single clippy warning, or is refused with one single-line
//! problem per cause, each at its JSON pointer.

mod generated_crates;

use generated_crates::{cargo, generate, workspace};
use xtask::CodegenError;

/// What the generator does with a document today.
enum Expect {
    /// It generates a crate that builds without warnings.
    Builds,
    /// It refuses the document, every problem at a pointer holding this text (README: "Real-world
    /// documents" says why).
    Refused(&'static str),
}

/// Each document's file in `tests/fixtures/real-world/`, and what the generator does with it.
const DOCUMENTS: &[(&str, Expect)] = &[
    ("asana.json", Expect::Builds),
    ("biolink.json", Expect::Builds),
    ("bungie.json", Expect::Builds),
    // Discriminator mappings into files the bundler left out, or to nothing: errors of the document.
    (
        "digitalocean.json",
        Expect::Refused("/discriminator/mapping/"),
    ),
    ("gitea.json", Expect::Builds),
    ("osf.json", Expect::Builds),
    ("square.json", Expect::Builds),
    ("twilio.json", Expect::Builds),
    ("velo-payments.json", Expect::Builds),
];

#[test]
fn every_vendored_document_is_listed() {
    let mut files: Vec<String> = std::fs::read_dir(workspace().join("tests/fixtures/real-world"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json") || name.ends_with(".yaml"))
        .collect();
    files.sort();
    let listed: Vec<&str> = DOCUMENTS.iter().map(|(file, _)| *file).collect();
    assert_eq!(files, listed);
}

#[test]
fn real_world_documents_build_or_are_refused_one_line_per_problem() {
    for (file, expect) in DOCUMENTS {
        let spec = workspace().join("tests/fixtures/real-world").join(file);
        let name = file.trim_end_matches(".json").trim_end_matches(".yaml");
        match (generate(name, spec), expect) {
            (Ok(crate_dir), Expect::Builds) => {
                cargo(&crate_dir, file, &["clippy", "--", "-D", "warnings"]);
            }
            (Err(CodegenError::Spec(diagnostics)), Expect::Refused(at)) => {
                assert!(!diagnostics.problems.is_empty(), "{file}");
                for problem in &diagnostics.problems {
                    assert!(
                        problem.pointer.to_string().contains(at),
                        "{file}: {}: refused for another reason than expected: {}",
                        problem.pointer,
                        problem.message
                    );
                    assert!(
                        !problem.message.is_empty() && !problem.message.contains('\n'),
                        "{file}: {}: a problem takes one line: {:?}",
                        problem.pointer,
                        problem.message
                    );
                }
            }
            (Ok(_), Expect::Refused(_)) => {
                panic!("{file} now generates: list it as `Expect::Builds`")
            }
            (Err(error), _) => panic!("{error}"),
        }
    }
}
