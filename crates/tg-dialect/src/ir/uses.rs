//! Who uses a value, and where an op sits relative to a block.

use melior::ir::block::BlockLike;
use melior::ir::operation::OperationLike;
use melior::ir::{BlockRef, OperationRef, Value, ValueLike};

/// The ops using `value`, one entry per use, in use-list order.
pub fn users<'c, 'a>(value: Value<'c, 'a>) -> Vec<OperationRef<'c, 'a>> {
    let mut users = Vec::new();
    // SAFETY: `value` is live; its use list is only read, and nothing changes
    // it during the walk; each owner is a live op of the same IR.
    unsafe {
        let mut operand = mlir_sys::mlirValueGetFirstUse(value.to_raw());
        while !mlir_sys::mlirOpOperandIsNull(operand) {
            users.push(OperationRef::from_raw(mlir_sys::mlirOpOperandGetOwner(operand)));
            operand = mlir_sys::mlirOpOperandGetNextUse(operand);
        }
    }
    users
}

/// The op of `block` that is `op` or holds it in one of its regions.
pub fn ancestor_in<'c, 'a>(block: BlockRef<'c, 'a>, op: OperationRef<'c, 'a>) -> Option<OperationRef<'c, 'a>> {
    let mut current = Some(op);
    while let Some(op) = current {
        if op.block().is_some_and(|b| b.to_raw().ptr == block.to_raw().ptr) {
            return Some(op);
        }
        current = op.parent_operation();
    }
    None
}
