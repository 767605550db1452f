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

/// `raw` in `snake_case`, as `heck` writes it. Most names of a spec already are (`shard_uids`), and
/// `heck` would take them apart and write them again character by character, a third of the model
/// step: those are kept as they are.
pub fn snake_case(raw: &str) -> String {
    if is_snake_case(raw) {
        raw.to_owned()
    } else {
        raw.to_snake_case()
    }
}

/// Whether `raw` is lowercase ASCII words and digits joined by single underscores, which `heck`
/// reads as those words.
fn is_snake_case(raw: &str) -> bool {
    raw.split('_').all(|word| {
        !word.is_empty()
            && word
                .bytes()
                .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit())
    })
}

/// `raw` in `UpperCamelCase`, as `heck` writes it, keeping names that already are as they are and
/// writing `snake_case` ones word by word (see [`snake_case`]). `heck` lowercases an uppercase letter
/// that follows another, digits between them or not (`HTTPServer`, `A1B`), so such names go through
/// it.
fn upper_camel_case(raw: &str) -> String {
    if is_snake_case(raw) {
        let mut name = String::with_capacity(raw.len());
        for word in raw.split('_') {
            name.push(word.as_bytes()[0].to_ascii_uppercase().into());
            name.push_str(&word[1..]);
        }
        return name;
    }
    let letters = raw.bytes().filter(u8::is_ascii_alphabetic);
    let uppercase_run = letters
        .clone()
        .zip(letters.skip(1))
        .any(|(letter, next)| letter.is_ascii_uppercase() && next.is_ascii_uppercase());
    let is_camel_case = raw.starts_with(|c: char| c.is_ascii_uppercase())
        && raw.bytes().all(|byte| byte.is_ascii_alphanumeric())
        && !uppercase_run;
    if is_camel_case {
        raw.to_owned()
    } else {
        raw.to_upper_camel_case()
    }
}

/// `snake_case` name for a field, parameter, method or module; `None` when nothing usable is left.
pub fn snake(raw: &str) -> Option<String> {
    let name = snake_case(raw);
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

/// The longest name of a model module. Names of nested schemas grow with their nesting (Twilio's
/// reach 125 characters), and file systems refuse names over 255 bytes; Windows checkouts, paths over
/// 260 characters.
const MAX_MODEL_MODULE: usize = 96;

/// [`module`] for the file of the model type `raw`, cut after its last whole word that fits in
/// [`MAX_MODEL_MODULE`] bytes. Types whose names share that beginning share a file, which changes
/// nothing for their users: `models` exports every type.
pub fn model_module(raw: &str) -> Option<String> {
    let name = module(raw)?;
    if name.len() <= MAX_MODEL_MODULE {
        return Some(name);
    }
    let mut end = MAX_MODEL_MODULE;
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    let cut = match name[..end].rfind('_') {
        Some(word_end) if word_end > 0 => &name[..word_end],
        _ => &name[..end],
    };
    module(cut)
}

/// `UpperCamelCase` name for a type or enum variant; `None` when nothing usable is left.
///
/// A name that would start with a digit (enum values such as `16k`) gets a `V` prefix.
pub fn camel(raw: &str) -> Option<String> {
    let name = upper_camel_case(raw);
    if name.is_empty() {
        return None;
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return Some(format!("V{name}"));
    }
    Some(escape_keyword(name))
}

/// Words for the symbols a name may be made of, to name values such as `*`, `-` or `<=`.
const SYMBOLS: &[(char, &str)] = &[
    ('_', "underscore"),
    ('-', "minus"),
    ('+', "plus"),
    ('*', "asterisk"),
    ('/', "slash"),
    ('\\', "backslash"),
    ('.', "dot"),
    (',', "comma"),
    (':', "colon"),
    (';', "semicolon"),
    ('=', "equals"),
    ('<', "less than"),
    ('>', "greater than"),
    ('!', "exclamation"),
    ('?', "question"),
    ('@', "at"),
    ('#', "hash"),
    ('$', "dollar"),
    ('%', "percent"),
    ('&', "ampersand"),
    ('|', "pipe"),
    ('^', "caret"),
    ('~', "tilde"),
    (' ', "space"),
    ('(', "open paren"),
    (')', "close paren"),
    ('[', "open bracket"),
    (']', "close bracket"),
    ('{', "open brace"),
    ('}', "close brace"),
    ('\'', "quote"),
    ('"', "double quote"),
    ('`', "backtick"),
];

/// `raw` with each symbol spelled out as words (`<=` -> `less than equals`, `""` -> `empty`), for a
/// name made only of symbols, or one whose plain name another takes (`_id` beside `id`).
fn spelled(raw: &str) -> String {
    if raw.is_empty() {
        return "empty".to_owned();
    }
    spell(raw, |_| true)
}

/// The symbols that tell names apart as operators (`created<`, `created>=`, `created`), which
/// [`spell_operators`] spells out in every name.
const OPERATORS: &[char] = &['<', '>', '=', '!', '+'];

/// `raw` with its operators spelled out, in the words of [`spelled`] (`created<=` -> `created less
/// than equals`): snake and camel case would drop them, and names that differ only by them would
/// become one.
pub fn spell_operators(raw: &str) -> String {
    spell(raw, |c| OPERATORS.contains(&c))
}

/// `raw` with the symbols `spell_out` picks written as words; when it picks every character, the
/// characters without a word are written as their code point (`u2603`).
fn spell(raw: &str, spell_out: impl Fn(char) -> bool) -> String {
    let mut words = String::with_capacity(raw.len());
    for c in raw.chars() {
        if !spell_out(c) || c.is_alphanumeric() {
            words.push(c);
            continue;
        }
        match SYMBOLS.iter().find(|(symbol, _)| *symbol == c) {
            Some((_, word)) => {
                words.push(' ');
                words.push_str(word);
                words.push(' ');
            }
            None => words.push_str(&format!(" u{:x} ", u32::from(c))),
        }
    }
    words
}

/// [`snake`] of `raw` with its symbols spelled out: never empty.
pub fn snake_spelled(raw: &str) -> String {
    snake(&spelled(raw)).unwrap_or_else(|| "empty".to_owned())
}

/// [`camel`] of `raw` with its symbols spelled out: never empty.
pub fn camel_spelled(raw: &str) -> String {
    camel(&spelled(raw)).unwrap_or_else(|| "Empty".to_owned())
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

/// A name a spec item asks for in a [`Namespace`].
#[derive(Debug, Clone)]
pub struct Wanted {
    /// Names in order of preference; never empty.
    pub candidates: Vec<String>,
    /// Whether the spec writes the first candidate as it is, so that it wins a clash.
    pub exact: bool,
}

impl Wanted {
    /// A name the spec gives explicitly (`x-rust-name` and the like).
    pub fn explicit(name: String) -> Self {
        Self {
            candidates: vec![name],
            exact: true,
        }
    }

    /// The name derived from the spec name `raw` by `convert` (`snake`, `camel`), with the name
    /// spelling out its symbols (`spell`) as a second choice; exact when it is `raw` itself.
    pub fn derived(
        raw: &str,
        convert: fn(&str) -> Option<String>,
        spell: fn(&str) -> String,
    ) -> Self {
        let converted = convert(raw);
        // An exact name is claimed as it is, never its second choice.
        if let Some(name) = converted.as_ref() {
            if name.trim_start_matches("r#") == raw {
                return Self {
                    candidates: vec![name.clone()],
                    exact: true,
                };
            }
        }
        let spelled = spell(raw);
        let name = converted.unwrap_or_else(|| spelled.clone());
        let exact = name.trim_start_matches("r#") == raw;
        let mut candidates = vec![name];
        if candidates[0] != spelled {
            candidates.push(spelled);
        }
        Self { candidates, exact }
    }
}

/// `name` with the suffix `number`: `Name2`, or `name_2` for a snake-case name or one ending in a
/// digit (`V1_2`, not `V12`).
fn numbered(name: &str, number: usize) -> String {
    let name = name.trim_start_matches("r#");
    let separate = name.starts_with(|c: char| c.is_ascii_lowercase())
        || name.ends_with(|c: char| c.is_ascii_digit());
    if separate {
        format!("{name}_{number}")
    } else {
        format!("{name}{number}")
    }
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

    /// Names the spec items `wanted` (at their pointers). Names the spec writes as they are (`exact`:
    /// an `x-...` override, or a name already in the Rust form) are claimed first, and a clash between
    /// two of them is reported. The others follow in document order, those whose name loses nothing
    /// of the spec's before those whose name drops symbols (`sendTime` gets `SendTime`, `send_time`
    /// its spelled-out second choice): each takes the first free of its candidates, or else the first
    /// with a free numeric suffix (`None2`). A reserved name is always reported. `None` for an item
    /// left unnamed.
    pub fn assign(
        &mut self,
        wanted: &[(Option<Wanted>, JsonPointer)],
        problems: &mut Collector,
    ) -> Vec<Option<String>> {
        let mut order: Vec<(usize, &Wanted, &JsonPointer)> = wanted
            .iter()
            .enumerate()
            .filter_map(|(index, (item, pointer))| Some((index, item.as_ref()?, pointer)))
            .collect();
        order.sort_by_key(|(_, item, _)| (!item.exact, item.candidates.len()));
        let mut names: Vec<Option<String>> = vec![None; wanted.len()];
        for (index, item, pointer) in order {
            names[index] = if item.exact {
                let name = &item.candidates[0];
                self.claim(name, pointer, problems).then(|| name.clone())
            } else {
                self.claim_free(&item.candidates, pointer, problems)
            };
        }
        names
    }

    /// Claims the first free name of `candidates`, else the first of them with a free numeric suffix;
    /// `None`, reported, when the first is reserved.
    pub fn claim_free(
        &mut self,
        candidates: &[String],
        pointer: &JsonPointer,
        problems: &mut Collector,
    ) -> Option<String> {
        let first = candidates.first()?;
        if let Some(Holder::Reserved(_)) = self.taken.get(first) {
            self.claim(first, pointer, problems);
            return None;
        }
        let numbered = (2..).map(|number| numbered(first, number));
        let name = candidates
            .iter()
            .cloned()
            .chain(numbered)
            .find(|name| !self.taken.contains_key(name))?;
        self.taken
            .insert(name.clone(), Holder::Spec(pointer.clone()));
        Some(name)
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

    /// Every string of up to five characters from an alphabet of the cases `heck` tells apart.
    fn short_names() -> Vec<String> {
        let alphabet = ['a', 'b', 'A', 'B', '1', '_', '-'];
        let mut names = vec![String::new()];
        let mut last = names.clone();
        for _ in 0..5 {
            last = last
                .iter()
                .flat_map(|name| alphabet.iter().map(move |c| format!("{name}{c}")))
                .collect();
            names.extend(last.iter().cloned());
        }
        names
    }

    #[test]
    fn casing_keeps_what_heck_writes() {
        // How many names each shortcut keeps, to be sure the comparison covers it.
        let (mut snake_kept, mut camel_kept) = (0, 0);
        for name in short_names() {
            assert_eq!(snake_case(&name), name.to_snake_case(), "{name:?}");
            assert_eq!(
                upper_camel_case(&name),
                name.to_upper_camel_case(),
                "{name:?}"
            );
            snake_kept += usize::from(snake_case(&name) == name);
            camel_kept += usize::from(upper_camel_case(&name) == name);
        }
        assert!(
            snake_kept > 500 && camel_kept > 500,
            "{snake_kept}, {camel_kept}"
        );
    }

    #[test]
    fn long_model_modules_are_cut_after_a_whole_word() {
        let long = "account_sip_domain_".repeat(8) + "credential_list_mapping";
        let module = model_module(&long).unwrap();
        assert!(module.len() <= MAX_MODEL_MODULE, "{module}");
        assert!(
            long.starts_with(&module) && module.ends_with("domain"),
            "{module}"
        );
        assert_eq!(model_module("short_name").as_deref(), Some("short_name"));
        let keyword = format!("type_{}", "x".repeat(100));
        assert_eq!(model_module(&keyword).as_deref(), Some("type_"));
    }

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
    fn spells_out_symbols() {
        assert_eq!(camel_spelled(""), "Empty");
        assert_eq!(camel_spelled("*"), "Asterisk");
        assert_eq!(camel_spelled("<="), "LessThanEquals");
        assert_eq!(
            snake(&spell_operators("StartTime<=")).as_deref(),
            Some("start_time_less_than_equals")
        );
        assert_eq!(spell_operators("a_b-c"), "a_b-c");
        assert_eq!(camel_spelled("-1"), "Minus1");
        assert_eq!(snake_spelled("_id"), "underscore_id");
        assert_eq!(snake_spelled("ops/sec"), "ops_slash_sec");
    }

    #[test]
    fn exact_names_win_and_the_others_give_way_in_order() {
        let mut names = Namespace::new("enum variant", "rename one");
        let mut problems = Collector::default();
        let wanted: Vec<_> = ["none", "None", "send_time", "sendTime", "-1", "1"]
            .iter()
            .enumerate()
            .map(|(index, value)| {
                let wanted = Wanted::derived(value, camel, camel_spelled);
                (Some(wanted), JsonPointer::root().push(index))
            })
            .collect();
        let assigned: Vec<_> = names
            .assign(&wanted, &mut problems)
            .into_iter()
            .flatten()
            .collect();
        assert_eq!(
            assigned,
            [
                "None2",
                "None",
                "SendUnderscoreTime",
                "SendTime",
                "Minus1",
                "V1"
            ]
        );
        assert!(problems.is_empty());
    }

    #[test]
    fn explicit_names_that_clash_are_reported() {
        let mut names = Namespace::new("field", "rename one");
        let mut problems = Collector::default();
        let wanted = [
            (
                Some(Wanted::explicit("a".to_owned())),
                JsonPointer::root().push("x"),
            ),
            (
                Some(Wanted::explicit("a".to_owned())),
                JsonPointer::root().push("y"),
            ),
        ];
        assert_eq!(
            names.assign(&wanted, &mut problems),
            [Some("a".to_owned()), None]
        );
        assert!(!problems.is_empty());
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
