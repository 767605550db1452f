//! The names the generator keeps free for the runtime are the runtime's names: a group accessor named
//! after a method of `Client`, or a parameter setter named after a method of `Request`, would not
//! compile.

use std::collections::BTreeSet;
use std::path::Path;

use openapi_rust_generator::model::{BUILDER_MEMBERS, CLIENT_METHODS};

/// The methods of every `impl` block of the runtime's sources whose first line `opens`.
fn runtime_methods(opens: impl Fn(&str) -> bool) -> BTreeSet<String> {
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated-client/src/runtime");
    let mut methods = BTreeSet::new();
    for entry in std::fs::read_dir(runtime).unwrap() {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let mut inside = false;
        for line in source.lines() {
            if line.starts_with("impl") && opens(line) {
                inside = true;
            } else if inside && line.starts_with('}') {
                inside = false;
            } else if inside
                && line.starts_with("    ")
                && !line.starts_with("     ")
                && !line.trim_start().starts_with("//")
            {
                let Some((_, rest)) = line.split_once("fn ") else {
                    continue;
                };
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                methods.insert(name);
            }
        }
    }
    methods
}

#[test]
fn reserved_accessor_names_are_the_client_methods() {
    let runtime = runtime_methods(|line| line == "impl Client {");
    assert!(
        runtime.contains("builder") && runtime.contains("raw"),
        "{runtime:?}"
    );
    let reserved: BTreeSet<String> = CLIENT_METHODS.iter().map(|name| name.to_string()).collect();
    assert_eq!(reserved, runtime);
}

#[test]
fn reserved_setter_names_hold_the_request_methods() {
    // Inherent methods only: a setter takes precedence over a trait method of the same name.
    let runtime =
        runtime_methods(|line| line.ends_with(" Request<E> {") && !line.contains(" for "));
    assert!(
        runtime.contains("send") && runtime.contains("timeout"),
        "{runtime:?}"
    );
    let reserved: BTreeSet<String> = BUILDER_MEMBERS
        .iter()
        .map(|name| name.to_string())
        .collect();
    let unreserved: Vec<&String> = runtime.difference(&reserved).collect();
    assert!(unreserved.is_empty(), "not reserved: {unreserved:?}");
}
