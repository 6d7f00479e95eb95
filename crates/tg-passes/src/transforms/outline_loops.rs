//! `tg-outline-loops`: each top-level loop nest of a function in a function of its own.
//!
//! A network compiled on one thread is one function holding hundreds of
//! loop nests, and LLVM's loop passes (IndVarSimplify above all: 9 of
//! ShuffleNet's 14 s in `opt -O2`) cost more than linearly in a function's
//! size. Outlined into noinline functions, as IREE's dispatches are, each
//! nest is optimized alone. The outlined functions have internal linkage,
//! so LLVM still propagates the constants their calls pass
//! (interprocedural constant propagation) and drops the arguments they do
//! not use.
//!
//! Accepts: functions whose bodies hold `scf.for` loops (bufferized, before
//! the conversion to the LLVM dialect). Guarantees: in each function with
//! two or more `scf.for` ops directly in its body, each of them is replaced
//! by an `scf.execute_region` (canonicalize inlines it) holding a call to a
//! new private function `@<name>_nest` (uniqued: `_nest_0`, `_nest_1`, ...)
//! that runs it, with `passthrough = ["noinline"]` and internal linkage;
//! nothing else changes.

use crate::framework::options::OptionValues;
use crate::framework::pass::{PassId, RustPass};
use crate::pipeline::catalog::PassInfo;
use melior::dialect::DialectHandle;
use melior::ir::operation::OperationLike;
use melior::ir::{Attribute, BlockLike, OperationRef, RegionLike};
use melior::pass::{ExternalPass, Pass};
use melior::Context;
use tg_dialect::ir::context::with_context;
use tg_dialect::ir::walk::{self, Visit};
use tg_dialect::ir::{edit, transform};

pub const PASS: RustPass = RustPass {
    info: PassInfo {
        name: "tg-outline-loops",
        summary: "Outline each top-level scf.for of a function into a noinline function",
        description: "In every function with two or more top-level scf.for loops, moves each into a private, \
                      noinline function of its own (internal linkage), so LLVM optimizes one loop nest at a time.",
        anchor: "builtin.module",
        options: &[],
    },
    create,
};

static ID: PassId = PassId;

/// Marks the loops to outline while the script runs.
const MARK: &str = "tg.outline";

/// Outlines every marked loop into a function named after `FUNCTION`,
/// and gives the new functions their attributes.
const SCRIPT: &str = r#"module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %loops = transform.structured.match ops{["scf.for"]} attributes {tg.outline} in %root : (!transform.any_op) -> !transform.any_op
    %outlined, %calls = transform.loop.outline %loops {func_name = "FUNCTION_nest"} : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %private = transform.param.constant "private" -> !transform.any_param
    transform.annotate %outlined "sym_visibility" = %private : !transform.any_op, !transform.any_param
    %internal = transform.param.constant #llvm.linkage<internal> -> !transform.any_param
    transform.annotate %outlined "llvm.linkage" = %internal : !transform.any_op, !transform.any_param
    %noinline = transform.param.constant ["noinline"] -> !transform.any_param
    transform.annotate %outlined "passthrough" = %noinline : !transform.any_op, !transform.any_param
    transform.yield
  }
}"#;

fn create(_: &OptionValues) -> Pass {
    let dialects = [DialectHandle::func(), DialectHandle::scf(), DialectHandle::llvm()];
    PASS.external(&ID, "TgOutlineLoops", &dialects, |module: OperationRef, external: ExternalPass| {
        if !with_context(module.context(), |context| run(context, module)) {
            external.signal_failure();
        }
    })
}

fn run(context: &Context, module: OperationRef) -> bool {
    walk::children_named(module, "func.func").into_iter().all(|function| outline(context, module, function))
}

/// Outlines the top-level loops of `function` if it has two or more.
fn outline(context: &Context, module: OperationRef, function: OperationRef) -> bool {
    let loops = walk::children_named(function, "scf.for");
    if loops.len() < 2 {
        return true;
    }
    let name = function.attribute("sym_name").ok().map(|a| a.to_string().trim_matches('"').to_string());
    let name = name.unwrap_or_else(|| "function".to_string());
    for l in &loops {
        edit::set_discardable_attribute(*l, MARK, Attribute::unit(context));
    }
    let text = SCRIPT.replace("FUNCTION", &name);
    let Some(script) = edit::parse_operation(context, &text, "<tg-outline-loops>") else {
        return false;
    };
    let Some(entry) = script.region(0).ok().and_then(|r| r.first_block()).and_then(|b| b.first_operation()) else {
        return false;
    };
    let applied = transform::apply_named_sequence(module, entry, &script);
    let marked = walk::collect(module, |op| if op.attribute(MARK).is_ok() { Visit::Take } else { Visit::Continue });
    for op in marked {
        edit::remove_discardable_attribute(op, MARK);
    }
    applied
}
