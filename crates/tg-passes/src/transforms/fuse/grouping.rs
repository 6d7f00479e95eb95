//! The grouping decision of `tg-fuse`, on the dataflow graph alone: which
//! ops of one block form a group. Knows nothing of MLIR, so the rules can be
//! read (and tested) apart from the IR surgery that applies them.
//!
//! The rules themselves are listed in the pass's documentation
//! (`crate::transforms::fuse`); each check below names the rule it implements.

use super::pattern::Pattern;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Dfs, Walker};
use petgraph::Direction::Outgoing;
use std::collections::BTreeSet;

/// The dataflow of one block: a node per op in block order (node `i` is the
/// block's `i`-th op), an edge from each op to each op using one of its
/// results.
pub struct Dataflow {
    pub graph: DiGraph<Pattern, ()>,
    /// Whether an op has a use that is no op of the block (a use in another
    /// block): such a result always leaves any group.
    pub escapes: Vec<bool>,
}

/// The limits `tg-fuse`'s options set.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Most ops in one group (cloned constants do not count).
    pub max_group_size: usize,
    /// Whether reductions fuse with their producers and consumers.
    pub fuse_reductions: bool,
}

/// The groups of two or more ops, each as its node indices in block order;
/// groups in the order of their first op. Deterministic: it depends only on
/// the graph.
pub fn groups(dataflow: &Dataflow, limits: Limits) -> Vec<Vec<usize>> {
    let mut grouping = Grouping::new(dataflow, limits);
    grouping.grow_epilogues();
    grouping.absorb_producers();
    grouping.finish()
}

struct Grouping<'d> {
    dataflow: &'d Dataflow,
    limits: Limits,
    /// The group each node belongs to, named by an index into `members`.
    group_of: Vec<usize>,
    /// Members of each group; every node starts alone in the group of its own index.
    members: Vec<BTreeSet<usize>>,
}

impl<'d> Grouping<'d> {
    fn new(dataflow: &'d Dataflow, limits: Limits) -> Self {
        let count = dataflow.graph.node_count();
        Grouping {
            dataflow,
            limits,
            group_of: (0..count).collect(),
            members: (0..count).map(|i| BTreeSet::from([i])).collect(),
        }
    }

    fn pattern(&self, node: usize) -> Pattern {
        self.dataflow.graph[NodeIndex::new(node)]
    }

    /// The distinct ops using `node`'s results, in block order.
    fn users(&self, node: usize) -> BTreeSet<usize> {
        self.dataflow.graph.neighbors_directed(NodeIndex::new(node), Outgoing).map(|n| n.index()).collect()
    }

    /// Phase 1, rule (b): from each out-fusable op in block order, follow the
    /// chain of elementwise/broadcast consumers and take it as the op's
    /// epilogue. This runs first so that an elementwise op between a matmul
    /// and a reduction ends up in the matmul's epilogue (one write of the
    /// matmul's output saved), not in the reduction's prologue.
    fn grow_epilogues(&mut self) {
        for anchor in 0..self.dataflow.graph.node_count() {
            if self.pattern(anchor) != Pattern::OutFusable {
                continue;
            }
            let mut root = anchor;
            loop {
                // Rule (c): the root joins nothing unless its only consumer does,
                // so it must have exactly one, inside this block.
                let users = self.users(root);
                if self.dataflow.escapes[root] || users.len() != 1 {
                    break;
                }
                let user = *users.first().expect("one user");
                // The consumer must still be alone: an epilogue claimed by
                // another out-fusable op stays there (two complex ops never share).
                if !self.pattern(user).is_pointwise() || self.members[self.group_of[user]].len() != 1 {
                    break;
                }
                let group = self.group_of[anchor];
                if !self.admits(group, &[user]) {
                    break;
                }
                self.join(user, group);
                root = user;
            }
        }
    }

    /// Phase 2, rules (a), (c) and (d): visit ops from the last to the first;
    /// an op joins its consumers' group when all its consumers are in one
    /// group and every edge to them may be fused. Visiting consumers first
    /// means a group is complete below an op before the op decides.
    fn absorb_producers(&mut self) {
        for producer in (0..self.dataflow.graph.node_count()).rev() {
            let pattern = self.pattern(producer);
            if self.members[self.group_of[producer]].len() != 1 || pattern == Pattern::Cheap || pattern == Pattern::Opaque {
                continue;
            }
            if pattern == Pattern::Reduction && !self.limits.fuse_reductions {
                continue;
            }
            let users = self.users(producer);
            if self.dataflow.escapes[producer] || users.is_empty() {
                continue;
            }
            // Rule (c): never duplicated, so all consumers must share one group.
            let targets: BTreeSet<usize> = users.iter().map(|&u| self.group_of[u]).collect();
            if targets.len() != 1 {
                continue;
            }
            if !users.iter().all(|&u| self.edge_fuses(pattern, self.pattern(u))) {
                continue;
            }
            let group = *targets.first().expect("one target");
            if self.admits(group, &[producer]) {
                self.join(producer, group);
            }
        }
    }

    /// Rules (a), (b), (d) on one edge: may a `producer` op and a `consumer`
    /// op that reads its result be in one group?
    fn edge_fuses(&self, producer: Pattern, consumer: Pattern) -> bool {
        let reductions = self.limits.fuse_reductions;
        match (producer, consumer) {
            // (a) chains of light ops.
            (p, c) if p.is_light() && c.is_light() => true,
            // (b) an epilogue after a contraction, convolution or pooling.
            (Pattern::OutFusable, c) => c.is_pointwise(),
            // (d) a prologue into a reduction, an epilogue after it.
            (p, Pattern::Reduction) => reductions && p.is_light(),
            (Pattern::Reduction, c) => reductions && c.is_pointwise(),
            _ => false,
        }
    }

    /// Whether `group` plus `new` (ops not yet in it) is a valid group:
    /// the group-wide rules (b), (d), (e), (f).
    fn admits(&self, group: usize, new: &[usize]) -> bool {
        let candidate: BTreeSet<usize> = self.members[group].iter().chain(new).copied().collect();
        // (f) the size cap.
        if candidate.len() > self.limits.max_group_size {
            return false;
        }
        // (b), (d): one anchor at most: two complex ops, two reductions, or
        // one of each never share a group.
        let anchors: Vec<usize> = candidate.iter().copied().filter(|&n| self.pattern(n).is_anchor()).collect();
        match anchors.as_slice() {
            [] => {}
            [anchor] => {
                let anchor = *anchor;
                let downstream = self.reachable_within(anchor, &candidate);
                // (b), (d): what follows the anchor is its epilogue: pointwise only.
                if downstream.iter().any(|&n| n != anchor && !self.pattern(n).is_pointwise()) {
                    return false;
                }
                // (b): a contraction or convolution reads its operands as they are
                // (no prologue); a reduction may have one (d).
                if self.pattern(anchor) == Pattern::OutFusable
                    && candidate.iter().any(|&n| n != anchor && self.reachable_within(n, &candidate).contains(&anchor))
                {
                    return false;
                }
            }
            _ => return false,
        }
        // (e) no path leaves the group and comes back.
        !self.leaves_and_returns(&candidate)
    }

    /// The members of `group` reachable from `start` along edges inside it.
    fn reachable_within(&self, start: usize, group: &BTreeSet<usize>) -> BTreeSet<usize> {
        let graph = &self.dataflow.graph;
        let inside = petgraph::visit::NodeFiltered::from_fn(graph, |n: NodeIndex| group.contains(&n.index()));
        Dfs::new(&inside, NodeIndex::new(start)).iter(&inside).map(|n| n.index()).collect()
    }

    /// Rule (e), checked on the graph: whether some op outside `group` is
    /// reachable from the group and reaches it back, which would make the
    /// fused op both a producer and a consumer of that op. (For the groups
    /// the phases above build, rule (c) already rules this out: only a
    /// group's last op is used outside it. The check stays so that the pass
    /// cannot produce broken IR should (c) ever be relaxed.)
    fn leaves_and_returns(&self, group: &BTreeSet<usize>) -> bool {
        let graph = &self.dataflow.graph;
        // Nodes are in block order, so every edge goes forward: a path back
        // into the group never passes its last member, and the search stops there.
        let Some(&last) = group.last() else { return false };
        let before_last = petgraph::visit::NodeFiltered::from_fn(graph, |n: NodeIndex| n.index() <= last);
        let mut dfs = Dfs::empty(&before_last);
        for &member in group {
            for exit in graph.neighbors_directed(NodeIndex::new(member), Outgoing) {
                if group.contains(&exit.index()) || exit.index() > last {
                    continue;
                }
                dfs.move_to(exit);
                while let Some(node) = dfs.next(&before_last) {
                    if group.contains(&node.index()) {
                        return true;
                    }
                }
            }
        }
        false
    }

    fn join(&mut self, node: usize, group: usize) {
        let old = self.group_of[node];
        self.members[old].remove(&node);
        self.members[group].insert(node);
        self.group_of[node] = group;
    }

    fn finish(self) -> Vec<Vec<usize>> {
        let mut groups: Vec<Vec<usize>> =
            self.members.into_iter().filter(|m| m.len() >= 2).map(|m| m.into_iter().collect()).collect();
        groups.sort();
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Pattern::*;

    /// A dataflow of `patterns` with `edges` (producer, consumer); node
    /// indices are positions in `patterns`.
    fn dataflow(patterns: &[Pattern], edges: &[(usize, usize)]) -> Dataflow {
        let mut graph = DiGraph::new();
        for &p in patterns {
            graph.add_node(p);
        }
        for &(a, b) in edges {
            graph.update_edge(NodeIndex::new(a), NodeIndex::new(b), ());
        }
        Dataflow { graph, escapes: vec![false; patterns.len()] }
    }

    const DEFAULT: Limits = Limits { max_group_size: 16, fuse_reductions: true };

    #[test]
    fn matmul_epilogue_beats_reduction_prologue() {
        // matmul -> add -> relu -> softmax -> return
        let d = dataflow(&[OutFusable, Broadcast, Elementwise, Reduction, Opaque], &[(0, 1), (1, 2), (2, 3), (3, 4)]);
        assert_eq!(groups(&d, DEFAULT), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn producer_with_consumers_in_two_groups_stays_alone() {
        // a -> b -> return, a -> c -> return (b and c are separate roots)
        let d = dataflow(&[Elementwise, Elementwise, Elementwise, Opaque], &[(0, 1), (0, 2), (1, 3), (2, 3)]);
        assert!(groups(&d, DEFAULT).is_empty());
    }

    #[test]
    fn cycle_through_an_opaque_op_is_refused() {
        // a -> b, a -> x (opaque) -> b
        let d = dataflow(&[Elementwise, Opaque, Elementwise, Opaque], &[(0, 1), (0, 2), (1, 2), (2, 3)]);
        assert!(groups(&d, DEFAULT).is_empty());
        let grouping = Grouping::new(&d, DEFAULT);
        assert!(grouping.leaves_and_returns(&BTreeSet::from([0, 2])));
    }

    #[test]
    fn size_cap_splits_a_chain() {
        let d = dataflow(&[Elementwise; 5], &[(0, 1), (1, 2), (2, 3), (3, 4)]);
        let limits = Limits { max_group_size: 2, ..DEFAULT };
        // From the end: [3, 4] fills up, so 2 starts again with 1.
        assert_eq!(groups(&d, limits), vec![vec![1, 2], vec![3, 4]]);
    }

    #[test]
    fn reductions_stay_alone_when_asked() {
        // exp -> reduce_sum -> neg
        let d = dataflow(&[Elementwise, Reduction, Elementwise, Opaque], &[(0, 1), (1, 2), (2, 3)]);
        assert_eq!(groups(&d, DEFAULT), vec![vec![0, 1, 2]]);
        assert!(groups(&d, Limits { fuse_reductions: false, ..DEFAULT }).is_empty());
    }

    #[test]
    fn no_prologue_into_a_matmul() {
        // relu -> matmul -> add -> return
        let d = dataflow(&[Elementwise, OutFusable, Elementwise, Opaque], &[(0, 1), (1, 2), (2, 3)]);
        assert_eq!(groups(&d, DEFAULT), vec![vec![1, 2]]);
    }
}
