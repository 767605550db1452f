//! Rust identifiers from spec names: casing, keyword escaping and clash detection.

use std::collections::HashMap;

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::diagnostics::Collector;
use crate::pointer::JsonPointer;

/// Rust keywords, which need `r#` (or, where `r#` is not allowed, a trailing `_`).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "super", "Self"];

/// Names model files use unqualified; a spec type with one of these names would shadow them.
pub const RESERVED_TYPE_NAMES: &[&str] = &["Option", "String", "Vec", "Box", "Result", "From"];

/// `snake_case` name for a field, parameter, method or module; `None` when nothing usable is left.
pub fn snake(raw: &str) -> Option<String> {
    let name = raw.to_snake_case();
    if name.is_empty() {
        return None;
    }
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{name}")
    } else {
        name
    };
    Some(escape_keyword(name))
}

/// `snake_case` name for a module (a file): keywords get a trailing `_` rather than `r#`, so no module
/// is called `mod` and every file name is the module name.
pub fn module(raw: &str) -> Option<String> {
    snake(raw).map(|name| match name.strip_prefix("r#") {
        Some(keyword) => format!("{keyword}_"),
        None => name,
    })
}

/// `UpperCamelCase` name for a type or enum variant; `None` when nothing usable is left.
///
/// A name that would start with a digit (enum values such as `16k`) gets a `V` prefix.
pub fn camel(raw: &str) -> Option<String> {
    let name = raw.to_upper_camel_case();
    if name.is_empty() {
        return None;
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return Some(format!("V{name}"));
    }
    Some(escape_keyword(name))
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// An identifier given explicitly by the spec (`x-rust-name`, `x-enum-varnames`), checked to be usable
/// as is.
pub fn explicit(name: &str) -> Result<String, String> {
    let valid_start = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
    if !valid_start || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("`{name}` is not a Rust identifier"));
    }
    if KEYWORDS.contains(&name) || NOT_RAW.contains(&name) {
        return Err(format!("`{name}` is a Rust keyword"));
    }
    Ok(name.to_owned())
}

/// Who holds a name in a [`Namespace`].
#[derive(Debug)]
enum Holder {
    /// The spec item at this pointer.
    Spec(JsonPointer),
    /// The generator, for this reason.
    Reserved(&'static str),
}

/// One namespace of Rust names (the types of a crate, the fields of a struct...).
///
/// Two spec names that map to the same Rust name are a clash: both places are reported, and neither is
/// silently merged or renamed.
#[derive(Debug)]
pub struct Namespace {
    what: &'static str,
    remedy: &'static str,
    taken: HashMap<String, Holder>,
}

impl Namespace {
    /// An empty namespace; `what` names its members in messages ("type", "field"...), `remedy` says how
    /// the spec can resolve a clash.
    pub fn new(what: &'static str, remedy: &'static str) -> Self {
        Self {
            what,
            remedy,
            taken: HashMap::new(),
        }
    }

    /// Keeps `name` for the generator's own use.
    pub fn reserve(&mut self, name: &str, why: &'static str) {
        self.taken.insert(name.to_owned(), Holder::Reserved(why));
    }

    /// Whether `name` is neither reserved nor claimed.
    pub fn is_free(&self, name: &str) -> bool {
        !self.taken.contains_key(name)
    }

    /// Claims `name` for the spec item at `pointer`; reports a clash and returns false if it is taken.
    pub fn claim(&mut self, name: &str, pointer: &JsonPointer, problems: &mut Collector) -> bool {
        let what = self.what;
        match self.taken.get(name) {
            Some(Holder::Spec(first)) => {
                let remedy = self.remedy;
                problems.report(
                    pointer,
                    format!("{what} name `{name}` is already used by {first}; {remedy}"),
                );
                false
            }
            Some(Holder::Reserved(why)) => {
                let remedy = self.remedy;
                problems.report(
                    pointer,
                    format!("{what} name `{name}` is reserved: {why}; {remedy}"),
                );
                false
            }
            None => {
                self.taken
                    .insert(name.to_owned(), Holder::Spec(pointer.clone()));
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_keywords() {
        assert_eq!(snake("type").as_deref(), Some("r#type"));
        assert_eq!(snake("self").as_deref(), Some("self_"));
        assert_eq!(camel("self").as_deref(), Some("Self_"));
    }

    #[test]
    fn converts_awkward_names() {
        assert_eq!(snake("bf-error-rate").as_deref(), Some("bf_error_rate"));
        assert_eq!(snake("CN").as_deref(), Some("cn"));
        assert_eq!(snake("2fa").as_deref(), Some("n2fa"));
        assert_eq!(
            camel("appendfsync-every-sec").as_deref(),
            Some("AppendfsyncEverySec")
        );
        assert_eq!(camel("16k").as_deref(), Some("V16k"));
        assert_eq!(camel("--").as_deref(), None);
    }

    #[test]
    fn explicit_names_must_be_identifiers() {
        assert_eq!(explicit("Slots16k").as_deref(), Ok("Slots16k"));
        assert!(explicit("16k").is_err());
        assert!(explicit("my type").is_err());
        assert!(explicit("type").is_err());
        assert!(explicit("Self").is_err());
    }

    #[test]
    fn reports_both_places_of_a_clash() {
        let mut names = Namespace::new("field", "rename one");
        let mut problems = Collector::default();
        let first = JsonPointer::root().push("a-b");
        let second = JsonPointer::root().push("a_b");
        assert!(names.claim("a_b", &first, &mut problems));
        assert!(!names.claim("a_b", &second, &mut problems));
        let diagnostics = problems.into_diagnostics(&crate::load::Origins::new("spec.yaml".into()));
        assert_eq!(diagnostics.problems[0].pointer, second);
        assert!(diagnostics.problems[0].message.contains("#/a-b"));
    }
}
