//! `tg-schedule`: the loop-level schedule of `tg-compile opt-level=3`,
//! written as a transform-dialect script and applied by MLIR's transform
//! interpreter.
//!
//! Accepts: a module of functions on static tensors after `tg-to-linalg`
//! (linalg, tensor, arith, math). Guarantees: the functions compute the same
//! values; the contractions and the structured ops it understands are tiled
//! (an outer `scf.forall` when `threads > 1`), vectorized, and their
//! `vector.contract`s lowered to FMAs; every other op is left as it was.
//! The IR stays on tensors (bufferization comes after).
//!
//! The computation and its schedule are kept apart, as in Halide and TVM:
//! the script is generated from the ops (see `script.rs` for the recipes),
//! `emit=true` puts it into the module instead of applying it so a user can
//! read and edit it, and `file=PATH` applies the user's own script (a
//! `transform.named_sequence @__transform_main` in a module with
//! `transform.with_named_sequence`) instead. A module that carries its own
//! `@__transform_main` (`embedded.rs`) gets that one applied.

mod analysis;
pub mod embedded;
mod host;
mod script;

use tg_dialect::ir::context::with_context;
use crate::pipeline::catalog::PassInfo;
use crate::framework::options::{OptionValues, MAX_THREADS};
use crate::framework::pass::{PassId, RustPass};
use tg_dialect::ir::uses::users;
use tg_dialect::ir::context::Upstream;
use tg_dialect::ir::walk::{self, Visit};
use tg_dialect::ir::{edit, transform};
use tg_dialect::ir::diagnostics::emit_error;
use melior::dialect::DialectHandle;
use melior::ir::attribute::IntegerAttribute;
use melior::ir::block::BlockLike;
use melior::ir::operation::OperationLike;
use melior::ir::r#type::IntegerType;
use melior::ir::{OperationRef, RegionLike};
use melior::pass::{ExternalPass, Pass};

pub use host::host_vector_width;
pub use script::{finishing_patterns, Params};

/// The discardable attribute that names an op for the script.
const TAG: &str = "tg.schedule";

crate::pass_options! {
    /// What `tg-schedule` generates, or which script it applies.
    pub struct ScheduleOptions {
        /// f32 lanes per vector register; 0: the host's (16 with AVX-512, 8 with AVX2, else 4)
        vector_width: u64 = "0" as "vector-width" in 0..=64,
        /// Cut the outer parallel loop into this many slices (scf.forall)
        threads: u64 = "1" as "threads" in 1..=MAX_THREADS,
        /// Depth of the reduction block of a contraction's packed panels
        kc: u64 = "1024" as "kc" in 1..=(1 << 20),
        /// Apply this transform script (@__transform_main) instead of the generated one
        file: String = "" as "file",
        /// Put the generated script into the module instead of applying it
        emit: bool = "false" as "emit",
        /// Only apply a schedule the module carries (before fusion merges the ops it names); generate none
        embedded_only: bool = "false" as "embedded-only",
    }
}

pub const PASS: RustPass = RustPass {
    info: PassInfo {
        name: "tg-schedule",
        summary: "Tile, pack, vectorize and parallelize linalg ops with a transform-dialect schedule",
        description: "Generates a transform-dialect script for the module's linalg ops (data-tiled \
                      contractions with an FMA micro-kernel, vectorized elementwise and reduction \
                      ops, scf.forall over threads) and applies it, or applies a user's script.",
        anchor: "builtin.module",
        options: ScheduleOptions::INFO,
    },
    create,
};

static ID: PassId = PassId;

#[derive(Clone)]
struct Schedule {
    params: Params,
    file: String,
    emit: bool,
    embedded_only: bool,
}

fn create(values: &OptionValues) -> Pass {
    let options = ScheduleOptions::from_values(values);
    let width = match options.vector_width {
        0 => host_vector_width(),
        w => w as i64,
    };
    let pass = Schedule {
        params: Params { vector_width: width, threads: (options.threads as i64).max(1), kc: (options.kc as i64).max(1) },
        file: options.file,
        emit: options.emit,
        embedded_only: options.embedded_only,
    };
    // Everything the interpreter creates, loaded before any pass runs.
    let dialects = [
        Upstream::Transform.handle(),
        Upstream::Vector.handle(),
        Upstream::Affine.handle(),
        Upstream::Ub.handle(),
        DialectHandle::scf(),
        DialectHandle::linalg(),
        DialectHandle::tensor(),
        DialectHandle::arith(),
        DialectHandle::memref(),
    ];
    PASS.external(
        &ID,
        "TgSchedule",
        &dialects,
        move |op: OperationRef, external: ExternalPass| {
            if !with_context(op.context(), |context| pass.run(context, op)) {
                external.signal_failure();
            }
        },
    )
}

impl Schedule {
    fn run(&self, context: &melior::Context, module: OperationRef) -> bool {
        if let Some(entry) = embedded::find(module) {
            if self.emit {
                // The module shows its schedule already.
                return true;
            }
            if self.file.is_empty() {
                let applied = transform::apply_named_sequence(module, entry, &module);
                embedded::drop_schedule(module);
                if !applied {
                    return false;
                }
            } else {
                embedded::drop_schedule(module);
            }
        }
        if self.embedded_only {
            return true;
        }
        let text = if self.file.is_empty() {
            let targets = tag_targets(context, module);
            if targets.is_empty() {
                return true;
            }
            script::module(&targets, self.params)
        } else {
            match std::fs::read_to_string(&self.file) {
                Ok(text) => text,
                Err(error) => {
                    emit_error(module.location(), &format!("tg-schedule: cannot read the schedule '{}': {error}", self.file));
                    return false;
                }
            }
        };
        let source_name = if self.file.is_empty() { "<tg-schedule>" } else { &self.file };
        let Some(script) = edit::parse_operation(context, &text, source_name) else {
            let problem = if text.contains('\0') { "contains a NUL byte" } else { "does not parse" };
            emit_error(module.location(), &format!("tg-schedule: the schedule '{source_name}' {problem}"));
            clear_tags(module);
            return false;
        };
        let ok = if self.emit {
            self.insert(context, module, &script)
        } else {
            apply(module, &script, source_name)
        };
        if !self.emit {
            clear_tags(module);
        }
        ok
    }

    /// Moves the script's named sequences into `module` (which then carries
    /// `transform.with_named_sequence`), for a user to read or edit.
    fn insert(&self, context: &melior::Context, module: OperationRef, script: &melior::ir::Operation) -> bool {
        let Some(body) = module.region(0).ok().and_then(|r| r.first_block()) else {
            return false;
        };
        let Some(script_body) = script.region(0).ok().and_then(|r| r.first_block()) else {
            return false;
        };
        let mut next = script_body.first_operation();
        while let Some(op) = next {
            next = op.next_in_block();
            body.append_operation(edit::clone(op));
        }
        edit::set_discardable_attribute(module, "transform.with_named_sequence", melior::ir::Attribute::unit(context));
        true
    }
}

/// Applies the script's `@__transform_main` to `module`.
fn apply(module: OperationRef, script: &melior::ir::Operation, source_name: &str) -> bool {
    let Some(entry) = find_entry(script) else {
        emit_error(
            module.location(),
            &format!("tg-schedule: the schedule '{source_name}' has no transform.named_sequence @__transform_main"),
        );
        return false;
    };
    transform::apply_named_sequence(module, entry, script)
}

fn find_entry<'c, 'a>(script: &'a melior::ir::Operation<'c>) -> Option<OperationRef<'c, 'a>> {
    let block = script.region(0).ok()?.first_block()?;
    let mut next = block.first_operation();
    while let Some(op) = next {
        next = op.next_in_block();
        let is_sequence = op.name().as_string_ref().as_str() == Ok("transform.named_sequence");
        let named_main = op.attribute("sym_name").is_ok_and(|a| a.to_string() == "\"__transform_main\"");
        if is_sequence && named_main {
            return Some(op);
        }
    }
    None
}

/// Tags every linalg op the schedule knows how to treat, in program order,
/// and returns the tags with what the analysis found.
fn tag_targets(context: &melior::Context, module: OperationRef) -> Vec<(i64, analysis::Kind)> {
    let i64_type = IntegerType::new(context, 64).into();
    let mut found = Vec::new();
    for_each_function_op(module, &mut |op| {
        let is_linalg = op.name().as_string_ref().as_str().is_ok_and(|n| n.starts_with("linalg."));
        // What a module's own schedule treated (its mark is on the op's
        // yield) stays as that schedule left it.
        let is_linalg = is_linalg && !embedded::scheduled_by_module(op);
        if let Some(kind) = is_linalg.then(|| analysis::classify(op)).flatten() {
            found.push((op, kind));
        }
    });
    // A fill that initializes a contraction's accumulator is the
    // contraction's to schedule: packed, it folds into a fill of the packed
    // accumulator, which the contraction's recipe tiles with its own loops.
    let contractions: Vec<_> = found
        .iter()
        .filter(|(_, kind)| matches!(kind, analysis::Kind::Contraction { .. } | analysis::Kind::Conv { .. }))
        .map(|(op, _)| op.to_raw())
        .collect();
    let mut targets = Vec::new();
    for (op, kind) in found {
        let feeds_contraction = op.result(0).ok().is_some_and(|result| {
            users(result.into()).iter().any(|user| contractions.iter().any(|c| c.ptr == user.to_raw().ptr))
        });
        if op.name().as_string_ref().as_str() == Ok("linalg.fill") && feeds_contraction {
            continue;
        }
        let tag = targets.len() as i64;
        let attribute = IntegerAttribute::new(i64_type, tag);
        edit::set_discardable_attribute(op, TAG, attribute.into());
        targets.push((tag, kind));
    }
    targets
}

/// Removes the tags (also from ops whose schedule did not apply).
fn clear_tags(module: OperationRef) {
    let tagged = walk::collect(module, |op| if op.attribute(TAG).is_ok() { Visit::Take } else { Visit::Continue });
    for op in tagged {
        edit::remove_discardable_attribute(op, TAG);
    }
}

/// Calls `f` on the ops directly in the bodies of the module's functions.
fn for_each_function_op<'c, 'a>(module: OperationRef<'c, 'a>, f: &mut dyn FnMut(OperationRef<'c, 'a>)) {
    let Some(body) = module.region(0).ok().and_then(|r| r.first_block()) else {
        return;
    };
    let mut next = body.first_operation();
    while let Some(function) = next {
        next = function.next_in_block();
        if function.name().as_string_ref().as_str() != Ok("func.func") {
            continue;
        }
        let Some(block) = function.region(0).ok().and_then(|r| r.first_block()) else {
            continue;
        };
        let mut op = block.first_operation();
        while let Some(current) = op {
            op = current.next_in_block();
            f(current);
        }
    }
}
