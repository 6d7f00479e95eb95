//! Reporting errors at a location, through the context's handlers.

use melior::ir::Location;

/// Emits an error `message` at `location` (what `op->emitError()` does),
/// for the context's diagnostic handlers to report.
pub fn emit_error(location: Location, message: &str) {
    // A NUL byte (from user input) cannot cross the C API: it becomes a space.
    let message = std::ffi::CString::new(message.replace('\0', " ")).unwrap_or_default();
    // SAFETY: the location is a live, context-owned handle; the message is
    // NUL-terminated and MLIR copies it before returning.
    unsafe { mlir_sys::mlirEmitError(location.to_raw(), message.as_ptr()) };
}

/// One location standing for several (`loc(fused[...])`), as MLIR's
/// `FusedLoc::get` makes it: for an op built from many.
pub fn fused_location<'c>(context: &'c melior::Context, locations: &[Location<'c>]) -> Location<'c> {
    let raw: Vec<mlir_sys::MlirLocation> = locations.iter().map(|l| l.to_raw()).collect();
    // SAFETY: every location is live in `context`; MLIR copies the array and
    // returns a context-owned location (no metadata: a null attribute).
    unsafe {
        Location::from_raw(mlir_sys::mlirLocationFusedGet(
            context.to_raw(),
            raw.len() as isize,
            raw.as_ptr(),
            mlir_sys::MlirAttribute { ptr: std::ptr::null() },
        ))
    }
}
