//! The MLIR context tensor-opt works in: every upstream dialect, pass and
//! LLVM translation registered, plus the `tg` dialect.

use melior::dialect::DialectRegistry;
use melior::utility::{register_all_dialects, register_all_llvm_translations, register_all_passes};
use melior::Context;
use std::sync::Once;

/// Creates a context with all dialects available (loaded lazily, as in mlir-opt).
pub fn create(threading: bool, allow_unregistered: bool) -> Context {
    static PASSES: Once = Once::new();
    PASSES.call_once(register_all_passes);
    let registry = DialectRegistry::new();
    register_all_dialects(&registry);
    tg_dialect::register(&registry);
    let context = Context::new_with_registry(&registry, threading);
    register_all_llvm_translations(&context);
    context.set_allow_unregistered_dialects(allow_unregistered);
    context
}

/// Dialects `register_all_dialects` registers (as of MLIR 22), plus ours.
const KNOWN_DIALECTS: &[&str] = &[
    "acc", "affine", "amdgpu", "amx", "arith", "arm_neon", "arm_sme", "arm_sve", "async", "bufferization",
    "builtin", "cf", "complex", "dlti", "emitc", "func", "gpu", "index", "irdl", "linalg", "llvm", "math",
    "memref", "ml_program", "mpi", "nvgpu", "nvvm", "omp", "pdl", "pdl_interp", "ptr", "quant", "rocdl", "scf",
    "shape", "shard", "smt", "sparse_tensor", "spirv", "tensor", "tg", "tosa", "transform", "ub", "vector",
    "wasmssa", "x86vector", "xegpu", "xevm",
];

/// The namespaces of the registered dialects, for `--show-dialects`: the
/// known names that `context` can actually load.
pub fn dialect_names(context: &Context) -> Vec<&'static str> {
    KNOWN_DIALECTS
        .iter()
        .copied()
        .filter(|name| tg_dialect::ir::context::can_load_dialect(context, name))
        .collect()
}
