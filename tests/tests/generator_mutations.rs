//! A property test of the generator on broken documents: the generator fixtures and a real-world
//! document, mutated at random (members removed, retyped, duplicated, renamed or moved, references
//! broken), go through the whole pipeline (load, validate, model, emit), and so do a few pathological
//! documents (deep nesting, long names, reference cycles). Whatever the document, the generator
//!
//! - does not panic;
//! - generates files, or reports at least one problem;
//! - reports each problem in one line, in a file of the spec (the mutated root file, or another file of
//!   a split spec), at a pointer into that file as the generator read it, so a reader can go to it:
//!   the pointer resolves (mapping keys read as text, as YAML lets a status code be a number), or it
//!   names a missing member, its last segment absent from the mapping the rest resolves to (a required
//!   member may be reported where it belongs);
//! - never reports an internal error (emitted code that does not parse);
//! - gives the same result when run twice on the same document.
//!
//! The run is reproducible: a fixed RNG seed and 256 cases (4 of the real-world document), unless
//! `PROPTEST_RNG_SEED` and `PROPTEST_CASES` say otherwise (`PROPTEST_CASES=20000 cargo test -p tests
//! --test generator_mutations` searches longer). A failure prints the mutations and the mutated
//! document: saved to a file (beside the root file it replaces, for a split spec), it replays with
//! `cargo xtask codegen --spec FILE --out DIR`. A stack overflow aborts the test before it can print
//! anything: with `MUTATED_DOCUMENT_FILE=FILE`, each document is written there before the generator
//! reads it.

use std::collections::HashMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use openapi_rust_generator::{generate, Diagnostics, GeneratedFile, Settings};
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use serde_json::json;
use serde_yaml::{Mapping, Value};

/// The fixtures the mutations start from: those that generate, and those whose problems are already
/// known (a mutation may as well hide or add some). Of a spec split into files, the root file is
/// mutated, and the others are read from the disk as they are.
const SEEDS: [&str; 13] = [
    "objects",
    "enums",
    "operations",
    "bodies",
    "unions",
    "awkward_names",
    "local_references",
    "invalid",
    "unions_invalid",
    "malformed_shape",
    "split/api",
    "split_problems/api",
    "split_references/api",
];

/// Where the pathological documents claim to be: a directory that does not exist.
const PATHOLOGICAL: &str = "pathological/api.json";

#[test]
fn mutated_documents_get_files_or_located_problems() {
    let seeds = SEEDS
        .iter()
        .map(|fixture| seed(&format!("generator/{fixture}.yaml")))
        .collect();
    mutate_and_check(seeds, Config::default().cases);
}

/// A real-world document (350 KB, 346 operations) brings constructs and combinations the fixtures lack,
/// but takes a second per case in a debug build: a few cases here, more with `PROPTEST_CASES`.
#[test]
fn mutated_real_world_document_gets_files_or_located_problems() {
    let cases = Config::default().cases / 64;
    mutate_and_check(vec![seed("real-world/gitea.json")], cases.max(1));
}

/// Nesting as deep as the YAML reader allows (it refuses deeper documents, with a located problem),
/// long names, and cycles through every kind of schema reference: no stack overflow, no hang.
#[test]
fn pathological_documents_get_files_or_located_problems() {
    let mut documents = Vec::new();
    for depth in [40, 200] {
        for wrap in [
            |inner| json!({"type": "array", "items": inner}),
            |inner| json!({"type": "object", "properties": {"a": inner}}),
            |inner| json!({"type": "object", "additionalProperties": inner}),
            |inner| json!({"allOf": [inner]}),
            |inner| json!({"oneOf": [inner, {"type": "integer"}]}),
        ] {
            let deep = (0..depth).fold(json!({"type": "string"}), |inner, _| wrap(inner));
            documents.push(api(json!({"Deep": deep}), &["Deep"]));
        }
    }
    let long = "n".repeat(200);
    documents.push(api(
        json!({&long: {"type": "object", "properties": {&long: {"enum": [&long]}}}}),
        &[&long],
    ));
    let cycles = json!({
        "AllOf": {"allOf": [reference("AllOf")]},
        "OneOf": {"oneOf": [reference("OneOf"), {"type": "string"}]},
        "AnyOf": {"anyOf": [reference("AnyOf")]},
        "Map": {"type": "object", "additionalProperties": reference("Map")},
        "Items": {"type": "array", "items": reference("ItemsAllOf")},
        "ItemsAllOf": {"allOf": [reference("Items")]},
        "Property": {"type": "object", "properties": {"next": {"allOf": [reference("Property")]}}},
        "Union": {"oneOf": [reference("UnionAllOf"), {"type": "string"}]},
        "UnionAllOf": {"allOf": [reference("Union")]},
        "Itself": reference("Itself"),
    });
    let names: Vec<&str> = cycles
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for name in &names {
        documents.push(api(cycles.clone(), &[name]));
    }
    documents.push(api(cycles.clone(), &names));
    let many: serde_json::Map<String, serde_json::Value> = (0..60)
        .map(|index| {
            let fields: serde_json::Map<String, serde_json::Value> = (1..=10)
                .map(|step| {
                    (
                        format!("f{step}"),
                        reference(&format!("S{}", (index + step) % 60)),
                    )
                })
                .collect();
            (
                format!("S{index}"),
                json!({"type": "object", "properties": fields}),
            )
        })
        .collect();
    documents.push(api(serde_json::Value::Object(many), &["S0"]));
    for document in documents {
        let text = document.to_string();
        if let Err(failure) = check(Path::new(PATHOLOGICAL), &text) {
            panic!("{}", failure_report(&failure, &text));
        }
    }
}

/// A document with `schemas`, and one operation returning an object with a member of each of `used`.
fn api(schemas: serde_json::Value, used: &[&str]) -> serde_json::Value {
    let members: serde_json::Map<String, serde_json::Value> = used
        .iter()
        .map(|name| (name.to_string(), reference(name)))
        .collect();
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Pathological", "version": "1"},
        "paths": {"/things": {"get": {
            "operationId": "things_get",
            "responses": {"200": {
                "description": "The things.",
                "content": {"application/json": {"schema": {"type": "object", "properties": members}}},
            }},
        }}},
        "components": {"schemas": schemas},
    })
}

fn reference(schema: &str) -> serde_json::Value {
    json!({"$ref": format!("#/components/schemas/{schema}")})
}

/// Runs `cases` cases, each a document of `seeds` with one to four mutations.
fn mutate_and_check(seeds: Vec<(String, Value)>, cases: u32) {
    let mut config = Config::with_cases(cases);
    if config.rng_seed == RngSeed::Random {
        config.rng_seed = RngSeed::Fixed(16);
    }
    let rng_seed = config.rng_seed;
    // The fixed seed replays every failure; a regression file would only repeat it.
    config.failure_persistence = None;
    let cases = (0..seeds.len(), prop::collection::vec(mutation(), 1..=4));
    let result = TestRunner::new(config).run(&cases, |(seed, mutations)| {
        let (root, document) = &seeds[seed];
        let mut document = document.clone();
        for mutation in &mutations {
            mutation.apply(&mut document);
        }
        let text = serde_yaml::to_string(&document).expect("a YAML value serializes");
        let replay = format!("# {root}, {mutations:?}\n{text}");
        if let Some(file) = std::env::var_os("MUTATED_DOCUMENT_FILE") {
            std::fs::write(&file, &replay).expect("the document file can be written");
        }
        check(Path::new(root), &text)
            .map_err(|failure| TestCaseError::fail(failure_report(&failure, &replay)))
    });
    if let Err(error) = result {
        panic!("{error}\n(RNG seed: {rng_seed:?})");
    }
}

/// What failed and on which document: in full when it is short, else in a file.
fn failure_report(failure: &str, replay: &str) -> String {
    if replay.len() < 16 * 1024 {
        return format!("{failure}\n--- document\n{replay}---");
    }
    let file = std::env::temp_dir().join("generator_mutations_failure.yaml");
    match std::fs::write(&file, replay) {
        Ok(()) => format!("{failure}\nthe document is in {}", file.display()),
        Err(error) => format!("{failure}\n(the document could not be saved: {error})"),
    }
}

/// A fixture, by its path under `fixtures/`, and its contents.
fn seed(fixture: &str) -> (String, Value) {
    let path = format!("fixtures/{fixture}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    let document = serde_yaml::from_str(&text).unwrap_or_else(|error| panic!("{path}: {error}"));
    (path, document)
}

/// Runs the generator twice on `text`, the root file `root` of a spec, and checks the properties above.
fn check(root: &Path, text: &str) -> Result<(), String> {
    let first = run(root, text)?;
    if run(root, text)? != first {
        return Err("a second run on the same document gave another result".into());
    }
    match first {
        Ok(files) if files.is_empty() => Err("neither files nor problems".into()),
        Ok(_) => Ok(()),
        Err(diagnostics) => check_problems(&diagnostics, root, text),
    }
}

type Outcome = Result<Vec<GeneratedFile>, Diagnostics>;

/// The generator's result, or the panic it raised, as an error.
fn run(root: &Path, text: &str) -> Result<Outcome, String> {
    let settings = Settings::new(root.display().to_string());
    panic::catch_unwind(AssertUnwindSafe(|| generate(root, text, &settings))).map_err(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("(not a string)");
        format!("the generator panicked: {message}")
    })
}

/// Checks the problems of the spec whose root file `root` has the text `text`; the other files are
/// read from the disk.
fn check_problems(diagnostics: &Diagnostics, root: &Path, text: &str) -> Result<(), String> {
    if diagnostics.problems.is_empty() {
        return Err("an error without any problem".into());
    }
    let mut files: HashMap<&Path, Option<Value>> = HashMap::new();
    for problem in &diagnostics.problems {
        let located = format!(
            "{}{}: {}",
            problem.file.display(),
            problem.pointer,
            problem.message
        );
        if problem.message.trim().is_empty() || problem.message.contains(['\n', '\r']) {
            return Err(format!("a message that is not one line: {located:?}"));
        }
        if problem.message.starts_with("internal error") {
            return Err(format!("an internal error: {located}"));
        }
        let document = files.entry(&problem.file).or_insert_with(|| {
            let text = if problem.file == root {
                Some(text.to_owned())
            } else {
                std::fs::read_to_string(&problem.file).ok()
            };
            text.map(|text| serde_yaml::from_str(&text).unwrap_or(Value::Null))
        });
        let Some(document) = document else {
            return Err(format!(
                "a problem in a file that does not exist: {located}"
            ));
        };
        if !locates(document, &problem.pointer.to_string()) {
            return Err(format!("a pointer into nothing: {located}"));
        }
    }
    Ok(())
}

/// Whether `pointer` (`#/a/b`, RFC 6901) designates a value of `document` or a member missing from one
/// of its mappings.
fn locates(document: &Value, pointer: &str) -> bool {
    let Some(path) = pointer.strip_prefix('#') else {
        return false;
    };
    let segments: Vec<String> = path
        .split('/')
        .skip(1)
        .map(|segment| segment.replace("~1", "/").replace("~0", "~"))
        .collect();
    let Some((last, parent)) = segments.split_last() else {
        return path.is_empty();
    };
    match parent.iter().try_fold(document, child) {
        Some(Value::Mapping(_)) => true,
        Some(parent) => child(parent, last).is_some(),
        None => false,
    }
}

/// The value of `node` at `segment`, a key of a mapping or an index of a sequence.
fn child<'a>(node: &'a Value, segment: &String) -> Option<&'a Value> {
    match node {
        Value::Mapping(mapping) => mapping
            .iter()
            .find_map(|(key, value)| (key_text(key) == *segment).then_some(value)),
        Value::Sequence(items) => items.get(segment.parse::<usize>().ok()?),
        _ => None,
    }
}

/// A mapping key as a pointer segment spells it.
fn key_text(key: &Value) -> String {
    match key {
        Value::String(text) => text.clone(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_owned(),
    }
}

/// One change to a document. Each picks the node it changes with an [`Index`] into the candidate nodes
/// (in document order), so a mutation applies to any document and shrinks towards its first node.
#[derive(Debug, Clone)]
enum Mutation {
    /// Removes a member of a mapping or an item of a sequence.
    Remove(Index),
    /// Replaces a value with one of a type it may not have.
    Retype(Index, Replacement),
    /// Replaces a scalar with a word OpenAPI gives a meaning to, likely out of place.
    Reword(Index, &'static str),
    /// Copies a member under another key, or an item next to itself.
    Duplicate(Index),
    /// Gives a member another key.
    Rename(Index, NewKey),
    /// Replaces the value at the first index with a copy of the value at the second.
    Transplant(Index, Index),
    /// Makes a reference unfollowable, or adds such a reference to a mapping without one.
    BreakReference(Index, Breakage),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::Remove),
        (any::<Index>(), select(&Replacement::ALL[..]))
            .prop_map(|(at, value)| Mutation::Retype(at, value)),
        (any::<Index>(), select(&WORDS[..])).prop_map(|(at, word)| Mutation::Reword(at, word)),
        any::<Index>().prop_map(Mutation::Duplicate),
        (any::<Index>(), select(&NewKey::ALL[..])).prop_map(|(at, key)| Mutation::Rename(at, key)),
        (any::<Index>(), any::<Index>()).prop_map(|(to, from)| Mutation::Transplant(to, from)),
        (any::<Index>(), select(&Breakage::ALL[..]))
            .prop_map(|(at, breakage)| Mutation::BreakReference(at, breakage)),
    ]
}

/// A step from a value to one of its children.
#[derive(Debug, Clone)]
enum Step {
    Member(Value),
    Item(usize),
}

impl Mutation {
    fn apply(&self, document: &mut Value) {
        let nodes = nodes(document);
        // The path of the node `at` designates among those `keep` accepts.
        let pick = |at: &Index, keep: fn(&[Step], &Value) -> bool| {
            let candidates: Vec<&Vec<Step>> = nodes
                .iter()
                .filter(|path| node(document, path).is_some_and(|value| keep(path, value)))
                .collect();
            (!candidates.is_empty()).then(|| at.get(&candidates).to_vec())
        };
        match self {
            Mutation::Remove(at) => {
                if let Some(path) = pick(at, |path, _| !path.is_empty()) {
                    remove(document, &path);
                }
            }
            Mutation::Retype(at, replacement) => {
                if let Some(path) = pick(at, |_, _| true) {
                    replace(document, &path, replacement.value());
                }
            }
            Mutation::Reword(at, word) => {
                let scalar =
                    |_: &[Step], value: &Value| !value.is_mapping() && !value.is_sequence();
                if let Some(path) = pick(at, scalar) {
                    replace(document, &path, Value::from(*word));
                }
            }
            Mutation::Duplicate(at) => {
                if let Some(path) = pick(at, |path, _| !path.is_empty()) {
                    duplicate(document, &path);
                }
            }
            Mutation::Rename(at, new_key) => {
                let member =
                    |path: &[Step], _: &Value| matches!(path.last(), Some(Step::Member(_)));
                if let Some(path) = pick(at, member) {
                    rename(document, &path, *new_key);
                }
            }
            Mutation::Transplant(to, from) => {
                let copy = pick(from, |_, _| true).and_then(|path| node(document, &path).cloned());
                if let (Some(path), Some(copy)) = (pick(to, |_, _| true), copy) {
                    replace(document, &path, copy);
                }
            }
            Mutation::BreakReference(at, breakage) => {
                let path = pick(at, |_, value| value.get("$ref").is_some())
                    .or_else(|| pick(at, |_, value| value.is_mapping()));
                if let Some(path) = path {
                    let target = breakage.target(&path);
                    if let Some(Value::Mapping(mapping)) = node_mut(document, &path) {
                        mapping.insert("$ref".into(), target);
                    }
                }
            }
        }
    }
}

/// Removes the member or item at `path` (not the root).
fn remove(document: &mut Value, path: &[Step]) {
    let Some((last, parent)) = path.split_last() else {
        return;
    };
    match (node_mut(document, parent), last) {
        (Some(Value::Mapping(mapping)), Step::Member(key)) => {
            mapping.shift_remove(key);
        }
        (Some(Value::Sequence(items)), Step::Item(index)) => {
            items.remove(*index);
        }
        _ => {}
    }
}

fn replace(document: &mut Value, path: &[Step], value: Value) {
    if let Some(node) = node_mut(document, path) {
        *node = value;
    }
}

/// Copies the member at `path` under its key with `_copy` appended, or the item next to itself.
fn duplicate(document: &mut Value, path: &[Step]) {
    let Some((last, parent)) = path.split_last() else {
        return;
    };
    match (node_mut(document, parent), last) {
        (Some(Value::Mapping(mapping)), Step::Member(key)) => {
            if let Some(copy) = mapping.get(key).cloned() {
                mapping.insert(format!("{}_copy", key_text(key)).into(), copy);
            }
        }
        (Some(Value::Sequence(items)), Step::Item(index)) => {
            items.insert(*index + 1, items[*index].clone());
        }
        _ => {}
    }
}

/// Gives the member at `path` a new key, in place.
fn rename(document: &mut Value, path: &[Step], new_key: NewKey) {
    let Some((Step::Member(key), parent)) = path.split_last() else {
        return;
    };
    if let Some(Value::Mapping(mapping)) = node_mut(document, parent) {
        let renamed = new_key.for_member(key, mapping);
        *mapping = mapping
            .iter()
            .map(|(k, v)| (if k == key { &renamed } else { k }, v))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
    }
}

/// The path of every node of `document`, in document order, the root first.
fn nodes(document: &Value) -> Vec<Vec<Step>> {
    let mut paths = vec![Vec::new()];
    let mut next = 0;
    while next < paths.len() {
        let path: Vec<Step> = paths[next].clone();
        let steps: Vec<Step> = match node(document, &path) {
            Some(Value::Mapping(mapping)) => mapping.keys().cloned().map(Step::Member).collect(),
            Some(Value::Sequence(items)) => (0..items.len()).map(Step::Item).collect(),
            _ => Vec::new(),
        };
        paths.extend(steps.into_iter().map(|step| {
            let mut child = path.clone();
            child.push(step);
            child
        }));
        next += 1;
    }
    paths
}

fn node<'a>(document: &'a Value, path: &[Step]) -> Option<&'a Value> {
    path.iter()
        .try_fold(document, |node, step| match (node, step) {
            (Value::Mapping(mapping), Step::Member(key)) => mapping.get(key),
            (Value::Sequence(items), Step::Item(index)) => items.get(*index),
            _ => None,
        })
}

fn node_mut<'a>(document: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter()
        .try_fold(document, |node, step| match (node, step) {
            (Value::Mapping(mapping), Step::Member(key)) => mapping.get_mut(key),
            (Value::Sequence(items), Step::Item(index)) => items.get_mut(*index),
            _ => None,
        })
}

/// The pointer to the node at `path`, as a `$ref` spells it.
fn pointer(path: &[Step]) -> String {
    path.iter().fold("#".to_owned(), |pointer, step| {
        let segment = match step {
            Step::Member(key) => key_text(key),
            Step::Item(index) => index.to_string(),
        };
        format!(
            "{pointer}/{}",
            segment.replace('~', "~0").replace('/', "~1")
        )
    })
}

/// A value to put where another was.
#[derive(Debug, Clone, Copy)]
enum Replacement {
    Null,
    Bool,
    Integer,
    Float,
    Text,
    EmptyMapping,
    Mapping,
    EmptySequence,
    Sequence,
}

impl Replacement {
    const ALL: [Replacement; 9] = [
        Replacement::Null,
        Replacement::Bool,
        Replacement::Integer,
        Replacement::Float,
        Replacement::Text,
        Replacement::EmptyMapping,
        Replacement::Mapping,
        Replacement::EmptySequence,
        Replacement::Sequence,
    ];

    fn value(self) -> Value {
        match self {
            Replacement::Null => Value::Null,
            Replacement::Bool => Value::Bool(true),
            Replacement::Integer => Value::from(-1),
            Replacement::Float => Value::from(1.5),
            Replacement::Text => Value::from("text"),
            Replacement::EmptyMapping => Value::Mapping(Mapping::new()),
            Replacement::Mapping => Value::Mapping(
                [(Value::from("type"), Value::from("string"))]
                    .into_iter()
                    .collect(),
            ),
            Replacement::EmptySequence => Value::Sequence(Vec::new()),
            Replacement::Sequence => Value::Sequence(vec![Value::from("text")]),
        }
    }
}

/// Words with a meaning in OpenAPI: types, formats, parameter locations, status codes, media types.
const WORDS: [&str; 22] = [
    "object",
    "array",
    "string",
    "integer",
    "number",
    "boolean",
    "null",
    "int8",
    "int64",
    "date-time",
    "binary",
    "password",
    "query",
    "header",
    "path",
    "cookie",
    "200",
    "default",
    "2XX",
    "multipart/form-data",
    "text/plain",
    "",
];

/// A key to give a member.
#[derive(Debug, Clone, Copy)]
enum NewKey {
    Empty,
    Keyword,
    Punctuated,
    NonAscii,
    Long,
    Number,
    Uppercase,
    /// The key of the member before it, which it then replaces.
    PreviousSibling,
}

impl NewKey {
    const ALL: [NewKey; 8] = [
        NewKey::Empty,
        NewKey::Keyword,
        NewKey::Punctuated,
        NewKey::NonAscii,
        NewKey::Long,
        NewKey::Number,
        NewKey::Uppercase,
        NewKey::PreviousSibling,
    ];

    fn for_member(self, key: &Value, mapping: &Mapping) -> Value {
        match self {
            NewKey::Empty => Value::from(""),
            NewKey::Keyword => Value::from("type"),
            NewKey::Punctuated => Value::from("a/b~c {d}.e-f"),
            NewKey::NonAscii => Value::from("clé_ü"),
            NewKey::Long => Value::from("long".repeat(100)),
            NewKey::Number => Value::from(200),
            NewKey::Uppercase => Value::from(key_text(key).to_uppercase()),
            NewKey::PreviousSibling => mapping
                .keys()
                .take_while(|sibling| *sibling != key)
                .last()
                .unwrap_or(key)
                .clone(),
        }
    }
}

/// Where to point a reference so that it cannot be followed to what it should designate.
#[derive(Debug, Clone, Copy)]
enum Breakage {
    Dangling,
    NotAPointer,
    BadEscape,
    NotASchema,
    WholeDocument,
    /// The mapping holding the reference.
    Itself,
    /// The value holding that mapping, a cycle through `items`, `properties`, `allOf`...
    Parent,
    OtherFile,
    Url,
    NotText,
}

impl Breakage {
    const ALL: [Breakage; 10] = [
        Breakage::Dangling,
        Breakage::NotAPointer,
        Breakage::BadEscape,
        Breakage::NotASchema,
        Breakage::WholeDocument,
        Breakage::Itself,
        Breakage::Parent,
        Breakage::OtherFile,
        Breakage::Url,
        Breakage::NotText,
    ];

    /// The new target of the reference held by the mapping at `path`.
    fn target(self, path: &[Step]) -> Value {
        match self {
            Breakage::Dangling => Value::from("#/components/schemas/Missing"),
            Breakage::NotAPointer => Value::from("#components/schemas"),
            Breakage::BadEscape => Value::from("#/components/a~2b/%zz"),
            Breakage::NotASchema => Value::from("#/info"),
            Breakage::WholeDocument => Value::from("#"),
            Breakage::Itself => Value::from(pointer(path)),
            Breakage::Parent => Value::from(pointer(&path[..path.len().saturating_sub(1)])),
            Breakage::OtherFile => Value::from("missing.yaml#/components/schemas/Missing"),
            Breakage::Url => Value::from("https://example.com/api.yaml#/components/schemas/A"),
            Breakage::NotText => Value::from(7),
        }
    }
}
