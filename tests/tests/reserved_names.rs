//! The names the generator keeps free for the runtime are the runtime's names: a group accessor named
//! after a method of `Client` would not compile.

use std::collections::BTreeSet;
use std::path::Path;

use openapi_rust_generator::model::CLIENT_METHODS;

/// The methods of every `impl Client` block of the runtime's sources.
fn runtime_client_methods() -> BTreeSet<String> {
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated-client/src/runtime");
    let mut methods = BTreeSet::new();
    for entry in std::fs::read_dir(runtime).unwrap() {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let mut inside = false;
        for line in source.lines() {
            if line.starts_with("impl Client {") {
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
    let runtime = runtime_client_methods();
    assert!(
        runtime.contains("builder") && runtime.contains("raw"),
        "{runtime:?}"
    );
    let reserved: BTreeSet<String> = CLIENT_METHODS.iter().map(|name| name.to_string()).collect();
    assert_eq!(reserved, runtime);
}
