//! The `tg` tensor-graph dialect and the IR layer of tensor-opt.
//!
//! The dialect is defined in ODS (`include/tg/*.td`) and compiled by CMake
//! into a static library (see `build.rs`); this crate registers it through
//! its C-API dialect handle, and from the same ODS gives the op set as a
//! Rust enum with each op's class ([`op`]) and typed builders ([`ods`]).
//! [`ir`] and the functions below are the only Rust code that calls MLIR's
//! C API (`mlir_sys`): what melior's safe API lacks, behind safe functions.

pub mod ir;
pub mod ods;
pub mod op;
pub mod result_numbers;

pub use op::{OpClass, TgOp};

/// The magic number MLIR bytecode starts with (`ML\xefR`).
pub const BYTECODE_MAGIC: &[u8] = b"ML\xefR";

use melior::dialect::DialectHandle;
use melior::{dialect::DialectRegistry, Context};

use std::ffi::c_void;

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
        verify_after_parse: bool,
    ) -> mlir_sys::MlirOperation;
    fn tgActionLoggerCreate(context: mlir_sys::MlirContext, path: mlir_sys::MlirStringRef) -> *mut c_void;
    fn tgActionLoggerDestroy(logger: *mut c_void);
    fn tgActionLoggerTake(logger: *mut c_void, callback: mlir_sys::MlirStringCallback, data: *mut c_void);
    fn tgOpPrintingFlagsPrintUniqueSSAIDs(flags: mlir_sys::MlirOpPrintingFlags);
    fn tgPassManagerEnableCrashReproducer(
        pass_manager: mlir_sys::MlirPassManager,
        output_file: mlir_sys::MlirStringRef,
        local: bool,
    );
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
    parse_source_for_tool_with(context, source, name, implicit_module, true)
}

/// [`parse_source_for_tool`], optionally without verifying what was parsed
/// (mlir-opt's `--mlir-very-unsafe-disable-verifier-on-parsing`).
pub fn parse_source_for_tool_with<'c>(
    context: &'c Context,
    source: impl AsRef<[u8]>,
    name: &str,
    implicit_module: bool,
    verify: bool,
) -> Option<melior::ir::Operation<'c>> {
    let bytes = source.as_ref();
    if !bytes.starts_with(BYTECODE_MAGIC) {
        if let Some((line, col, number)) = result_numbers::first_too_large(bytes) {
            let message = format!(
                "result number {number} is out of range (at most {}): MLIR's parser would allocate that many results",
                result_numbers::MAX_RESULT_NUMBER
            );
            let message = std::ffi::CString::new(message).unwrap_or_default();
            let location = melior::ir::Location::new(context, name, line, col);
            // SAFETY: the location is live; the message is NUL-terminated.
            unsafe { mlir_sys::mlirEmitError(location.to_raw(), message.as_ptr()) };
            return None;
        }
    }
    // Bytecode is not UTF-8, so the buffer is passed as raw bytes.
    let source = mlir_sys::MlirStringRef { data: bytes.as_ptr().cast(), length: bytes.len() };
    let name = melior::StringRef::new(name);
    // SAFETY: the context is live; `bytes` and `name` need only last the call: the C++ side
    // parses a NUL-terminated copy (`getMemBufferCopy`), as MLIR's lexer requires.
    let raw = unsafe { tgParseSourceForTool(context.to_raw(), source, name.to_raw(), implicit_module, verify) };
    // SAFETY: a non-null result is an operation the caller now owns.
    (!raw.ptr.is_null()).then(|| unsafe { melior::ir::Operation::from_raw(raw) })
}

/// Numbers SSA values uniquely across the printed op
/// (`--mlir-print-unique-ssa-ids`; isolated regions restart at 0 otherwise).
pub fn print_unique_ssa_ids(flags: &melior::ir::operation::OperationPrintingFlags) {
    // SAFETY: the flags object is live; the call sets one of its bits.
    unsafe { tgOpPrintingFlagsPrintUniqueSSAIDs(flags.to_raw()) };
}

/// Prints ops without their regions (`--mlir-print-skip-regions`).
pub fn print_skip_regions(flags: &melior::ir::operation::OperationPrintingFlags) {
    // SAFETY: the flags object is live; the call sets one of its bits.
    unsafe { mlir_sys::mlirOpPrintingFlagsSkipRegions(flags.to_raw()) };
}

/// Makes a crash in a pass a failure of that pass, with a reproducer written
/// to `path` (of the failing pass alone when `local`), as
/// `--mlir-pass-pipeline-crash-reproducer` does.
pub fn enable_crash_reproducer(pass_manager: &melior::pass::PassManager, path: &str, local: bool) {
    let path = melior::StringRef::new(path);
    // SAFETY: the pass manager is live; MLIR copies the path.
    unsafe { tgPassManagerEnableCrashReproducer(pass_manager.to_raw(), path.to_raw(), local) };
}

/// MLIR's action logger on a context (`--log-actions-to`): every action
/// (a pass run, a rewrite) is logged to a file, or for `-` to memory (see
/// [`take`](Self::take)), while this lives. The borrow keeps the context
/// alive longer than the logger.
pub struct ActionLogger<'c> {
    raw: *mut c_void,
    _context: std::marker::PhantomData<&'c melior::Context>,
}

impl<'c> ActionLogger<'c> {
    /// Logs `context`'s actions to `path`; `None` if it cannot be opened.
    pub fn install(context: &'c melior::Context, path: &str) -> Option<Self> {
        let path = melior::StringRef::new(path);
        // SAFETY: the context is live for 'c, which outlives the logger;
        // MLIR copies the path.
        let raw = unsafe { tgActionLoggerCreate(context.to_raw(), path.to_raw()) };
        // `then`, not `then_some`: a logger built from null would be dropped, destroying null.
        (!raw.is_null()).then(|| ActionLogger { raw, _context: std::marker::PhantomData })
    }

    /// What was logged to memory since the last call (empty for a file).
    pub fn take(&self) -> Vec<u8> {
        unsafe extern "C" fn append(text: mlir_sys::MlirStringRef, data: *mut c_void) {
            // SAFETY: `data` is the `Vec` below, borrowed only by this call;
            // `text` is `length` valid bytes for the duration of the callback.
            unsafe {
                let out = &mut *(data as *mut Vec<u8>);
                out.extend_from_slice(std::slice::from_raw_parts(text.data as *const u8, text.length));
            }
        }
        let mut out = Vec::new();
        // SAFETY: `raw` is live (owned by self); the callback runs before the call returns.
        unsafe { tgActionLoggerTake(self.raw, Some(append), &mut out as *mut Vec<u8> as *mut c_void) };
        out
    }
}

impl Drop for ActionLogger<'_> {
    fn drop(&mut self) {
        // SAFETY: `raw` came from tgActionLoggerCreate and is destroyed once,
        // while its context is still alive (the 'c borrow).
        unsafe { tgActionLoggerDestroy(self.raw) }
    }
}
