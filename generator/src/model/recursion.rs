//! Types that contain themselves: the fields closing such a cycle are boxed, so the type has a size;
//! aliases that only refer to each other (or to arrays and maps of each other) are refused.

use std::collections::HashMap;

use super::{RustType, TypeDef, TypeKind};
use crate::diagnostics::Collector;

/// Marks `boxed` every struct field (and union alternative) through which its type contains itself, and
/// reports alias cycles.
pub fn box_cycles(types: &mut [TypeDef], problems: &mut Collector) {
    let graph = Graph::new(types);
    for (index, def) in types.iter_mut().enumerate() {
        match &mut def.kind {
            TypeKind::Struct(fields) => {
                for field in fields {
                    if let Some(target) = graph.target(&field.ty) {
                        field.boxed = target == index || graph.reaches(target, index);
                    }
                }
            }
            TypeKind::Union(alternatives) | TypeKind::Tagged { alternatives, .. } => {
                for alternative in alternatives {
                    if let Some(target) = graph.target(&alternative.ty) {
                        alternative.boxed = target == index || graph.reaches(target, index);
                    }
                }
            }
            TypeKind::Alias(_) if graph.alias_cycle(index) => {
                problems.report(
                    &def.source,
                    format!(
                        "`{}` is an alias of itself, through aliases, arrays or maps",
                        def.name
                    ),
                );
            }
            _ => {}
        }
    }
}

/// Which types hold which others by value (not behind a `Vec` or map, which already allocate).
struct Graph {
    positions: HashMap<String, usize>,
    edges: Vec<Vec<usize>>,
    aliases: Vec<Option<usize>>,
}

impl Graph {
    fn new(types: &[TypeDef]) -> Self {
        let mut graph = Self {
            positions: types
                .iter()
                .enumerate()
                .map(|(index, def)| (def.name.clone(), index))
                .collect(),
            edges: Vec::new(),
            aliases: Vec::new(),
        };
        for def in types {
            let (edges, alias) = match &def.kind {
                TypeKind::Struct(fields) => (
                    fields
                        .iter()
                        .filter_map(|field| graph.target(&field.ty))
                        .collect(),
                    None,
                ),
                TypeKind::Union(alternatives) | TypeKind::Tagged { alternatives, .. } => (
                    alternatives
                        .iter()
                        .filter_map(|alternative| graph.target(&alternative.ty))
                        .collect(),
                    None,
                ),
                TypeKind::Alias(ty) => {
                    (graph.target(ty).into_iter().collect(), graph.mentioned(ty))
                }
                TypeKind::Enum(_)
                | TypeKind::ErrorCodes(_)
                | TypeKind::Permissions(_)
                | TypeKind::Roles(_) => (Vec::new(), None),
            };
            graph.edges.push(edges);
            graph.aliases.push(alias);
        }
        graph
    }

    /// The type a value of `ty` holds inline, if it is a generated one.
    fn target(&self, ty: &RustType) -> Option<usize> {
        match ty {
            RustType::Named(name) => self.positions.get(name).copied(),
            _ => None,
        }
    }

    /// The generated type `ty` is made of, inside arrays and maps too: an alias cannot name itself even
    /// there (`type List = Vec<List>` is a cycle to Rust).
    fn mentioned(&self, ty: &RustType) -> Option<usize> {
        match ty {
            RustType::Array(item) | RustType::Map(item) => self.mentioned(item),
            other => self.target(other),
        }
    }

    /// Whether `from` holds `to`, directly or through other types held by value.
    fn reaches(&self, from: usize, to: usize) -> bool {
        let mut seen = vec![false; self.edges.len()];
        let mut stack = vec![from];
        while let Some(node) = stack.pop() {
            if node == to {
                return true;
            }
            if !std::mem::replace(&mut seen[node], true) {
                stack.extend(&self.edges[node]);
            }
        }
        false
    }

    /// Whether following alias targets from `start` comes back to it.
    fn alias_cycle(&self, start: usize) -> bool {
        let mut current = self.aliases[start];
        for _ in 0..self.aliases.len() {
            match current {
                Some(node) if node == start => return true,
                Some(node) => current = self.aliases[node],
                None => return false,
            }
        }
        false
    }
}
