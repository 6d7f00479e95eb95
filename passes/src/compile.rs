//! `tg-compile`: the named pipeline from `tg` graphs to the LLVM dialect.
//!
//! Accepts: a `builtin.module` whose functions use `tg` and/or upstream
//! linalg/tensor/arith/math ops on static tensors. Produces: a module in the
//! LLVM dialect only (`mlir-translate --mlir-to-llvmir` and `mlir-runner`
//! accept it), or a failed pass with a diagnostic.
//!
//! Stages: `tg-to-linalg` -> linalg elementwise fusion -> one-shot
//! bufferization across function boundaries -> affine loops -> affine scalar
//! replacement -> `lower-affine` -> SCF/CF -> LLVM.
//!
//! `affine-loop-fusion` is opt-in (`affine-fusion=true`): on LLVM 22.1 it
//! miscompiles the bufferized Conv -> Transpose -> batched Matmul workload
//! of shared/examples (it accumulates the convolution twice, with no error),
//! and the differential suite (tools/tensor-opt/tests/differential.rs) sees
//! it give wrong results on our padded conv2d and avg_pool2d lowerings.

use crate::catalog::{OptionInfo, PassInfo};
use crate::options::OptionValues;
use crate::registry::bool_option;

const OPTIONS: &[OptionInfo] = &[
    OptionInfo {
        name: "opt-level",
        description: "0: no fusion, no scalar replacement; 1: + fusion and scalar replacement; 2, 3: + canonicalize and cse",
        ty: "unsigned",
        default: "2",
        is_list: false,
    },
    bool_option("fuse", "Fuse elementwise linalg ops on tensors (opt-level >= 1)", "true"),
    bool_option("affine-fusion", "Also run affine-loop-fusion (known to miscompile some inputs on LLVM 22.1)", "false"),
];

/// A pipeline tensor-opt defines by name, expanded into a textual pipeline.
pub struct RustPipeline {
    pub info: PassInfo,
    /// The elements to run, anchored on `builtin.module` (without the anchor).
    pub expand: fn(&OptionValues) -> Result<String, String>,
}

pub const TG_COMPILE: RustPipeline = RustPipeline {
    info: PassInfo {
        name: "tg-compile",
        summary: "Compile tg (or linalg on tensors) down to the LLVM dialect",
        description: "tg-to-linalg, elementwise fusion, one-shot bufferization, affine loops, scalar \
                      replacement, and conversion to the LLVM dialect.",
        anchor: "builtin.module",
        options: OPTIONS,
    },
    expand,
};

fn expand(options: &OptionValues) -> Result<String, String> {
    let level = options.int("opt-level");
    if !(0..=3).contains(&level) {
        return Err(format!("opt-level must be 0 to 3, got {level}"));
    }
    let mut stages = vec!["func.func(tg-to-linalg)"];
    if level >= 2 {
        stages.push("canonicalize,cse");
    }
    if level >= 1 && options.bool("fuse") {
        stages.push("func.func(linalg-fuse-elementwise-ops)");
    }
    stages.push(
        "one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map}",
    );
    stages.push("convert-linalg-to-affine-loops");
    if level >= 1 && options.bool("affine-fusion") {
        stages.push("func.func(affine-loop-fusion)");
    }
    if level >= 1 {
        stages.push("func.func(affine-scalrep)");
    }
    stages.extend([
        "lower-affine",
        "func.func(math-expand-ops)",
        "convert-math-to-llvm",
        "convert-math-to-libm",
        "convert-scf-to-cf",
        "expand-strided-metadata",
        "finalize-memref-to-llvm",
        "convert-arith-to-llvm",
        "convert-index-to-llvm",
        "convert-func-to-llvm",
        "convert-cf-to-llvm",
        "reconcile-unrealized-casts",
    ]);
    Ok(stages.join(","))
}

/// Looks up a Rust pipeline by name.
pub fn find_pipeline(name: &str) -> Option<&'static RustPipeline> {
    [&TG_COMPILE].into_iter().find(|p| p.info.name == name)
}

/// Every Rust pipeline.
pub fn rust_pipelines() -> &'static [RustPipeline] {
    static PIPELINES: &[RustPipeline] = &[TG_COMPILE];
    PIPELINES
}
