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
                        field.boxed = graph.same_cycle(target, index);
                    }
                }
            }
            TypeKind::Union(alternatives) | TypeKind::Tagged { alternatives, .. } => {
                for alternative in alternatives {
                    if let Some(target) = graph.target(&alternative.ty) {
                        alternative.boxed = graph.same_cycle(target, index);
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
    /// The cycle each type is on: two types share one when each holds the other, directly or
    /// through others (strongly connected components).
    cycles: Vec<usize>,
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
            cycles: Vec::new(),
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
        graph.cycles = strongly_connected(&graph.edges);
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

    /// Whether a value of type `to`, held by `from`, holds a `from` in turn, directly or through other
    /// types held by value (`from` and `to` may be the same type): then it must be boxed. A field is an
    /// edge from `from` to `to`, so this is the same as the two being on one cycle.
    fn same_cycle(&self, from: usize, to: usize) -> bool {
        self.cycles[from] == self.cycles[to]
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

/// The strongly connected component of each node, numbered from 0 (Tarjan's algorithm, in time linear
/// in the graph's size). Iterative: a chain of types nested thousands deep must not overflow the stack.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let mut order = vec![UNVISITED; edges.len()];
    let mut low = vec![0; edges.len()];
    let mut component = vec![UNVISITED; edges.len()];
    let mut on_stack = vec![false; edges.len()];
    let mut stack = Vec::new();
    let (mut visited, mut found) = (0, 0);
    for root in 0..edges.len() {
        if order[root] != UNVISITED {
            continue;
        }
        // Each frame: a node and how many of its edges have been followed.
        let mut frames = vec![(root, 0)];
        while let Some(&(node, followed)) = frames.last() {
            if followed == 0 {
                order[node] = visited;
                low[node] = visited;
                visited += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = edges[node].get(followed) {
                if let Some(frame) = frames.last_mut() {
                    frame.1 += 1;
                }
                if order[next] == UNVISITED {
                    frames.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(order[next]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = found;
                    if member == node {
                        break;
                    }
                }
                found += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn nodes_share_a_component_exactly_when_each_reaches_the_other() {
        // 0 -> 1 -> 2 -> 0 is a cycle; 3 holds itself; 4 -> 0 and 2 -> 5 lead into and out of the cycle.
        let edges = vec![vec![1], vec![2], vec![0, 5], vec![3], vec![0], vec![]];
        let component = strongly_connected(&edges);
        assert_eq!(component[0], component[1]);
        assert_eq!(component[1], component[2]);
        for (a, b) in [(0, 3), (0, 4), (0, 5), (3, 4), (4, 5)] {
            assert_ne!(component[a], component[b], "{a} and {b}");
        }
    }
}
