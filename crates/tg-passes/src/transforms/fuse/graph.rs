//! Reads one block of IR into the petgraph dataflow graph the grouping
//! works on: a node per op (with its fusion pattern), an edge per use.

use super::grouping::Dataflow;
use super::pattern::pattern_of;
use tg_dialect::ir::uses::{ancestor_in, users};
use melior::ir::block::BlockLike;
use melior::ir::operation::OperationLike;
use melior::ir::{BlockRef, OperationRef};
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::HashMap;
use std::ffi::c_void;

/// The ops of a block, in order, and their dataflow graph (node `i` is `ops[i]`).
pub struct BlockGraph<'c, 'a> {
    pub ops: Vec<OperationRef<'c, 'a>>,
    pub dataflow: Dataflow,
}

/// The dataflow graph of `block`'s ops. Ops nested in the regions of an op
/// are not nodes: their uses count as uses by that op.
pub fn build<'c, 'a>(block: BlockRef<'c, 'a>) -> BlockGraph<'c, 'a> {
    let mut ops = Vec::new();
    let mut next = block.first_operation();
    while let Some(op) = next {
        ops.push(op);
        next = op.next_in_block();
    }
    let index: HashMap<*mut c_void, usize> = ops.iter().enumerate().map(|(i, op)| (op.to_raw().ptr, i)).collect();
    let mut graph = DiGraph::with_capacity(ops.len(), ops.len());
    for op in &ops {
        graph.add_node(pattern_of(*op));
    }
    let mut escapes = vec![false; ops.len()];
    for (producer, op) in ops.iter().enumerate() {
        for result in op.results() {
            for user in users(result.into()) {
                match ancestor_in(block, user).and_then(|a| index.get(&a.to_raw().ptr)) {
                    Some(&consumer) if consumer != producer => {
                        graph.update_edge(NodeIndex::new(producer), NodeIndex::new(consumer), ());
                    }
                    // A use inside the op's own regions is no dataflow between ops.
                    Some(_) => {}
                    None => escapes[producer] = true,
                }
            }
        }
    }
    BlockGraph { ops, dataflow: Dataflow { graph, escapes } }
}
