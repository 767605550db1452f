//! Following local `$ref`s (`#/components/<kind>/<name>`).

use indexmap::IndexMap;
use openapiv3::ReferenceOr;

/// The component name a local reference of `kind` (`schemas`, `parameters`...) points to.
pub fn component_name<'r>(reference: &'r str, kind: &str) -> Result<&'r str, String> {
    let prefix = format!("#/components/{kind}/");
    match reference.strip_prefix(&prefix) {
        Some(name) if !name.is_empty() && !name.contains('/') => Ok(name),
        _ => Err(format!(
            "unsupported reference `{reference}`: only local references of the form `{prefix}<name>` are read"
        )),
    }
}

/// The item `item` is or refers to, among the components of one kind. References to references are
/// followed, up to a small depth, so a cycle is an error rather than a hang.
pub fn resolve<'a, T>(
    item: &'a ReferenceOr<T>,
    kind: &str,
    components: Option<&'a IndexMap<String, ReferenceOr<T>>>,
) -> Result<&'a T, String> {
    let mut current = item;
    for _ in 0..8 {
        match current {
            ReferenceOr::Item(item) => return Ok(item),
            ReferenceOr::Reference { reference } => {
                let name = component_name(reference, kind)?;
                current = components
                    .and_then(|components| components.get(name))
                    .ok_or_else(|| format!("`{reference}` does not exist"))?;
            }
        }
    }
    Err(format!("reference chain of {kind} is too deep or cyclic"))
}
