//! A schedule a module carries itself: `transform.named_sequence
//! @__transform_main` in its body and `transform.with_named_sequence` on it,
//! as `mlir-opt --transform-interpreter` reads one (`tg-schedule{emit}`
//! writes one; `tensor-translate --import-tc` writes a `.tc` function's).
//! `tg-schedule` applies it (`tg-compile` does so right after
//! `tg-to-linalg`, before fusion merges the ops it names), and generates
//! its own schedule only for the ops that one did not treat (the ops whose
//! yield carries `tc.body`);
//! `tg-drop-schedule`
//! removes it, which is always correct, since a schedule never changes
//! results (`tg-compile` below opt-level 3).
//!
//! `tg-drop-schedule` accepts any module and guarantees that no
//! `transform.named_sequence` is left in its body and that it has no
//! `transform.with_named_sequence` attribute; nothing else changes.

use crate::framework::options::OptionValues;
use crate::framework::pass::{PassId, RustPass};
use crate::pipeline::catalog::PassInfo;
use melior::ir::block::BlockLike;
use melior::ir::operation::OperationLike;
use melior::ir::{OperationRef, RegionLike};
use melior::pass::{ExternalPass, Pass};
use tg_dialect::ir::edit;
use tg_dialect::ir::walk;

pub const ATTRIBUTE: &str = "transform.with_named_sequence";

/// The mark a module's schedule leaves on the yield of each op it treats
/// (`.tc` schedules do): the generated schedule leaves those ops alone.
pub const TREATED: &str = "tc.body";

pub const DROP_PASS: RustPass = RustPass {
    info: PassInfo {
        name: "tg-drop-schedule",
        summary: "Remove the transform-dialect schedule a module carries",
        description: "Erases the transform.named_sequence ops in the module's body and its \
                      transform.with_named_sequence attribute (a schedule never changes results).",
        anchor: "builtin.module",
        options: &[],
    },
    create,
};

static ID: PassId = PassId;

fn create(_: &OptionValues) -> Pass {
    DROP_PASS.external(&ID, "TgDropSchedule", &[], |module: OperationRef, _: ExternalPass| drop_schedule(module))
}

/// The module's own `@__transform_main`, if it carries one.
pub fn find<'c, 'a>(module: OperationRef<'c, 'a>) -> Option<OperationRef<'c, 'a>> {
    if module.attribute(ATTRIBUTE).is_err() {
        return None;
    }
    walk::children_named(module, "transform.named_sequence").into_iter().find(|op| op.attribute("sym_name").is_ok_and(|a| a.to_string() == "\"__transform_main\""))
}

/// Whether `op` (a linalg op) carries the mark of a module's own schedule.
pub fn scheduled_by_module(op: OperationRef) -> bool {
    let last = op.region(0).ok().and_then(|r| r.first_block()).and_then(|b| b.terminator());
    last.is_some_and(|t| t.attribute(TREATED).is_ok())
}

/// Removes every named sequence of the module's body and the attribute.
pub fn drop_schedule(module: OperationRef) {
    for op in walk::children_named(module, "transform.named_sequence") {
        edit::erase(op);
    }
    edit::remove_discardable_attribute(module, ATTRIBUTE);
}
