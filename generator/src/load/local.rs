//! References to values of the document that are not components: `#/paths/~1a/get/responses/401`,
//! `#/components/schemas/A/properties/b`. Bundlers write one for every value used twice (APIs.guru's
//! does), while the model reads only references of the form `#/components/<kind>/<name>`.
//!
//! A path item, which has no component kind, is copied where it is used, as one from another file
//! is; so is a plain value, which refers to nothing and defines no type (a scalar schema, a header of
//! one): its copies mean the same Rust types (`copies`). Any other value becomes a component of the
//! kind the reference needs, under a name derived from where it was written (`names`), and its
//! original place refers to that component too: a schema used in several places is one Rust type. A
//! reference to a reference points where that one ends, and so does a discriminator's `mapping`
//! entry. Problems in a copy or a component are reported where the value was written.

mod copies;
mod names;

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;
use serde_yaml::{Mapping, Value};

use super::objects::{each_object, each_reference, is_reference, Object, Place};
use super::origins::Origins;
use super::resolve::insert_component;
use super::yaml::{entries, lookup, lookup_mut, reference};
use crate::diagnostics::Problem;
use crate::pointer::JsonPointer;

/// Turns every reference in `document` to a value that is not a component into one to a component,
/// or into a copy of the value; returns the references that cannot be, one problem each.
///
/// A value that becomes a component may hold references that were not read as such where it was
/// (under an extension, `x-schemas`): those are then read in turn.
pub fn resolve(document: &mut Value, origins: &mut Origins) -> Vec<Problem> {
    if !may_refer_outside_components(document) {
        return Vec::new();
    }
    let problems = copies::copy_path_items(document, origins);
    if !problems.is_empty() {
        return problems;
    }
    loop {
        copies::copy_plain_values(document, origins);
        let mut sites = component_sites(document);
        sites.extend(mapping_sites(document));
        if sites.is_empty() {
            return Vec::new();
        }
        let mut ends = Ends::default();
        let problems: Vec<Problem> = sites
            .iter()
            .filter_map(|site| {
                let message = ends.follow(document, site).err()?;
                Some(problem(origins, site, message))
            })
            .collect();
        if !problems.is_empty() {
            return problems;
        }
        let components = name(document, &ends);
        hoist(document, &components, origins);
        repoint(document, &ends.texts(&components));
    }
}

/// A reference to a value that is not a component.
struct Site {
    /// The reference object, in the bundled document (for a `mapping` entry, the entry).
    at: JsonPointer,
    /// Where the pointer is written: the `$ref`, or the `mapping` entry.
    written: JsonPointer,
    /// What the member holding it holds.
    object: Object,
    /// The `$ref`, as written.
    text: String,
    /// The value it points to.
    target: JsonPointer,
}

/// The references of `document` that stand for objects of a component kind, to values that are not
/// components.
fn component_sites(document: &mut Value) -> Vec<Site> {
    let mut sites = sites(document);
    sites.retain(|site| site.object.component_kind().is_some());
    sites
}

/// The references of `document` to values that are not components, in document order. Fragments
/// that are not pointers were reported while bundling.
fn sites(document: &mut Value) -> Vec<Site> {
    let mut sites = Vec::new();
    each_reference(
        document,
        Object::Document,
        &JsonPointer::root(),
        &mut |value, object, at| {
            let Some(text) = reference(value) else {
                return;
            };
            let Some(target) = local_pointer(text) else {
                return;
            };
            if !is_component(&target) {
                sites.push(Site {
                    at: at.clone(),
                    written: at.push("$ref"),
                    object,
                    text: text.to_owned(),
                    target,
                });
            }
        },
    );
    sites
}

/// The `discriminator` `mapping` entries of `document` that point to values that are not components:
/// references too, written as text, that must point where the references to the alternatives do.
fn mapping_sites(document: &mut Value) -> Vec<Site> {
    let mut sites = Vec::new();
    each_object(
        document,
        Object::Document,
        &JsonPointer::root(),
        &mut |value, object, at| {
            if object != Object::Schema || is_reference(value, object) {
                return;
            }
            let mapping = value.get("discriminator").and_then(|d| d.get("mapping"));
            for (key, text) in entries(mapping) {
                let Some(text) = text.as_str() else {
                    continue;
                };
                let Some(target) = local_pointer(text).filter(|target| !is_component(target))
                else {
                    continue;
                };
                let at = at.push("discriminator").push("mapping").push(&key);
                sites.push(Site {
                    written: at.clone(),
                    at,
                    object,
                    text: text.to_owned(),
                    target,
                });
            }
        },
    );
    sites
}

/// Whether `value` may hold a reference to a value that is not a component: a `$ref`, or an entry of
/// a `mapping`, pointing into the document elsewhere than `#/components/<kind>/<name>`. Most documents
/// have none, and their walks through every object are then skipped; a `$ref` member that is not a
/// reference (in an example) only costs them.
fn may_refer_outside_components(value: &Value) -> bool {
    let outside = |text: &Value| {
        text.as_str().is_some_and(|text| {
            !names_component(text)
                && local_pointer(text).is_some_and(|target| !is_component(&target))
        })
    };
    match value {
        Value::Mapping(mapping) => mapping.iter().any(|(key, member)| {
            let points_outside = match key.as_str() {
                Some("$ref") => outside(member),
                Some("mapping") => member
                    .as_mapping()
                    .is_some_and(|entries| entries.values().any(outside)),
                _ => false,
            };
            points_outside || may_refer_outside_components(member)
        }),
        Value::Sequence(items) => items.iter().any(may_refer_outside_components),
        Value::Tagged(tagged) => may_refer_outside_components(&tagged.value),
        _ => false,
    }
}

/// Whether the reference `text` is written `#/components/<kind>/<name>` with nothing to decode in it:
/// what almost every reference is, told without decoding it into a pointer (see [`is_component`]).
fn names_component(text: &str) -> bool {
    text.strip_prefix("#/components/")
        .and_then(|rest| rest.split_once('/'))
        .is_some_and(|(kind, name)| {
            !name.is_empty()
                && !name.contains(['/', '~', '%'])
                && Object::of_component_kind(kind).is_some()
        })
}

/// The pointer of a reference into this document.
fn local_pointer(text: &str) -> Option<JsonPointer> {
    JsonPointer::from_fragment(text.strip_prefix('#')?).ok()
}

/// Whether `pointer` has the form `#/components/<kind>/<name>`, which the model reads (and checks).
fn is_component(pointer: &JsonPointer) -> bool {
    let segments: Vec<String> = pointer.segments().collect();
    matches!(segments.as_slice(), [components, kind, _]
        if components == "components" && Object::of_component_kind(kind).is_some())
}

/// Whether the place of `target` may hold what a reference from a member holding `object` needs.
fn fits(target: &JsonPointer, object: Object) -> Result<(), String> {
    let found = match Place::of(target) {
        Place::Unknown => return Ok(()),
        Place::Object(found) if found == object => return Ok(()),
        Place::Object(found) => found.noun().to_owned(),
        Place::Member { parent, key } => format!("the `{key}` of {}", parent.noun()),
    };
    Err(format!("{found}, not {}", object.noun()))
}

/// The problem of `reference` where the model needs one of `#/components/<kind>`. Once loaded, every
/// reference is to a component, so only one of another kind can be wrong: it is worded as here.
pub fn misplaced(reference: &str, kind: &str) -> String {
    let found = local_pointer(reference)
        .zip(Object::of_component_kind(kind))
        .and_then(|(target, wanted)| fits(&target, wanted).err());
    match found {
        Some(found) => format!("`{reference}` is {found}"),
        None => format!("`{reference}` is not one of `#/components/{kind}`"),
    }
}

/// The value `target` (written `text`) designates, when there is one and it may stand where a member
/// holding `object` is.
fn found<'a>(
    document: &'a Value,
    target: &JsonPointer,
    text: &str,
    object: Object,
) -> Result<&'a Value, String> {
    let value = lookup(document, target).ok_or_else(|| format!("`{text}` does not exist"))?;
    fits(target, object).map_err(|found| format!("`{text}` is {found}"))?;
    Ok(value)
}

/// The problem `message` of the reference at `site`.
fn problem(origins: &Origins, site: &Site, message: String) -> Problem {
    origins.problem(&site.written, message)
}

/// Where references to a value must point.
enum Destination {
    /// Where a chain of references ends: a component, or a file that could not be read.
    Text(String),
    /// The component the value at this pointer becomes.
    Component(JsonPointer),
}

/// Where the references followed so far end.
#[derive(Default)]
struct Ends {
    /// The values to make components, in the order they are first referred to, with their kind.
    hoisted: IndexMap<JsonPointer, Object>,
    /// Where the references to each target must point.
    destinations: HashMap<JsonPointer, Destination>,
    /// The names of the components that are references to values to make components: the first one
    /// gives the value its name and place, as a component referring to another file does.
    claims: HashMap<JsonPointer, String>,
}

impl Ends {
    /// Decides where the reference at `site` must point, following references to references; the
    /// value where they end is to become a component.
    fn follow(&mut self, document: &Value, site: &Site) -> Result<(), String> {
        let mut text = site.text.clone();
        let mut target = site.target.clone();
        let mut seen = HashSet::new();
        let destination = loop {
            if !seen.insert(target.clone()) {
                return Err(format!(
                    "`{}` leads to references that lead back to each other",
                    site.text
                ));
            }
            let value = found(document, &target, &text, site.object)?;
            let Some(next) = reference(value) else {
                let kind = *self.hoisted.entry(target.clone()).or_insert(site.object);
                if kind != site.object {
                    return Err(format!(
                        "`{text}` is {} where it is used elsewhere, not {}",
                        kind.noun(),
                        site.object.noun()
                    ));
                }
                if is_component(&site.at) {
                    let name = site.at.last().unwrap_or_default();
                    self.claims.entry(target.clone()).or_insert(name);
                }
                break Destination::Component(target);
            };
            match local_pointer(next) {
                Some(next_target) if !is_component(&next_target) => {
                    text = next.to_owned();
                    target = next_target;
                }
                _ => break Destination::Text(next.to_owned()),
            }
        };
        self.destinations.insert(site.target.clone(), destination);
        Ok(())
    }

    /// The `$ref` each target's references get, once the values have become `components`.
    fn texts(self, components: &IndexMap<JsonPointer, Component>) -> HashMap<JsonPointer, String> {
        self.destinations
            .into_iter()
            .filter_map(|(target, destination)| {
                let text = match destination {
                    Destination::Text(text) => text,
                    Destination::Component(value) => components.get(&value)?.pointer().to_string(),
                };
                Some((target, text))
            })
            .collect()
    }
}

/// A value made a component.
struct Component {
    kind: &'static str,
    name: String,
}

impl Component {
    fn pointer(&self) -> JsonPointer {
        JsonPointer::root()
            .push("components")
            .push(self.kind)
            .push(&self.name)
    }
}

/// Names the values to become components: as the component that claims one, else with a name no
/// component of the document has.
fn name(document: &Value, ends: &Ends) -> IndexMap<JsonPointer, Component> {
    let taken: HashSet<(&str, String)> = entries(document.get("components"))
        .flat_map(|(kind, members)| {
            let kind = Object::of_component_kind(&kind).and_then(Object::component_kind);
            entries(Some(members)).filter_map(move |(name, _)| Some((kind?, names::fold(&name))))
        })
        .collect();
    let (unclaimed, wanted): (Vec<&JsonPointer>, Vec<names::Wanted>) = ends
        .hoisted
        .iter()
        .filter(|(pointer, _)| !ends.claims.contains_key(*pointer))
        .map(|(pointer, object)| {
            let wanted = names::Wanted {
                kind: object.component_kind().unwrap_or_default(),
                candidates: names::candidates(document, pointer),
            };
            (pointer, wanted)
        })
        .unzip();
    let mut derived: HashMap<&JsonPointer, String> = unclaimed
        .into_iter()
        .zip(names::assign(&wanted, &taken))
        .collect();
    ends.hoisted
        .iter()
        .map(|(pointer, object)| {
            let name = match ends.claims.get(pointer) {
                Some(claimed) => claimed.clone(),
                None => derived.remove(pointer).unwrap_or_default(),
            };
            let kind = object.component_kind().unwrap_or_default();
            (pointer.clone(), Component { kind, name })
        })
        .collect()
}

/// Moves each value into its component, leaving a reference to it in its place. Values inside
/// others move first, so that the pointers of the others stay valid; components are added in the
/// order the values are first referred to.
fn hoist(
    document: &mut Value,
    components: &IndexMap<JsonPointer, Component>,
    origins: &mut Origins,
) {
    let mut inner_first: Vec<(&JsonPointer, &Component)> = components.iter().collect();
    inner_first.sort_by_key(|(pointer, _)| Reverse(pointer.segments().count()));
    let mut values: HashMap<&JsonPointer, Value> = HashMap::new();
    for (pointer, component) in inner_first {
        let Some(place) = lookup_mut(document, pointer) else {
            continue;
        };
        let destination = component.pointer();
        let value = std::mem::replace(place, reference_to(&destination));
        origins.copy(pointer, &destination);
        values.insert(pointer, value);
    }
    for (pointer, component) in components {
        if let Some(value) = values.remove(pointer) {
            insert_component(document, component.kind, component.name.clone(), value);
        }
    }
}

fn reference_to(pointer: &JsonPointer) -> Value {
    let mut reference = Mapping::new();
    reference.insert(Value::from("$ref"), Value::from(pointer.to_string()));
    Value::Mapping(reference)
}

/// Points every reference, and `mapping` entry, to a key of `texts` where it says.
fn repoint(document: &mut Value, texts: &HashMap<JsonPointer, String>) {
    let repointed = |text: &Value| texts.get(&local_pointer(text.as_str()?)?);
    each_object(
        document,
        Object::Document,
        &JsonPointer::root(),
        &mut |value, object, _| {
            let targets = if is_reference(value, object) {
                value.get_mut("$ref").into_iter().collect()
            } else if object == Object::Schema {
                let mapping = value
                    .get_mut("discriminator")
                    .and_then(|d| d.get_mut("mapping"));
                match mapping {
                    Some(Value::Mapping(entries)) => entries.values_mut().collect(),
                    _ => Vec::new(),
                }
            } else {
                Vec::new()
            };
            for target in targets {
                if let Some(text) = repointed(target) {
                    *target = Value::from(text.as_str());
                }
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::{is_component, local_pointer, names_component};

    #[test]
    fn a_reference_named_as_a_component_is_one() {
        let references = [
            ("#/components/schemas/Bdb", true),
            ("#/components/parameters/uid", true),
            ("#/components/schemas/", false),
            ("#/components/schemas/a/b", false),
            ("#/components/schemas/a%2Fb", false),
            ("#/components/schemas/a~1b", false),
            ("#/components/widgets/Bdb", false),
            ("#/paths/~1v1~1bdbs/get", false),
        ];
        for (text, named) in references {
            assert_eq!(names_component(text), named, "{text}");
            // Naming a component is only a shortcut: the decoded pointer agrees.
            if named {
                assert!(is_component(&local_pointer(text).unwrap()), "{text}");
            }
        }
    }
}
