//! Copying referenced values where they are used: path items, which have no component kind, and
//! plain values, whose copies mean the same Rust types.

use serde_yaml::Value;

use super::super::objects::Object;
use super::super::origins::Origins;
use super::super::resolve::replace_keeping_siblings;
use super::super::yaml::lookup_mut;
use super::{component_sites, found, problem, sites};
use crate::diagnostics::Problem;

/// Replaces each reference to a plain value by a copy of it, until none is left: a value becomes
/// plain once the plain values it refers to are copied into it.
pub fn copy_plain_values(document: &mut Value, origins: &mut Origins) {
    loop {
        let mut copied = false;
        for site in component_sites(document) {
            let found = found(document, &site.target, &site.text, site.object);
            let Some(value) = found.ok().filter(|value| is_plain(value)) else {
                continue;
            };
            let value = value.clone();
            if let Some(reference) = lookup_mut(document, &site.at) {
                *reference = value;
                origins.copy(&site.target, &site.at);
                copied = true;
            }
        }
        if !copied {
            return;
        }
    }
}

/// Replaces each reference standing for a path item, which has no component kind, by a copy of the
/// path item, as for one in another file. A path item is copied once the path items it refers to
/// (in callbacks) are; those left when none can be contain themselves.
pub fn copy_path_items(document: &mut Value, origins: &mut Origins) -> Vec<Problem> {
    loop {
        let mut sites = sites(document);
        sites.retain(|site| site.object == Object::PathItem);
        if sites.is_empty() {
            return Vec::new();
        }
        let mut problems = Vec::new();
        let mut copied = false;
        for site in &sites {
            let value = match found(document, &site.target, &site.text, Object::PathItem) {
                Ok(value) => value,
                Err(message) => {
                    problems.push(problem(origins, site, message));
                    continue;
                }
            };
            if sites.iter().any(|inner| inner.at.is_within(&site.target)) {
                continue;
            }
            let value = value.clone();
            if let Some(reference) = lookup_mut(document, &site.at) {
                replace_keeping_siblings(reference, value);
                origins.copy(&site.target, &site.at);
                copied = true;
            }
        }
        if !problems.is_empty() {
            return problems;
        }
        if !copied {
            return sites
                .iter()
                .map(|site| {
                    let message = format!("`{}` is a path item that contains itself", site.text);
                    problem(origins, site, message)
                })
                .collect();
        }
    }
}

/// Members that make a value more than plain: a reference, or what defines a type of its own (an
/// object with properties, an enum, a composition, an explicit name). Copies of such a value would be
/// several types.
const NOT_PLAIN: [&str; 7] = [
    "$ref",
    "properties",
    "enum",
    "oneOf",
    "anyOf",
    "allOf",
    "x-rust-name",
];

fn is_plain(value: &Value) -> bool {
    match value {
        Value::Mapping(members) => members.iter().all(|(key, member)| {
            !key.as_str().is_some_and(|key| NOT_PLAIN.contains(&key)) && is_plain(member)
        }),
        Value::Sequence(items) => items.iter().all(is_plain),
        _ => true,
    }
}
