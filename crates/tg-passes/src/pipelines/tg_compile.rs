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
//! `lower-affine` -> each loop nest in a function of its own -> SCF/CF -> LLVM. At opt-level 3: `tg-fuse` first,
//! convolutions channels-last, and `tg-schedule` before bufferization, then
//! vector, OpenMP (threads > 1) and LLVM lowering.
//!
//! `affine-loop-fusion` is opt-in (`affine-fusion=true`): on LLVM 22.1 it
//! miscompiles the bufferized Conv -> Transpose -> batched Matmul workload
//! of shared/examples (it accumulates the convolution twice, with no error),
//! and the differential suite (tools/tensor-opt/tests/differential.rs) sees
//! it give wrong results on our padded conv2d and avg_pool2d lowerings.

use crate::framework::pass::RustPipeline;
use crate::pipeline::catalog::PassInfo;
use crate::framework::options::{OptionValues, MAX_THREADS};
use crate::framework::pass_options::option;
use crate::pipeline::{self, Element, PassOption};
use crate::schedule::ScheduleOptions;
use crate::conversion::tg_to_linalg::ToLinalgOptions;

crate::pass_options! {
    /// What `tg-compile` compiles for.
    pub struct CompileOptions {
        /// 0: scalar loops, no fusion; 1: + fusion and scalar replacement; 2: + canonicalize and cse; 3: + tg-fuse, channels-last convolutions, tg-schedule (packing, tiling, vectorization, threads)
        opt_level: u64 = "2" as "opt-level" in 0..=3,
        /// Fuse elementwise linalg ops on tensors (opt-level >= 1) and tg ops (tg-fuse, opt-level 3)
        fuse: bool = "true" as "fuse",
        /// Also run affine-loop-fusion (known to miscompile some inputs on LLVM 22.1)
        affine_fusion: bool = "false" as "affine-fusion",
        /// opt-level 3: run the outer parallel loops on this many threads (OpenMP when > 1)
        threads: u64 = "1" as "threads" in 1..=MAX_THREADS,
        /// opt-level 3: f32 lanes per vector register; 0: the host's
        vector_width: u64 = "0" as "vector-width" in 0..=64,
        /// opt-level 3: depth of the reduction block of a contraction's packed panels
        kc: u64 = "1024" as "kc" in 1..=(1 << 20),
        /// opt-level 3: apply this transform-dialect script instead of the generated schedule
        schedule: String = "" as "schedule",
        /// Return results through caller-provided buffers (buffer-results-to-out-params), so a caller can reuse them
        out_params: bool = "false" as "out-params",
        /// opt-level >= 1: each top-level loop nest in a noinline function of its own (tg-outline-loops), which keeps LLVM's compile time linear
        outline: bool = "true" as "outline",
    }
}

pub const TG_COMPILE: RustPipeline = RustPipeline {
    info: PassInfo {
        name: "tg-compile",
        summary: "Compile tg (or linalg on tensors) down to the LLVM dialect",
        description: "tg-to-linalg, elementwise fusion, one-shot bufferization, affine loops, scalar \
                      replacement, and conversion to the LLVM dialect.",
        anchor: "builtin.module",
        options: CompileOptions::INFO,
    },
    expand,
};

/// The stages of a pipeline, as elements: Rust passes with their typed
/// options, upstream passes written as MLIR's pipeline syntax (constants of
/// this file, or with options given as values).
#[derive(Default)]
struct Stages(Vec<Element>);

impl Stages {
    /// Upstream passes, as written (a constant of this file, so it parses:
    /// the tests expand every opt level).
    fn upstream(&mut self, text: &str) {
        let parsed = pipeline::parse(text).unwrap_or_else(|e| panic!("tg-compile's stage '{text}' does not parse: {e}"));
        self.0.extend(parsed.elements);
    }

    /// Pass `name` with `options`, nested on `op` if given.
    fn pass(&mut self, op: Option<&str>, name: &str, options: Vec<PassOption>) {
        let pass = Element::Pass { name: name.to_string(), span: 0..0, options, options_span: None };
        self.0.push(match op {
            Some(op) => Element::Nested { op: op.to_string(), span: 0..0, elements: vec![pass] },
            None => pass,
        });
    }
}

fn expand(values: &OptionValues) -> Result<Vec<Element>, String> {
    let options = CompileOptions::from_values(values);
    let level = options.opt_level;
    if options.schedule.contains(['{', '}', ' ', ',']) {
        return Err(format!("the schedule path '{}' cannot contain braces, spaces or commas", options.schedule));
    }
    let fuse = options.fuse;
    let mut stages = Stages::default();
    // Integer division by zero (and MIN / -1, and 0 to a negative power)
    // reports an error through @tg_runtime_error instead of trapping.
    stages.pass(None, "tg-runtime-checks", Vec::new());
    if level < 3 {
        // A schedule the module carries (a .tc function's) is tg-schedule's
        // to apply at opt-level 3; below, it goes.
        stages.pass(None, "tg-drop-schedule", Vec::new());
    }
    if level >= 1 {
        // Transposes of transposes, reshapes of reshapes, and of splat constants.
        stages.pass(Some("func.func"), "tg-simplify", Vec::new());
    }
    if level >= 3 && fuse {
        stages.pass(Some("func.func"), "tg-fuse", Vec::new());
    }
    // At opt-level 3 convolutions are channels-last (vectorized along the
    // filters by tg-schedule's direct convolution).
    let to_linalg = ToLinalgOptions { conv_channels_last: level >= 3 };
    stages.pass(Some("func.func"), "tg-to-linalg", if level >= 3 { to_linalg.pass_options() } else { Vec::new() });
    if level >= 3 {
        // A schedule the module carries (a .tc function's) names its ops:
        // applied before fusion merges them (and then no schedule is generated).
        stages.pass(None, "tg-schedule", vec![option("embedded-only", "true".to_string())]);
    }
    if level >= 2 {
        stages.upstream("canonicalize,cse");
    }
    if level >= 1 && fuse {
        stages.upstream("func.func(linalg-fuse-elementwise-ops)");
    }
    if level >= 3 {
        let schedule = ScheduleOptions {
            threads: options.threads,
            vector_width: options.vector_width,
            kc: options.kc,
            file: options.schedule.clone(),
            ..ScheduleOptions::default()
        };
        stages.pass(None, "tg-schedule", schedule.pass_options());
        stages.upstream("canonicalize,cse");
    }
    stages.upstream("one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map}");
    if options.out_params {
        // After canonicalization, a result is the buffer it was computed in
        // (not a loop's memref iter_arg), which can then become the
        // out-param itself instead of being copied into it.
        stages.upstream("canonicalize,cse");
        // One buffer returned twice crashes buffer-results-to-out-params.
        stages.pass(Some("func.func"), "tg-distinct-results", Vec::new());
        stages.upstream("buffer-results-to-out-params{hoist-static-allocs=true modify-public-functions=true}");
    }
    // Frees every buffer that does not escape (intermediates, packed
    // operands): without it each call leaks them, and a caller calling in a
    // loop also pays fresh pages for them every time.
    // A result that aliases an argument is returned as a clone, which
    // becomes an allocation and a copy.
    stages.upstream("buffer-deallocation-pipeline,convert-bufferization-to-memref");
    if level >= 1 {
        // Copies of slices as loops, not memrefCopy calls.
        stages.pass(Some("func.func"), "tg-strided-copies", Vec::new());
    }
    if level >= 3 {
        lower_scheduled(&mut stages, options.threads, options.outline);
        return Ok(stages.0);
    }
    stages.upstream("convert-linalg-to-affine-loops");
    if level >= 1 && options.affine_fusion {
        stages.upstream("func.func(affine-loop-fusion)");
    }
    if level >= 1 {
        stages.upstream("func.func(affine-scalrep)");
    }
    stages.upstream("lower-affine");
    if level >= 1 && options.outline {
        stages.pass(None, "tg-outline-loops", Vec::new());
    }
    for stage in MATH_TO_LLVM.iter().chain(TO_LLVM) {
        stages.upstream(stage);
    }
    Ok(stages.0)
}

/// From scheduled, bufferized IR (scf loops, `scf.forall`, vector ops, and
/// linalg ops the schedule left alone) to the LLVM dialect. With threads,
/// each `scf.forall` becomes an OpenMP parallel loop (the runtime is
/// libomp, which tensor-run loads).
fn lower_scheduled(stages: &mut Stages, threads: u64, outline: bool) {
    // canonicalize, cse, canonicalize: once cse has merged the two equal
    // subviews of an in-place tile's insert_slice, the copy between them is
    // a self-copy, which canonicalize erases (else each tile calls memrefCopy).
    stages.upstream("canonicalize,cse,canonicalize,convert-vector-to-scf{full-unroll=true},convert-linalg-to-loops");
    if threads > 1 {
        stages.upstream("func.func(scf-forall-to-parallel)");
        stages.pass(None, "convert-scf-to-openmp", vec![option("num-threads", threads.to_string())]);
        // Inlines the memref.alloca_scope each parallel body is wrapped in
        // (it holds no allocas), which convert-scf-to-cf could not split.
        stages.upstream("canonicalize");
    } else {
        stages.upstream("func.func(scf-forall-to-for)");
    }
    if outline {
        // One function per loop nest: LLVM's loop passes cost more than
        // linearly in a function's size.
        stages.pass(None, "tg-outline-loops", Vec::new());
    }
    // Math goes first: convert-math-to-funcs and convert-math-to-libm unroll
    // vector ops they cannot keep whole (math.ipowi, math.erf) into vector
    // ops, which the vector lowering must then see (TO_LLVM's math passes
    // find nothing left).
    for stage in MATH_TO_LLVM {
        stages.upstream(stage);
    }
    stages.upstream("func.func(lower-vector-multi-reduction),convert-vector-to-llvm");
    let (last, rest) = TO_LLVM.split_last().expect("TO_LLVM is not empty");
    for stage in rest {
        stages.upstream(stage);
    }
    if threads > 1 {
        stages.upstream("convert-openmp-to-llvm");
    }
    stages.upstream(last);
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

