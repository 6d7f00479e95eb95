//! `tg-fuse`: graph-level operator fusion. Groups `tg` ops that a backend
//! should compute as one kernel and wraps each group in a `tg.fused` op.
//!
//! Accepts: any `func.func`. Only `tg` ops in the blocks of the function's
//! body are grouped; ops of other dialects, ops inside `tg.fused` (so the
//! pass may run again on its own output) and ops in nested regions are left
//! alone and never join a group.
//!
//! Produces: one `tg.fused` op per group of two or more ops, in place of the
//! group's last op; its `kind` lists the members (`"matmul+add+relu"`).
//! Values from outside become its operands, values used outside its results.
//! Ops in no group stay as they are. The function computes the same values.
//!
//! # What fuses
//!
//! Each op gets a pattern, as in TVM (`pattern::Pattern`): *elementwise* (unary
//! ops, `cast`, binary ops without broadcasting), *broadcast* (binary ops
//! that broadcast, `broadcast_to`), *injective* (`transpose`, `reshape`,
//! `slice`, `concat`, `pad`), *reduction* (`reduce_*`, `softmax`),
//! *out-fusable* (`matmul`, `conv2d`, `max_pool2d`, `avg_pool2d`), *cheap*
//! (`tg.constant`) or *opaque* (everything else). Out-fusable ops and
//! reductions are *anchors*: the one heavy op a group is built around.
//!
//! a) Chains of elementwise, broadcast and injective ops fuse together.
//! b) Elementwise and broadcast consumers of an out-fusable op fuse into it
//!    as its epilogue (conv2d+add+relu, matmul+add+relu). Nothing fuses into
//!    it as a prologue: it reads its operands as they are. Two out-fusable
//!    ops never share a group. Epilogues are grown first, forward from each
//!    out-fusable op, so an elementwise op between a matmul and a reduction
//!    joins the matmul.
//! c) An op joins a group only if every op using its result is in that group
//!    (so no op is ever computed twice, and only a group's last op is used
//!    outside it). The exception is `tg.constant`: it never joins a group but
//!    is cloned into each group that reads it.
//! d) With `fuse-reductions=true` (the default), elementwise, broadcast and
//!    injective producers fuse into a reduction as its prologue, and
//!    elementwise and broadcast consumers after it as its epilogue; a group
//!    holds one anchor at most. With `fuse-reductions=false` reductions stay
//!    alone.
//! e) A group is never formed if a path would leave it and come back through
//!    an op outside it (checked on the petgraph dataflow graph).
//! f) A group holds at most `max-group-size` ops (default 16; cloned
//!    constants do not count).
//!
//! Outside epilogue growth, ops are visited from the last to the first, and
//! an op joins the group of its consumers when (a) to (f) allow it. The
//! result depends only on the IR, never on hashing or threads.

pub(crate) mod graph;
mod grouping;
mod outline;
mod pattern;

use tg_dialect::ir::context::with_context;
use tg_dialect::ir::edit;
use tg_dialect::ir::uses::users;
use crate::pipeline::catalog::PassInfo;
use crate::framework::options::OptionValues;
use crate::framework::pass::{PassId, RustPass};
use tg_dialect::ir::diagnostics::emit_error;
use grouping::Limits;
use melior::ir::block::BlockLike;
use melior::ir::operation::OperationLike;
use melior::ir::{OperationRef, RegionLike};
use melior::pass::{ExternalPass, Pass};
use std::collections::HashSet;
use std::ffi::c_void;

crate::pass_options! {
    /// How much `tg-fuse` fuses.
    pub struct FuseOptions {
        /// Most ops in one fused group (constants cloned into it do not count)
        max_group_size: u64 = "16" as "max-group-size" in 0..=(1 << 20),
        /// Fuse reductions with elementwise/injective producers and elementwise consumers
        fuse_reductions: bool = "true" as "fuse-reductions",
    }
}

pub const PASS: RustPass = RustPass {
    info: PassInfo {
        name: "tg-fuse",
        summary: "Group tg ops into tg.fused ops, one per kernel",
        description: "Fuses chains of elementwise, broadcast and injective ops, elementwise epilogues \
                      into matmul, conv2d and pooling, and prologues and epilogues into reductions, \
                      each group becoming one tg.fused op.",
        anchor: "func.func",
        options: FuseOptions::INFO,
    },
    create,
};

static ID: PassId = PassId;

#[derive(Clone)]
struct Fuse {
    limits: Limits,
}

fn create(values: &OptionValues) -> Pass {
    let options = FuseOptions::from_values(values);
    let limits = Limits {
        max_group_size: usize::try_from(options.max_group_size).unwrap_or(0),
        fuse_reductions: options.fuse_reductions,
    };
    let pass = Fuse { limits };
    PASS.external(
        &ID,
        "TgFuse",
        &[tg_dialect::handle()],
        move |op: OperationRef, external: ExternalPass| {
            with_context(op.context(), |context| {
                if let Err((location, message)) = pass.run(context, op) {
                    emit_error(location, &format!("tg-fuse: {message}"));
                    external.signal_failure();
                }
            })
        },
    )
}

impl Fuse {
    /// Fuses every block of `func`'s body; the location and reason of the
    /// first group that could not be outlined.
    fn run<'c>(
        &self,
        context: &'c melior::Context,
        func: OperationRef<'c, '_>,
    ) -> Result<(), (melior::ir::Location<'c>, String)> {
        let Ok(body) = func.region(0) else { return Ok(()) };
        let mut next = body.first_block();
        while let Some(block) = next {
            let graph = graph::build(block);
            let mut cloned: Vec<OperationRef> = Vec::new();
            for members in grouping::groups(&graph.dataflow, self.limits) {
                let group = outline::Group { members: members.iter().map(|&i| graph.ops[i]).collect() };
                let (_, constants) =
                    group.outline(context).map_err(|message| (group.members[0].location(), message))?;
                cloned.extend(constants);
            }
            erase_unused(&cloned);
            next = block.next_in_region();
        }
        Ok(())
    }
}

/// Erases the constants (each once) that no longer have a use: every group
/// reading them has its own clone now.
fn erase_unused(constants: &[OperationRef]) {
    let mut seen: HashSet<*mut c_void> = HashSet::new();
    for constant in constants {
        if !seen.insert(constant.to_raw().ptr) {
            continue;
        }
        let unused = constant.results().all(|r| users(r.into()).is_empty());
        if unused {
            // Erased at most once (`seen`); this block's `graph`, which holds
            // it too, is dropped next.
            edit::erase(*constant);
        }
    }
}
