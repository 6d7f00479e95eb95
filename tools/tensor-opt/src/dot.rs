//! `--emit=dot`: the dataflow of each function as a Graphviz digraph, for
//! seeing what `tg-fuse` grouped: `tensor-opt --tg-fuse --emit=dot x.mlir | dot -Tsvg`.
//!
//! One digraph per module. Each function is a cluster (`cluster_@name`)
//! holding a node per function argument and per op of its body, labelled
//! with the op's name and result types; edges are SSA uses. A `tg.fused` is
//! a cluster of its own (`cluster_N`, labelled with its kind) holding its
//! body's ops: its block arguments and `tg.yield` are looked through, so
//! edges run straight from producers outside to the ops inside and back out.
//! Ops nested in other ops' regions are not drawn; their uses count as uses
//! by the op holding them.

use melior::ir::attribute::StringAttribute;
use melior::ir::block::BlockLike;
use melior::ir::operation::OperationLike;
use melior::ir::{BlockRef, OperationRef, RegionLike, ValueLike};
use std::collections::{BTreeSet, HashMap};
use std::ffi::c_void;
use std::fmt::Write;

/// The Graphviz text of the functions of `module` (a live operation: a
/// `builtin.module`, or one `func.func`).
pub fn render<'c>(module: &melior::ir::Operation<'c>) -> String {
    let module = tg_dialect::ir::op_ref(module);
    let mut graph = Graph::default();
    graph.out.push_str("digraph module {\n  node [shape=box, fontname=\"monospace\"];\n");
    let functions = module.region(0).ok().and_then(|r| r.first_block()).map(ops_of).unwrap_or_default();
    // A bare function (--no-implicit-module) is drawn alone.
    let functions = if op_name(&module) == "func.func" { vec![module] } else { functions };
    for function in functions.into_iter().filter(|op| op_name(op) == "func.func") {
        graph.function(function);
    }
    for (source, target) in &graph.edges {
        let _ = writeln!(graph.out, "  n{source} -> n{target};");
    }
    graph.out.push_str("}\n");
    graph.out
}

#[derive(Default)]
struct Graph {
    out: String,
    /// The node producing each value (by its MLIR value pointer).
    producer: HashMap<*const c_void, usize>,
    /// Edges (producer, user), written after every node so that no edge
    /// statement places a node in a cluster.
    edges: Vec<(usize, usize)>,
    nodes: usize,
    clusters: usize,
}

impl Graph {
    fn function(&mut self, function: OperationRef) {
        let symbol = string_attribute(&function, "sym_name");
        let _ = writeln!(self.out, "  subgraph \"cluster_@{}\" {{\n    label=\"@{}\";", escape(&symbol), escape(&symbol));
        let blocks = function.region(0).ok().and_then(|r| r.first_block());
        if let Some(body) = blocks {
            for index in 0..body.argument_count() {
                let Ok(argument) = body.argument(index) else { continue };
                let node = self.node(&format!("%arg{index}"), &argument.r#type().to_string(), "ellipse", 2);
                self.producer.insert(argument.to_raw().ptr, node);
            }
            self.block(body, None, 2);
        }
        self.out.push_str("  }\n");
    }

    /// Draws the ops of `block`, except `skip` (a body's terminator), at `depth`
    /// (for indentation).
    fn block(&mut self, block: BlockRef, skip: Option<OperationRef>, depth: usize) {
        for op in ops_of(block).into_iter().filter(|op| Some(*op) != skip) {
            if op_name(&op) == "tg.fused" {
                self.fused(op, depth);
                continue;
            }
            let types: Vec<String> = op.results().map(|r| r.r#type().to_string()).collect();
            let node = self.node(&op_name(&op), &types.join(", "), "box", depth);
            self.edges_into(node, op);
            for result in op.results() {
                self.producer.insert(result.to_raw().ptr, node);
            }
        }
    }

    /// A `tg.fused` as a cluster: block arguments stand for the operands'
    /// producers, results for the yielded values' producers.
    fn fused(&mut self, op: OperationRef, depth: usize) {
        let indent = "  ".repeat(depth);
        let kind = string_attribute(&op, "kind");
        let cluster = self.clusters;
        self.clusters += 1;
        let _ = writeln!(
            self.out,
            "{indent}subgraph cluster_{cluster} {{\n{indent}  label=\"tg.fused \\\"{}\\\"\";\n{indent}  style=filled; fillcolor=\"#eef3fb\";",
            escape(&kind)
        );
        if let Some(body) = op.region(0).ok().and_then(|r| r.first_block()) {
            for (index, operand) in op.operands().enumerate() {
                let (Ok(argument), Some(node)) = (body.argument(index), self.producer.get(&operand.to_raw().ptr).copied())
                else {
                    continue;
                };
                self.producer.insert(argument.to_raw().ptr, node);
            }
            let terminator = body.terminator();
            self.block(body, terminator, depth + 1);
            if let Some(terminator) = terminator {
                for (result, yielded) in op.results().zip(terminator.operands()) {
                    if let Some(&node) = self.producer.get(&yielded.to_raw().ptr) {
                        self.producer.insert(result.to_raw().ptr, node);
                    }
                }
            }
        }
        let _ = writeln!(self.out, "{indent}}}");
    }

    /// A new node; its number.
    fn node(&mut self, name: &str, types: &str, shape: &str, depth: usize) -> usize {
        let id = self.nodes;
        self.nodes += 1;
        let label = if types.is_empty() { escape(name) } else { format!("{}\\n{}", escape(name), escape(types)) };
        let _ = writeln!(self.out, "{}n{id} [label=\"{label}\", shape={shape}];", "  ".repeat(depth));
        id
    }

    /// An edge from the producer of each value `op` (or an op nested in it)
    /// reads to `node`, once per producer.
    fn edges_into(&mut self, node: usize, op: OperationRef) {
        let mut sources = BTreeSet::new();
        op.walk(melior::ir::operation::WalkOrder::PreOrder, |nested| {
            for operand in nested.operands() {
                if let Some(&source) = self.producer.get(&operand.to_raw().ptr) {
                    sources.insert(source);
                }
            }
            melior::ir::operation::WalkResult::Advance
        });
        self.edges.extend(sources.into_iter().map(|source| (source, node)));
    }
}

fn ops_of<'c, 'a>(block: BlockRef<'c, 'a>) -> Vec<OperationRef<'c, 'a>> {
    let mut ops = Vec::new();
    let mut next = block.first_operation();
    while let Some(op) = next {
        ops.push(op);
        next = op.next_in_block();
    }
    ops
}

/// The string attribute `name` of `op`; empty if there is none.
fn string_attribute(op: &OperationRef, name: &str) -> String {
    op.attribute(name)
        .ok()
        .and_then(|a| StringAttribute::try_from(a).ok())
        .map(|s| s.value().to_string())
        .unwrap_or_default()
}

fn op_name(op: &OperationRef) -> String {
    op.name().as_string_ref().as_str().unwrap_or("?").to_string()
}

/// `text` inside a double-quoted Graphviz string.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}
