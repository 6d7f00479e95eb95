//! Applying a transform-dialect script (tg-schedule's schedules).

use melior::ir::operation::OperationLike;
use melior::ir::OperationRef;

/// Applies the named sequence `entry` of `script` (a module holding it, which
/// may be `payload` itself) to `payload`; false after the interpreter
/// reported why it failed.
pub fn apply_named_sequence<'c: 'a, 'a>(payload: OperationRef, entry: OperationRef, script: &impl OperationLike<'c, 'a>) -> bool {
    // SAFETY: payload, entry and script are live ops; the options are
    // created and destroyed here, around the one call that reads them.
    unsafe {
        let options = mlir_sys::mlirTransformOptionsCreate();
        // As mlir-opt's --transform-interpreter (enable-expensive-checks=false).
        mlir_sys::mlirTransformOptionsEnableExpensiveChecks(options, false);
        let result = mlir_sys::mlirTransformApplyNamedSequence(payload.to_raw(), entry.to_raw(), script.to_raw(), options);
        mlir_sys::mlirTransformOptionsDestroy(options);
        result.value != 0
    }
}
