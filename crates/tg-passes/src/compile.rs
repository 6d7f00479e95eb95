//! `tg-compile`: the named pipeline from `tg` graphs to the LLVM dialect.
//!
//! Accepts: a `builtin.module` whose functions use `tg` and/or upstream
//! linalg/tensor/arith/math ops on static tensors. Produces: a module in the
//! LLVM dialect only (`mlir-translate --mlir-to-llvmir` and `mlir-runner`
//! accept it), or a failed pass with a diagnostic.
//!
//! Stages: `tg-runtime-checks` -> `tg-to-linalg` -> linalg elementwise fusion -> one-shot
//! bufferization across function boundaries -> deallocation of the buffers
//! that do not escape -> affine loops -> affine scalar replacement ->
//! `lower-affine` -> SCF/CF -> LLVM. At opt-level 3: `tg-fuse` first,
//! convolutions channels-last, and `tg-schedule` before bufferization, then
//! vector, OpenMP (threads > 1) and LLVM lowering.
//!
//! `affine-loop-fusion` is opt-in (`affine-fusion=true`): on LLVM 22.1 it
//! miscompiles the bufferized Conv -> Transpose -> batched Matmul workload
//! of shared/examples (it accumulates the convolution twice, with no error),
//! and the differential suite (tools/tensor-opt/tests/differential.rs) sees
//! it give wrong results on our padded conv2d and avg_pool2d lowerings.

use crate::catalog::{OptionInfo, PassInfo};
use crate::options::{OptionValues, MAX_THREADS};
use crate::registry::bool_option;

const OPTIONS: &[OptionInfo] = &[
    OptionInfo {
        name: "opt-level",
        description: "0: scalar loops, no fusion; 1: + fusion and scalar replacement; 2: + canonicalize and cse; \
                      3: + tg-fuse, channels-last convolutions, tg-schedule (packing, tiling, vectorization, threads)",
        ty: "unsigned",
        default: "2",
        is_list: false,
        range: Some((0, 3)),
    },
    bool_option("fuse", "Fuse elementwise linalg ops on tensors (opt-level >= 1) and tg ops (tg-fuse, opt-level 3)", "true"),
    bool_option("affine-fusion", "Also run affine-loop-fusion (known to miscompile some inputs on LLVM 22.1)", "false"),
    OptionInfo {
        name: "threads",
        description: "opt-level 3: run the outer parallel loops on this many threads (OpenMP when > 1)",
        ty: "unsigned",
        default: "1",
        is_list: false,
        range: Some((1, MAX_THREADS)),
    },
    OptionInfo {
        name: "vector-width",
        description: "opt-level 3: f32 lanes per vector register; 0: the host's",
        ty: "unsigned",
        default: "0",
        is_list: false,
        range: Some((0, 64)),
    },
    OptionInfo {
        name: "kc",
        description: "opt-level 3: depth of the reduction block of a contraction's packed panels",
        ty: "unsigned",
        default: "1024",
        is_list: false,
        range: Some((1, 1 << 20)),
    },
    OptionInfo {
        name: "schedule",
        description: "opt-level 3: apply this transform-dialect script instead of the generated schedule",
        ty: "string",
        default: "",
        is_list: false,
        range: None,
    },
    bool_option(
        "out-params",
        "Return results through caller-provided buffers (buffer-results-to-out-params), so a caller can reuse them",
        "false",
    ),
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
    // Option values were checked against their declared ranges.
    let level = options.int("opt-level");
    let threads = options.int("threads");
    let schedule = options.string("schedule");
    if schedule.contains(['{', '}', ' ', ',']) {
        return Err(format!("the schedule path '{schedule}' cannot contain braces, spaces or commas"));
    }
    let fuse = options.bool("fuse");
    let mut stages: Vec<String> = Vec::new();
    let mut push = |stage: &str| stages.push(stage.to_string());
    // Integer division by zero (and MIN / -1, and 0 to a negative power)
    // reports an error through @tg_runtime_error instead of trapping.
    push("tg-runtime-checks");
    if level >= 3 && fuse {
        push("func.func(tg-fuse)");
    }
    // At opt-level 3 convolutions are channels-last (vectorized along the
    // filters by tg-schedule's direct convolution).
    push(if level >= 3 { "func.func(tg-to-linalg{conv-channels-last=true})" } else { "func.func(tg-to-linalg)" });
    if level >= 2 {
        push("canonicalize,cse");
    }
    if level >= 1 && fuse {
        push("func.func(linalg-fuse-elementwise-ops)");
    }
    if level >= 3 {
        let mut schedule_options = format!(
            "threads={threads} vector-width={} kc={}",
            options.int("vector-width"),
            options.int("kc")
        );
        if !schedule.is_empty() {
            schedule_options.push_str(&format!(" file={schedule}"));
        }
        push(&format!("tg-schedule{{{schedule_options}}},canonicalize,cse"));
    }
    push("one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map}");
    if options.bool("out-params") {
        // After canonicalization, a result is the buffer it was computed in
        // (not a loop's memref iter_arg), which can then become the
        // out-param itself instead of being copied into it.
        push("canonicalize,cse");
        // One buffer returned twice crashes buffer-results-to-out-params.
        push("func.func(tg-distinct-results)");
        push("buffer-results-to-out-params{hoist-static-allocs=true modify-public-functions=true}");
    }
    // Frees every buffer that does not escape (intermediates, packed
    // operands): without it each call leaks them, and a caller calling in a
    // loop also pays fresh pages for them every time.
    // A result that aliases an argument is returned as a clone, which
    // becomes an allocation and a copy.
    push("buffer-deallocation-pipeline,convert-bufferization-to-memref");
    if level >= 3 {
        return Ok(stages.join(",") + "," + &lower_scheduled(threads));
    }
    push("convert-linalg-to-affine-loops");
    if level >= 1 && options.bool("affine-fusion") {
        push("func.func(affine-loop-fusion)");
    }
    if level >= 1 {
        push("func.func(affine-scalrep)");
    }
    push("lower-affine");
    stages.extend(MATH_TO_LLVM.iter().chain(TO_LLVM).map(|s| s.to_string()));
    Ok(stages.join(","))
}

/// From scheduled, bufferized IR (scf loops, `scf.forall`, vector ops, and
/// linalg ops the schedule left alone) to the LLVM dialect. With threads,
/// each `scf.forall` becomes an OpenMP parallel loop (the runtime is
/// libomp, which tensor-run loads).
fn lower_scheduled(threads: i64) -> String {
    // canonicalize, cse, canonicalize: once cse has merged the two equal
    // subviews of an in-place tile's insert_slice, the copy between them is
    // a self-copy, which canonicalize erases (else each tile calls memrefCopy).
    let mut stages: Vec<String> = [
        "canonicalize",
        "cse",
        "canonicalize",
        "convert-vector-to-scf{full-unroll=true}",
        "convert-linalg-to-loops",
    ]
    .map(String::from)
    .to_vec();
    if threads > 1 {
        stages.push("func.func(scf-forall-to-parallel)".into());
        stages.push(format!("convert-scf-to-openmp{{num-threads={threads}}}"));
        // Inlines the memref.alloca_scope each parallel body is wrapped in
        // (it holds no allocas), which convert-scf-to-cf could not split.
        stages.push("canonicalize".into());
    } else {
        stages.push("func.func(scf-forall-to-for)".into());
    }
    // Math goes first: convert-math-to-funcs and convert-math-to-libm unroll
    // vector ops they cannot keep whole (math.ipowi, math.erf) into vector
    // ops, which the vector lowering must then see (TO_LLVM's math passes
    // find nothing left).
    stages.extend(MATH_TO_LLVM.iter().map(|s| s.to_string()));
    stages.extend(["func.func(lower-vector-multi-reduction)", "convert-vector-to-llvm"].map(String::from));
    stages.extend(TO_LLVM.iter().map(|s| s.to_string()));
    if threads > 1 {
        let at = stages.len() - 1;
        stages.insert(at, "convert-openmp-to-llvm".into());
    }
    stages.join(",")
}

/// The math dialect to LLVM: intrinsics where LLVM has them, libm calls
/// for the rest (math.erf becomes `erff`/`erf`).
const MATH_TO_LLVM: &[&str] = &[
    // Only tanh, which has no LLVM intrinsic (a polynomial vectorizes where a
    // libm call would not). Expanding math.powf too (as the default does)
    // computes exp(y * log(x)): NaN for a negative base, and for pow(x, 0)
    // where x < 0 or x is NaN, instead of C's pow (the fuzzer found it).
    "func.func(math-expand-ops{ops=tanh})",
    // math.ipowi (integer tg.pow) has no LLVM lowering: it becomes a call
    // to a generated function.
    "convert-math-to-funcs",
    "convert-math-to-llvm",
    "convert-math-to-libm",
];

/// The conversions to the LLVM dialect every opt level ends with (after
/// [`MATH_TO_LLVM`]).
const TO_LLVM: &[&str] = &[
    "convert-scf-to-cf",
    "expand-strided-metadata",
    "lower-affine",
    "finalize-memref-to-llvm",
    "convert-arith-to-llvm",
    "convert-index-to-llvm",
    "convert-func-to-llvm",
    "convert-cf-to-llvm",
    "convert-ub-to-llvm",
    "reconcile-unrealized-casts",
];

/// Looks up a Rust pipeline by name.
pub fn find_pipeline(name: &str) -> Option<&'static RustPipeline> {
    [&TG_COMPILE].into_iter().find(|p| p.info.name == name)
}

/// Every Rust pipeline.
pub fn rust_pipelines() -> &'static [RustPipeline] {
    static PIPELINES: &[RustPipeline] = &[TG_COMPILE];
    PIPELINES
}
