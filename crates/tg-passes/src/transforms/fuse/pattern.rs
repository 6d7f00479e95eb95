//! The fusion pattern of an op: what `tg-fuse` may fuse it with, in the
//! terms TVM uses (`OpPatternKind`): the op class its ODS definition
//! declares, refined by its types (a binary op that does not broadcast is
//! elementwise).

use melior::ir::operation::OperationLike;
use melior::ir::{OperationRef, ValueLike};
use tg_dialect::{OpClass, TgOp};

/// A fusion pattern: the op classes of ODS (TVM's pattern kinds), from the
/// most to the least fusable.
pub use tg_dialect::OpClass as Pattern;

/// The pattern of `op`: its ODS op class, but a binary op whose operands
/// have the result's type does not broadcast and is elementwise; any op
/// not of `tg` is opaque.
pub fn pattern_of(op: OperationRef) -> Pattern {
    let Some(tg_op) = TgOp::of(&op) else { return Pattern::Opaque };
    match tg_op.class() {
        // `tg.broadcast_to` always changes the shape.
        OpClass::Broadcast if tg_op != TgOp::BroadcastTo && operands_have_result_type(op) => Pattern::Elementwise,
        class => class,
    }
}

/// Whether every operand of a binary op has the result's type (shape and
/// element type), so the op does not broadcast.
fn operands_have_result_type(op: OperationRef) -> bool {
    let Ok(result) = op.result(0) else { return false };
    let ty = result.r#type();
    op.operands().all(|operand| operand.r#type() == ty)
}
