//! The `tg` tensor-graph dialect: its registration with an MLIR context.
//!
//! The dialect itself is defined in ODS (`include/tg/*.td`) and compiled by
//! CMake into a static library (see `build.rs`); this crate exposes it to
//! melior through its C-API dialect handle.

use melior::dialect::DialectHandle;
use melior::{dialect::DialectRegistry, Context};

unsafe extern "C" {
    fn mlirGetDialectHandle__tg__() -> mlir_sys::MlirDialectHandle;
}

/// The `tg` dialect's handle, for registries and contexts.
pub fn handle() -> DialectHandle {
    // SAFETY: the function only returns a pointer to a static table of hooks.
    unsafe { DialectHandle::from_raw(mlirGetDialectHandle__tg__()) }
}

/// Adds `tg` to a registry (before a context is created from it).
pub fn register(registry: &DialectRegistry) {
    handle().insert_dialect(registry);
}

/// Registers and loads `tg` into an existing context.
pub fn load(context: &Context) {
    handle().register_dialect(context);
    handle().load_dialect(context);
}

unsafe extern "C" {
    fn tgParseSourceForTool(
        context: mlir_sys::MlirContext,
        source: mlir_sys::MlirStringRef,
        name: mlir_sys::MlirStringRef,
        implicit_module: bool,
    ) -> mlir_sys::MlirOperation;
}

/// Parses `source` (MLIR text or bytecode) as the buffer `name`, the way
/// `mlir-opt` does: verified, and (with `implicit_module`) wrapped in a
/// `builtin.module` unless it is a single one already. `None` after
/// reporting diagnostics to the context.
pub fn parse_source_for_tool<'c>(
    context: &'c Context,
    source: impl AsRef<[u8]>,
    name: &str,
    implicit_module: bool,
) -> Option<melior::ir::Operation<'c>> {
    let bytes = source.as_ref();
    // Bytecode is not UTF-8, so the buffer is passed as raw bytes.
    let source = mlir_sys::MlirStringRef { data: bytes.as_ptr().cast(), length: bytes.len() };
    let name = melior::StringRef::new(name);
    // SAFETY: the context is live and the parser copies both buffers.
    let raw = unsafe { tgParseSourceForTool(context.to_raw(), source, name.to_raw(), implicit_module) };
    // SAFETY: a non-null result is an operation the caller now owns.
    (!raw.ptr.is_null()).then(|| unsafe { melior::ir::Operation::from_raw(raw) })
}
