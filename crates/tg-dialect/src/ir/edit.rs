//! Changing IR in place through plain op handles (`OperationRef`), as
//! passes do while they walk: melior allows it only through `OperationRefMut`,
//! which a walk does not hand out.
//!
//! Each function needs its handles live (not erased) on entry, which a pass
//! upholds by construction: it edits ops it just found or just built.

use melior::ir::operation::OperationLike;
use melior::ir::{Attribute, AttributeLike, Operation, OperationRef, Value, ValueLike};
use melior::StringRef;

/// Sets operand `index` of `op` to `value`; `index` must be below the
/// operand count (checked: out of range does nothing and returns false).
pub fn set_operand<'c, 'a>(op: OperationRef<'c, 'a>, index: usize, value: Value<'c, '_>) -> bool {
    if index >= op.operand_count() {
        return false;
    }
    // SAFETY: `op` is live and `index` is in range (checked above).
    unsafe { mlir_sys::mlirOperationSetOperand(op.to_raw(), index as isize, value.to_raw()) };
    true
}

/// Sets attribute `name` (inherent or discardable) of `op`.
pub fn set_attribute(op: OperationRef, name: &str, attribute: Attribute) {
    // SAFETY: `op` is live; MLIR copies the name; the attribute is context-owned.
    unsafe { mlir_sys::mlirOperationSetAttributeByName(op.to_raw(), StringRef::new(name).to_raw(), attribute.to_raw()) }
}

/// Sets discardable attribute `name` of `op` (a tag such as `tg.group`).
pub fn set_discardable_attribute(op: OperationRef, name: &str, attribute: Attribute) {
    // SAFETY: as in `set_attribute`.
    unsafe {
        mlir_sys::mlirOperationSetDiscardableAttributeByName(
            op.to_raw(),
            StringRef::new(name).to_raw(),
            attribute.to_raw(),
        )
    }
}

/// Removes discardable attribute `name` of `op`, if it has it.
pub fn remove_discardable_attribute(op: OperationRef, name: &str) {
    // SAFETY: `op` is live; a missing attribute is no error.
    unsafe { mlir_sys::mlirOperationRemoveDiscardableAttributeByName(op.to_raw(), StringRef::new(name).to_raw()) };
}

/// Sets the location of `op` (an owned op, or one in a block).
pub fn set_location<'c: 'a, 'a>(op: &impl OperationLike<'c, 'a>, location: melior::ir::Location<'c>) {
    // SAFETY: `op` and the location (context-owned) are live.
    unsafe { mlir_sys::mlirOperationSetLocation(op.to_raw(), location.to_raw()) }
}

/// Moves `op` just before `before` (both in blocks).
pub fn move_before(op: OperationRef, before: OperationRef) {
    // SAFETY: both ops are live and in blocks (callers move ops found in a block).
    unsafe { mlir_sys::mlirOperationMoveBefore(op.to_raw(), before.to_raw()) }
}

/// Detaches `op` from its block; the caller owns it (it is destroyed when
/// the returned `Operation` drops, unless appended to a block again).
pub fn remove_from_parent<'c>(op: OperationRef<'c, '_>) -> Operation<'c> {
    // SAFETY: `op` is live; once removed no block owns it, so the returned
    // value is its one owner.
    unsafe {
        mlir_sys::mlirOperationRemoveFromParent(op.to_raw());
        Operation::from_raw(op.to_raw())
    }
}

/// A deep copy of `op`, owned by the caller.
pub fn clone<'c>(op: OperationRef<'c, '_>) -> Operation<'c> {
    // SAFETY: `op` is live; the clone is a new op no block owns.
    unsafe { Operation::from_raw(mlir_sys::mlirOperationClone(op.to_raw())) }
}

/// Erases `op` (and everything in its regions), which must have no uses
/// left. `op`, copies of it and handles into it must not be used again.
pub fn erase(op: OperationRef) {
    // SAFETY: `op` is live and unused (the contract above); after this call
    // no caller touches it again.
    unsafe { mlir_sys::mlirOperationDestroy(op.to_raw()) }
}

/// Makes every use of `of` a use of `with`.
pub fn replace_all_uses<'c>(of: Value<'c, '_>, with: Value<'c, '_>) {
    // SAFETY: both values are live.
    unsafe { mlir_sys::mlirValueReplaceAllUsesOfWith(of.to_raw(), with.to_raw()) }
}

/// Makes every use of `of` but those in `except` a use of `with`.
pub fn replace_all_uses_except<'c>(of: Value<'c, '_>, with: Value<'c, '_>, except: &[OperationRef]) {
    let mut except: Vec<mlir_sys::MlirOperation> = except.iter().map(|op| op.to_raw()).collect();
    // SAFETY: the values and ops are live; MLIR reads the array during the call only.
    unsafe {
        mlir_sys::mlirValueReplaceAllUsesExcept(of.to_raw(), with.to_raw(), except.len() as isize, except.as_mut_ptr())
    }
}

/// Parses one op from `text` (an MLIR module, say), reporting errors to the
/// context's handlers at locations in `source_name`. `None` if it does not
/// parse, or if `text` holds a NUL byte (MLIR's lexer reads one as the end).
pub fn parse_operation<'c>(context: &'c melior::Context, text: &str, source_name: &str) -> Option<Operation<'c>> {
    // MLIR's lexer reads the byte after the text as its end marker (the
    // parser does not copy it), so the text must end in a NUL.
    let text = std::ffi::CString::new(text).ok()?;
    let (text, name) = (StringRef::from_c_str(&text), StringRef::new(source_name));
    // SAFETY: the context is live; `text` is NUL-terminated and outlives the
    // call; MLIR returns a new, unowned op or null.
    let raw = unsafe { mlir_sys::mlirOperationCreateParse(context.to_raw(), text.to_raw(), name.to_raw()) };
    // SAFETY: a non-null result is a new op that only the returned value owns.
    (!raw.ptr.is_null()).then(|| unsafe { Operation::from_raw(raw) })
}

/// Fills the empty region of a builtin named linalg op (`linalg.matmul`,
/// `linalg.fill`, ...) with its scalar body, as its C++ builders do.
pub fn fill_named_linalg_region(op: OperationRef) -> bool {
    let is_linalg = op.name().as_string_ref().as_str().is_ok_and(|n| n.starts_with("linalg."));
    if !is_linalg || op.region_count() != 1 {
        return false;
    }
    // SAFETY: `op` is live, a linalg op with one region; the C API fills the
    // region of a named op (it casts without checking, hence the check above).
    unsafe { mlir_sys::mlirLinalgFillBuiltinNamedOpRegion(op.to_raw()) };
    true
}

