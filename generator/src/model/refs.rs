//! Following local `$ref`s (`#/components/<kind>/<name>`: loading made every reference one).

use indexmap::IndexMap;
use openapiv3::{OpenAPI, ReferenceOr, Schema};

use super::types::SchemaRef;
use crate::pointer::JsonPointer;

/// The component name a local reference of `kind` (`schemas`, `parameters`...) points to.
pub fn component_name<'r>(reference: &'r str, kind: &str) -> Result<&'r str, String> {
    let prefix = format!("#/components/{kind}/");
    match reference.strip_prefix(&prefix) {
        Some(name) if !name.is_empty() && !name.contains('/') => Ok(name),
        _ => Err(crate::load::misplaced(reference, kind)),
    }
}

/// An item reached through zero or more references.
pub struct Resolved<'a, T> {
    /// The item itself.
    pub item: &'a T,
    /// Where it is: the component it was resolved to, or where it was used when written inline. Problems
    /// inside the item are reported there, once, however many operations share it.
    pub pointer: JsonPointer,
    /// The component's name, when it was reached by reference.
    pub component: Option<&'a str>,
}

/// The item `item` (found at `use_site`) is or refers to, among the components of one kind. References
/// to references are followed, up to a small depth, so a cycle is an error rather than a hang.
pub fn resolve<'a, T>(
    item: &'a ReferenceOr<T>,
    kind: &str,
    components: Option<&'a IndexMap<String, ReferenceOr<T>>>,
    use_site: &JsonPointer,
) -> Result<Resolved<'a, T>, String> {
    let mut current = item;
    let mut component = None;
    for _ in 0..8 {
        match current {
            ReferenceOr::Item(item) => {
                let pointer = match component {
                    Some(name) => JsonPointer::root().push("components").push(kind).push(name),
                    None => use_site.clone(),
                };
                return Ok(Resolved {
                    item,
                    pointer,
                    component,
                });
            }
            ReferenceOr::Reference { reference } => {
                let name = component_name(reference, kind)?;
                current = components
                    .and_then(|components| components.get(name))
                    .ok_or_else(|| format!("`{reference}` does not exist"))?;
                component = Some(name);
            }
        }
    }
    Err(format!("reference chain of {kind} is too deep or cyclic"))
}

/// The schema `schema` (found at `use_site`) is or refers to, and where it is.
pub fn schema<'a>(
    document: &'a OpenAPI,
    schema: SchemaRef<'a>,
    use_site: &JsonPointer,
) -> Result<(&'a Schema, JsonPointer), String> {
    let reference = match schema {
        SchemaRef::Inline(schema) => return Ok((schema, use_site.clone())),
        SchemaRef::Reference(reference) => reference,
    };
    let components = document.components.as_ref().map(|c| &c.schemas);
    let name = component_name(reference, "schemas")?;
    let found = components
        .and_then(|components| components.get(name))
        .ok_or_else(|| format!("`{reference}` does not exist"))?;
    let at = JsonPointer::root()
        .push("components")
        .push("schemas")
        .push(name);
    let resolved = resolve(found, "schemas", components, &at)?;
    Ok((resolved.item, resolved.pointer))
}
