//! Pass-manager operations melior lacks.

use melior::pass::{OperationPassManager, PassManager};
use melior::{Context, StringRef};
use std::ffi::c_void;

/// Adds `text` (a pipeline element in MLIR's syntax, `canonicalize{...}`)
/// to `pm`, parsed by MLIR itself; the error MLIR's parser gave otherwise.
pub fn add_pipeline(pm: OperationPassManager, text: &str) -> Result<(), String> {
    unsafe extern "C" fn collect(message: mlir_sys::MlirStringRef, data: *mut c_void) {
        // SAFETY: `data` is the `String` below, borrowed only by this call,
        // and `message` is `length` valid bytes for the callback's duration.
        unsafe {
            let out = &mut *(data as *mut String);
            out.push_str(&String::from_utf8_lossy(std::slice::from_raw_parts(message.data as *const u8, message.length)));
        }
    }
    let mut message = String::new();
    let text_ref = StringRef::new(text);
    // SAFETY: `pm` is a live pass manager; MLIR calls back only during the call.
    let result = unsafe {
        mlir_sys::mlirOpPassManagerAddPipeline(
            pm.to_raw(),
            text_ref.to_raw(),
            Some(collect),
            &mut message as *mut String as *mut c_void,
        )
    };
    if result.value == 0 { Err(message) } else { Ok(()) }
}

/// An empty pass manager anchored on ops named `op_name`.
pub fn on_op<'c>(context: &'c Context, op_name: &str) -> PassManager<'c> {
    // SAFETY: creating a pass manager only needs a live context; ownership
    // passes to the returned `PassManager`, which destroys it on drop.
    unsafe {
        PassManager::from_raw(mlir_sys::mlirPassManagerCreateOnOperation(
            context.to_raw(),
            StringRef::new(op_name).to_raw(),
        ))
    }
}

/// Runs `pm` on `op`; false if a pass failed (after reporting why).
pub fn run<'c: 'a, 'a>(pm: &PassManager, op: &impl melior::ir::operation::OperationLike<'c, 'a>) -> bool {
    // SAFETY: the pass manager and op are live; passes change the op in
    // place and never free it.
    unsafe { mlir_sys::mlirPassManagerRunOnOp(pm.to_raw(), op.to_raw()) }.value != 0
}

/// `--mlir-timing`: report pass times when `pm` is dropped.
pub fn enable_timing(pm: &PassManager) {
    // SAFETY: the pass manager is live.
    unsafe { mlir_sys::mlirPassManagerEnableTiming(pm.to_raw()) }
}

/// `--mlir-pass-statistics`: report pass statistics (pipeline view) when
/// `pm` is dropped.
pub fn enable_statistics(pm: &PassManager) {
    // SAFETY: the pass manager is live.
    unsafe {
        mlir_sys::mlirPassManagerEnableStatistics(pm.to_raw(), mlir_sys::MlirPassDisplayMode_MLIR_PASS_DISPLAY_MODE_PIPELINE)
    }
}
