//! MLIR's ExecutionEngine (LLVM ORC JIT) on a module in the LLVM dialect.
//! How compiled functions are called is tg-runtime's (`crates/tg-runtime/src/jit.rs`).

use melior::ir::Module;
use melior::StringRef;

/// A JIT-compiled module.
///
/// melior's `ExecutionEngine::new` does not report a failure (MLIR returns a
/// null engine when the module cannot be translated to LLVM IR, and melior
/// wraps it as is), so this wraps the C API directly and checks.
pub struct Engine {
    raw: mlir_sys::MlirExecutionEngine,
}

impl Engine {
    /// Translates `module` (in the LLVM dialect) to LLVM IR and compiles it
    /// at LLVM `-O2`, with MLIR's C runner utilities loaded (as
    /// `mlir-runner --shared-libs` would): lowered `memref.copy` of strided
    /// views calls their `memrefCopy`. `None` if MLIR cannot (it reports why
    /// to the context).
    pub fn new(module: &Module) -> Option<Self> {
        let prefix = std::env::var("MLIR_SYS_220_PREFIX").unwrap_or_else(|_| "/usr/lib/llvm-22".into());
        // MLIR's C runner utilities, and LLVM's OpenMP runtime for code that
        // `convert-scf-to-openmp` parallelized (tg-compile with threads > 1).
        let paths: Vec<String> = ["libmlir_c_runner_utils.so", "libomp.so"]
            .iter()
            .map(|lib| format!("{prefix}/lib/{lib}"))
            .filter(|path| std::path::Path::new(path).exists())
            .collect();
        // MLIR reads each path as a C string (through its `data` pointer), so
        // each must end in a NUL; the length excludes it.
        let paths: Vec<std::ffi::CString> =
            paths.into_iter().filter_map(|p| std::ffi::CString::new(p).ok()).collect();
        let libs: Vec<mlir_sys::MlirStringRef> = paths
            .iter()
            .map(|p| mlir_sys::MlirStringRef { data: p.as_ptr(), length: p.as_bytes().len() })
            .collect();
        // SAFETY: the module is live; `libs` and the string it points to outlive the call.
        let raw = unsafe {
            mlir_sys::mlirExecutionEngineCreate(module.to_raw(), 2, libs.len() as i32, libs.as_ptr(), false, false)
        };
        (!raw.ptr.is_null()).then_some(Engine { raw })
    }

    /// Whether the JIT defines `symbol`.
    pub fn has_symbol(&self, symbol: &str) -> bool {
        self.address(symbol).is_some()
    }

    /// Where the JIT put `symbol` (a function or a global), if it defines it.
    pub fn address(&self, symbol: &str) -> Option<*mut std::ffi::c_void> {
        // SAFETY: the engine is live.
        let address = unsafe { mlir_sys::mlirExecutionEngineLookup(self.raw, StringRef::new(symbol).to_raw()) };
        (!address.is_null()).then_some(address)
    }

    /// Calls the packed wrapper of `_mlir_ciface_{name}` with `args`; false
    /// if the JIT has no such function.
    ///
    /// # Safety
    ///
    /// `args` must be what that function expects (see the module docs).
    pub unsafe fn invoke_packed(&self, name: &str, args: &mut [*mut std::ffi::c_void]) -> bool {
        // SAFETY: forwarded to the caller.
        let result = unsafe {
            mlir_sys::mlirExecutionEngineInvokePacked(self.raw, StringRef::new(name).to_raw(), args.as_mut_ptr())
        };
        result.value != 0
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        // SAFETY: created by `new`, destroyed once.
        unsafe { mlir_sys::mlirExecutionEngineDestroy(self.raw) }
    }
}
