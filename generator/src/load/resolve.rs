//! Joining a spec split into files into one document whose references are all local.
//!
//! A value referenced in another file becomes a component, `#/components/<kind>/<name>`, so the model
//! sees the same document whether the spec is one file or many. Its name is the root document's
//! component that refers to it (`components: {schemas: {Bdb: {$ref: 'schemas/bdb.yaml#/Bdb'}}}` keeps
//! the name, and the place, `Bdb`); otherwise the last segment of its pointer, or the file's stem for a
//! whole file. Two values that would get one name are reported, not merged. Path items cannot be
//! components in OpenAPI 3.0, so a referenced path item is copied where it is used. A discriminator's
//! `mapping` entry that is a reference follows the schema it names. Last, `local` turns the references
//! to values of the bundled document that are not components into references to components.

use std::collections::{HashMap, VecDeque};

use serde_yaml::{Mapping, Value};

use super::files::{Files, Location, Unavailable};
use super::local;
use super::objects::{each_object, is_reference, Object, Position};
use super::origins::Origins;
use super::yaml::{entries, key_text, reference};
use crate::diagnostics::Problem;
use crate::pointer::JsonPointer;

/// The spec as one document, and where each part of it came from.
pub struct Bundled {
    /// The document, whose references are all to its components.
    pub document: Value,
    /// Where its parts came from.
    pub origins: Origins,
}

/// Bundles the spec of `files`, or returns every problem of its references.
pub fn bundle(mut files: Files) -> Result<Bundled, Vec<Problem>> {
    let root = Location {
        file: files.root().clone(),
        pointer: JsonPointer::root(),
    };
    let origins = Origins::new(files.path(&root.file));
    let mut document = match files.value(&root) {
        Ok(document) => document.clone(),
        Err(_) => return Err(files.into_problems()),
    };
    let mut bundler = Bundler {
        files,
        origins,
        problems: Vec::new(),
        claims: HashMap::new(),
        names: HashMap::new(),
        taken: HashMap::new(),
        pending: VecDeque::new(),
        inlining: Vec::new(),
    };
    bundler.claim_root_components(&document);
    let site = Site {
        location: root,
        bundled: JsonPointer::root(),
    };
    bundler.walk(&mut document, Object::Document, &site);
    while let Some(component) = bundler.pending.pop_front() {
        bundler.define(&mut document, component);
    }
    let mut problems = bundler.problems;
    problems.extend(bundler.files.into_problems());
    let mut origins = bundler.origins;
    // A reference to another file that could not be bundled is left as written: reading it as local
    // would report it twice.
    if problems.is_empty() {
        problems = local::resolve(&mut document, &mut origins);
    }
    if problems.is_empty() {
        Ok(Bundled { document, origins })
    } else {
        Err(problems)
    }
}

/// Where a value being walked is: in its file, and in the bundled document.
#[derive(Debug, Clone)]
struct Site {
    location: Location,
    bundled: JsonPointer,
}

impl Position for Site {
    fn push(&self, segment: &str) -> Self {
        Self {
            location: Location {
                file: self.location.file.clone(),
                pointer: self.location.pointer.push(segment),
            },
            bundled: self.bundled.push(segment),
        }
    }
}

/// A referenced value, as one kind of object: the same value may be bundled as two kinds.
type Target = (Object, Location);

/// A component to copy into the bundled document.
struct Pending {
    target: Target,
    name: String,
    value: Value,
}

struct Bundler {
    files: Files,
    origins: Origins,
    problems: Vec<Problem>,
    /// The names root components give the values in other files they refer to.
    claims: HashMap<Target, String>,
    /// The component name of every value bundled so far.
    names: HashMap<Target, String>,
    /// Component names in use, per kind, with the value using each (`None`: a root component).
    taken: HashMap<(Object, String), Option<Location>>,
    pending: VecDeque<Pending>,
    /// Path items being copied, outermost first, to refuse one that contains itself.
    inlining: Vec<Location>,
}

impl Bundler {
    /// Reserves the names of the root document's components, and gives each value in another file that
    /// a root component refers to that component's name (the first one's, if several refer to it).
    fn claim_root_components(&mut self, document: &Value) {
        let root = self.files.root().clone();
        for (kind, members) in entries(document.get("components")) {
            let Some(object) = Object::of_component_kind(&kind) else {
                continue;
            };
            for (name, value) in entries(Some(members)) {
                self.taken.insert((object, name.clone()), None);
                let target = reference(value).and_then(|text| self.files.target(&root, text).ok());
                if let Some(location) = target.filter(|location| location.file != root) {
                    self.claims.entry((object, location)).or_insert(name);
                }
            }
        }
    }

    /// Replaces every reference to another file inside `value`, an `object`, found at `site`, and
    /// every discriminator `mapping` entry naming one.
    fn walk(&mut self, value: &mut Value, object: Object, site: &Site) {
        each_object(value, object, site, &mut |value, object, site| {
            if is_reference(value, object) {
                self.replace_reference(value, object, site);
            } else if object == Object::Schema {
                self.repoint_mapping(value, site);
            }
        });
    }

    /// Replaces the reference object `value`, an `object` at `site`.
    fn replace_reference(&mut self, value: &mut Value, object: Object, site: &Site) {
        let Some(text) = reference(value).map(str::to_owned) else {
            return;
        };
        match self.resolve(&text, object, site, &site.push("$ref")) {
            Some(Resolved::Reference(pointer)) => set_reference(value, &pointer),
            Some(Resolved::Item(item)) => replace_keeping_siblings(value, item),
            None => {}
        }
    }

    /// Points the discriminator `mapping` entries of `schema`, at `site`, that are references (not
    /// schema names, which hold neither `/` nor `#`) where references to those schemas point.
    fn repoint_mapping(&mut self, schema: &mut Value, site: &Site) {
        let mapping = schema
            .get_mut("discriminator")
            .and_then(|d| d.get_mut("mapping"));
        let Some(Value::Mapping(entries)) = mapping else {
            return;
        };
        let site = site.push("discriminator").push("mapping");
        for (key, entry) in entries.iter_mut() {
            let text = entry.as_str().filter(|text| text.contains(['/', '#']));
            let Some(text) = text.map(str::to_owned) else {
                continue;
            };
            let written = site.push(&key_text(key));
            if let Some(Resolved::Reference(pointer)) =
                self.resolve(&text, Object::Schema, &written, &written)
            {
                *entry = Value::from(pointer.to_string());
            }
        }
    }

    /// What the reference `text`, written at `at`, of the reference object at `site` becomes: a local
    /// reference, or (for a path item) the path item itself. `None` leaves it as written: a local
    /// reference in the root, or a broken one.
    fn resolve(&mut self, text: &str, object: Object, site: &Site, at: &Site) -> Option<Resolved> {
        let root = self.files.root().clone();
        let location = match self.files.target(&site.location.file, text) {
            Ok(location) => location,
            Err(message) => return self.report(at, message),
        };
        if location.file == root {
            let written_locally = site.location.file == root && text.starts_with('#');
            return (!written_locally).then_some(Resolved::Reference(location.pointer));
        }
        let Some(kind) = object.component_kind() else {
            return self
                .inline_path_item(text, location, site)
                .map(Resolved::Item);
        };
        let target = (object, location);
        let name = match self.names.get(&target) {
            Some(name) => name.clone(),
            None => {
                let claimed = self.claims.get(&target).cloned();
                self.schedule(text, target, claimed, at)?
            }
        };
        Some(Resolved::Reference(
            JsonPointer::root().push("components").push(kind).push(name),
        ))
    }

    /// Names the value `text` points to and queues it to be copied into `components`. Returns `None`
    /// when it cannot be: its name is taken, or it cannot be read.
    fn schedule(
        &mut self,
        text: &str,
        target: Target,
        claimed: Option<String>,
        at: &Site,
    ) -> Option<String> {
        let (object, location) = &target;
        let kind = object.component_kind().unwrap_or_default();
        let name = match claimed {
            Some(name) => name,
            None => {
                let name = location
                    .pointer
                    .last()
                    .unwrap_or_else(|| location.file.stem());
                if let Some(user) = self.taken.get(&(*object, name.clone())) {
                    let user = match user {
                        None => "a component of the root document".to_owned(),
                        Some(other) => format!(
                            "{}{}",
                            self.files.path(&other.file).display(),
                            other.pointer
                        ),
                    };
                    return self.report(
                        at,
                        format!(
                            "`{text}` would be bundled as #/components/{kind}/{name}, which is already \
                             {user}; list it in the root document's `components` under a name of its own"
                        ),
                    );
                }
                self.taken
                    .insert((*object, name.clone()), Some(location.clone()));
                name
            }
        };
        self.names.insert(target.clone(), name.clone());
        let value = match self.files.value(location) {
            Ok(value) => value.clone(),
            Err(Unavailable::Here(message)) => return self.report(at, message),
            Err(Unavailable::Reported) => return None,
        };
        self.pending.push_back(Pending {
            target,
            name: name.clone(),
            value,
        });
        Some(name)
    }

    /// Copies a queued component into `document`: in place of the root component that names it, or
    /// after the others of its kind.
    fn define(&mut self, document: &mut Value, pending: Pending) {
        let Pending {
            target: (object, location),
            name,
            mut value,
        } = pending;
        let kind = object.component_kind().unwrap_or_default();
        let bundled = JsonPointer::root()
            .push("components")
            .push(kind)
            .push(&name);
        self.origins.record(
            bundled.clone(),
            self.files.path(&location.file),
            location.pointer.clone(),
        );
        let site = Site { location, bundled };
        self.walk(&mut value, object, &site);
        insert_component(document, kind, name, value);
    }

    /// The path item `text` points to, with the references inside it resolved in turn.
    fn inline_path_item(&mut self, text: &str, location: Location, site: &Site) -> Option<Value> {
        let at = site.push("$ref");
        if self.inlining.contains(&location) {
            return self.report(&at, format!("`{text}` is a path item that contains itself"));
        }
        let mut value = match self.files.value(&location) {
            Ok(value) => value.clone(),
            Err(Unavailable::Here(message)) => return self.report(&at, message),
            Err(Unavailable::Reported) => return None,
        };
        self.origins.record(
            site.bundled.clone(),
            self.files.path(&location.file),
            location.pointer.clone(),
        );
        self.inlining.push(location.clone());
        let inner = Site {
            location,
            bundled: site.bundled.clone(),
        };
        self.walk(&mut value, Object::PathItem, &inner);
        self.inlining.pop();
        Some(value)
    }

    fn report<T>(&mut self, site: &Site, message: String) -> Option<T> {
        self.problems.push(Problem::new(
            self.files.path(&site.location.file),
            site.location.pointer.clone(),
            message,
        ));
        None
    }
}

/// What a reference to another file is replaced by.
enum Resolved {
    /// A local reference to this pointer.
    Reference(JsonPointer),
    /// The referenced value itself.
    Item(Value),
}

/// Points the reference object `value` at `pointer`, keeping its other members (a `description` beside
/// a `$ref` is ignored by OpenAPI 3.0 tools, but readers of the bundled document may want it).
fn set_reference(value: &mut Value, pointer: &JsonPointer) {
    if let Value::Mapping(reference) = value {
        reference.insert(Value::from("$ref"), Value::from(pointer.to_string()));
    }
}

/// Replaces the reference object `value` by `item`, keeping the members written beside the `$ref`
/// that `item` lacks (a path item's `summary`, for example).
pub(super) fn replace_keeping_siblings(value: &mut Value, mut item: Value) {
    if let (Value::Mapping(reference), Value::Mapping(members)) = (&*value, &mut item) {
        for (key, member) in reference {
            if key.as_str() != Some("$ref") && !members.contains_key(key) {
                members.insert(key.clone(), member.clone());
            }
        }
    }
    *value = item;
}

/// Sets `#/components/<kind>/<name>`: in place when it exists, else last. A `components` that is not a
/// mapping is left alone for the shape check to report.
pub(super) fn insert_component(document: &mut Value, kind: &str, name: String, value: Value) {
    let empty = || Value::Mapping(Mapping::new());
    let Value::Mapping(root) = document else {
        return;
    };
    let Value::Mapping(components) = root.entry(Value::from("components")).or_insert_with(empty)
    else {
        return;
    };
    if let Value::Mapping(members) = components.entry(Value::from(kind)).or_insert_with(empty) {
        members.insert(Value::from(name), value);
    }
}
