//! `tg-schedule`: the loop-level schedule of `tg-compile opt-level=3`,
//! written as a transform-dialect script and applied by MLIR's transform
//! interpreter.
//!
//! Accepts: a module of functions on static tensors after `tg-to-linalg`
//! (linalg, tensor, arith, math). Guarantees: the functions compute the same
//! values; the contractions and the structured ops it understands are tiled
//! (an outer `scf.forall` when `threads > 1`), vectorized, and their
//! `vector.contract`s lowered to FMAs; every other op is left as it was.
//! The IR stays on tensors (bufferization comes after).
//!
//! The computation and its schedule are kept apart, as in Halide and TVM:
//! the script is generated from the ops (see `script.rs` for the recipes),
//! `emit=true` puts it into the module instead of applying it so a user can
//! read and edit it, and `file=PATH` applies the user's own script (a
//! `transform.named_sequence @__transform_main` in a module with
//! `transform.with_named_sequence`) instead.

mod analysis;
mod host;
mod script;

use crate::context::with_context;
use crate::catalog::{OptionInfo, PassInfo};
use crate::options::{OptionValues, MAX_THREADS};
use crate::registry::{bool_option, PassId, RustPass};
use crate::fuse::graph::users;
use crate::tg_to_linalg::emit_error;
use melior::dialect::DialectHandle;
use melior::ir::attribute::{AttributeLike, IntegerAttribute};
use melior::ir::block::BlockLike;
use melior::ir::operation::{OperationLike, WalkOrder, WalkResult};
use melior::ir::r#type::IntegerType;
use melior::ir::{OperationRef, RegionLike, ValueLike};
use melior::pass::{ExternalPass, Pass};
use melior::StringRef;

pub use host::host_vector_width;
pub use script::Params;

/// The discardable attribute that names an op for the script.
const TAG: &str = "tg.schedule";

const OPTIONS: &[OptionInfo] = &[
    OptionInfo {
        name: "vector-width",
        description: "f32 lanes per vector register; 0: the host's (16 with AVX-512, 8 with AVX2, else 4)",
        ty: "unsigned",
        default: "0",
        is_list: false,
        range: Some((0, 64)),
    },
    OptionInfo {
        name: "threads",
        description: "Cut the outer parallel loop into this many slices (scf.forall)",
        ty: "unsigned",
        default: "1",
        is_list: false,
        range: Some((1, MAX_THREADS)),
    },
    OptionInfo {
        name: "kc",
        description: "Depth of the reduction block of a contraction's packed panels",
        ty: "unsigned",
        default: "1024",
        is_list: false,
        range: Some((1, 1 << 20)),
    },
    OptionInfo {
        name: "file",
        description: "Apply this transform script (@__transform_main) instead of the generated one",
        ty: "string",
        default: "",
        is_list: false,
        range: None,
    },
    bool_option("emit", "Put the generated script into the module instead of applying it", "false"),
];

pub const PASS: RustPass = RustPass {
    info: PassInfo {
        name: "tg-schedule",
        summary: "Tile, pack, vectorize and parallelize linalg ops with a transform-dialect schedule",
        description: "Generates a transform-dialect script for the module's linalg ops (data-tiled \
                      contractions with an FMA micro-kernel, vectorized elementwise and reduction \
                      ops, scf.forall over threads) and applies it, or applies a user's script.",
        anchor: "builtin.module",
        options: OPTIONS,
    },
    create,
};

static ID: PassId = PassId;

#[derive(Clone)]
struct Schedule {
    params: Params,
    file: String,
    emit: bool,
}

fn create(options: &OptionValues) -> Pass {
    let width = match options.int("vector-width") {
        0 => host_vector_width(),
        w => w,
    };
    let pass = Schedule {
        params: Params { vector_width: width, threads: options.int("threads").max(1), kc: options.int("kc").max(1) },
        file: options.string("file"),
        emit: options.bool("emit"),
    };
    // Everything the interpreter creates, loaded before any pass runs.
    // SAFETY: the handle functions return pointers to static tables.
    let dialects = unsafe {
        [
            DialectHandle::from_raw(mlir_sys::mlirGetDialectHandle__transform__()),
            DialectHandle::from_raw(mlir_sys::mlirGetDialectHandle__vector__()),
            DialectHandle::from_raw(mlir_sys::mlirGetDialectHandle__affine__()),
            DialectHandle::from_raw(mlir_sys::mlirGetDialectHandle__ub__()),
            DialectHandle::scf(),
            DialectHandle::linalg(),
            DialectHandle::tensor(),
            DialectHandle::arith(),
            DialectHandle::memref(),
        ]
    };
    PASS.external(
        &ID,
        "TgSchedule",
        &dialects,
        move |op: OperationRef, external: ExternalPass| {
            if !with_context(op.context(), |context| pass.run(context, op)) {
                external.signal_failure();
            }
        },
    )
}

impl Schedule {
    fn run(&self, context: &melior::Context, module: OperationRef) -> bool {
        let text = if self.file.is_empty() {
            let targets = tag_targets(context, module);
            if targets.is_empty() {
                return true;
            }
            script::module(&targets, self.params)
        } else {
            match std::fs::read_to_string(&self.file) {
                Ok(text) => text,
                Err(error) => {
                    emit_error(module.location(), &format!("tg-schedule: cannot read the schedule '{}': {error}", self.file));
                    return false;
                }
            }
        };
        let source_name = if self.file.is_empty() { "<tg-schedule>" } else { &self.file };
        // MLIR's lexer reads the byte after the text as its end marker (the
        // parser does not copy it), so the text must end in a NUL.
        let Ok(source) = std::ffi::CString::new(text) else {
            emit_error(module.location(), &format!("tg-schedule: the schedule '{source_name}' contains a NUL byte"));
            clear_tags(module);
            return false;
        };
        // SAFETY: the context is live; `source` is NUL-terminated and outlives
        // the call; the result (if any) is owned here.
        let script = unsafe {
            mlir_sys::mlirOperationCreateParse(
                context.to_raw(),
                StringRef::from_c_str(&source).to_raw(),
                StringRef::new(source_name).to_raw(),
            )
        };
        if script.ptr.is_null() {
            emit_error(module.location(), &format!("tg-schedule: the schedule '{source_name}' does not parse"));
            clear_tags(module);
            return false;
        }
        // SAFETY: `script` was just created and is owned here.
        let script = unsafe { melior::ir::Operation::from_raw(script) };
        let ok = if self.emit {
            self.insert(context, module, &script)
        } else {
            apply(module, &script, source_name)
        };
        if !self.emit {
            clear_tags(module);
        }
        ok
    }

    /// Moves the script's named sequences into `module` (which then carries
    /// `transform.with_named_sequence`), for a user to read or edit.
    fn insert(&self, context: &melior::Context, module: OperationRef, script: &melior::ir::Operation) -> bool {
        let Some(body) = module.region(0).ok().and_then(|r| r.first_block()) else {
            return false;
        };
        let Some(script_body) = script.region(0).ok().and_then(|r| r.first_block()) else {
            return false;
        };
        let mut next = script_body.first_operation();
        while let Some(op) = next {
            next = op.next_in_block();
            // SAFETY: cloning a live op gives an owned, detached op.
            body.append_operation(unsafe { melior::ir::Operation::from_raw(mlir_sys::mlirOperationClone(op.to_raw())) });
        }
        // SAFETY: `module` is live and mutable for the pass's duration.
        unsafe {
            mlir_sys::mlirOperationSetDiscardableAttributeByName(
                module.to_raw(),
                StringRef::new("transform.with_named_sequence").to_raw(),
                mlir_sys::mlirUnitAttrGet(context.to_raw()),
            );
        }
        true
    }
}

/// Applies the script's `@__transform_main` to `module`.
fn apply(module: OperationRef, script: &melior::ir::Operation, source_name: &str) -> bool {
    let Some(entry) = find_entry(script) else {
        emit_error(
            module.location(),
            &format!("tg-schedule: the schedule '{source_name}' has no transform.named_sequence @__transform_main"),
        );
        return false;
    };
    // SAFETY: payload, entry and script module are live; options are created and destroyed here.
    unsafe {
        let options = mlir_sys::mlirTransformOptionsCreate();
        let result = mlir_sys::mlirTransformApplyNamedSequence(module.to_raw(), entry, script.to_raw(), options);
        mlir_sys::mlirTransformOptionsDestroy(options);
        result.value != 0
    }
}

fn find_entry(script: &melior::ir::Operation) -> Option<mlir_sys::MlirOperation> {
    let block = script.region(0).ok()?.first_block()?;
    let mut next = block.first_operation();
    while let Some(op) = next {
        next = op.next_in_block();
        let is_sequence = op.name().as_string_ref().as_str() == Ok("transform.named_sequence");
        let named_main = op.attribute("sym_name").is_ok_and(|a| a.to_string() == "\"__transform_main\"");
        if is_sequence && named_main {
            return Some(op.to_raw());
        }
    }
    None
}

/// Tags every linalg op the schedule knows how to treat, in program order,
/// and returns the tags with what the analysis found.
fn tag_targets(context: &melior::Context, module: OperationRef) -> Vec<(i64, analysis::Kind)> {
    let i64_type = IntegerType::new(context, 64).into();
    let mut found = Vec::new();
    for_each_function_op(module, &mut |op| {
        let is_linalg = op.name().as_string_ref().as_str().is_ok_and(|n| n.starts_with("linalg."));
        if let Some(kind) = is_linalg.then(|| analysis::classify(op)).flatten() {
            found.push((op, kind));
        }
    });
    // A fill that initializes a contraction's accumulator is the
    // contraction's to schedule: packed, it folds into a fill of the packed
    // accumulator, which the contraction's recipe tiles with its own loops.
    let contractions: Vec<_> = found
        .iter()
        .filter(|(_, kind)| matches!(kind, analysis::Kind::Contraction { .. } | analysis::Kind::Conv { .. }))
        .map(|(op, _)| op.to_raw())
        .collect();
    let mut targets = Vec::new();
    for (op, kind) in found {
        let feeds_contraction = op.result(0).ok().is_some_and(|result| {
            users(result.to_raw()).iter().any(|user| contractions.iter().any(|c| c.ptr == user.ptr))
        });
        if op.name().as_string_ref().as_str() == Ok("linalg.fill") && feeds_contraction {
            continue;
        }
        let tag = targets.len() as i64;
        let attribute = IntegerAttribute::new(i64_type, tag);
        // SAFETY: the op is live and the pass may modify it.
        unsafe {
            mlir_sys::mlirOperationSetDiscardableAttributeByName(
                op.to_raw(),
                StringRef::new(TAG).to_raw(),
                attribute.to_raw(),
            )
        };
        targets.push((tag, kind));
    }
    targets
}

/// Removes the tags (also from ops whose schedule did not apply).
fn clear_tags(module: OperationRef) {
    let mut tagged = Vec::new();
    module.walk(WalkOrder::PreOrder, |op| {
        if op.attribute(TAG).is_ok() {
            tagged.push(op.to_raw());
        }
        WalkResult::Advance
    });
    for raw in tagged {
        // SAFETY: the ops were just found live in the module.
        unsafe { mlir_sys::mlirOperationRemoveDiscardableAttributeByName(raw, StringRef::new(TAG).to_raw()) };
    }
}

/// Calls `f` on the ops directly in the bodies of the module's functions.
fn for_each_function_op<'c, 'a>(module: OperationRef<'c, 'a>, f: &mut dyn FnMut(OperationRef<'c, 'a>)) {
    let Some(body) = module.region(0).ok().and_then(|r| r.first_block()) else {
        return;
    };
    let mut next = body.first_operation();
    while let Some(function) = next {
        next = function.next_in_block();
        if function.name().as_string_ref().as_str() != Ok("func.func") {
            continue;
        }
        let Some(block) = function.region(0).ok().and_then(|r| r.first_block()) else {
            continue;
        };
        let mut op = block.first_operation();
        while let Some(current) = op {
            op = current.next_in_block();
            f(current);
        }
    }
}

/// An attribute printed in MLIR syntax.
pub(crate) fn attribute_text(attribute: mlir_sys::MlirAttribute) -> String {
    // SAFETY: the attribute is live; the attribute's Display goes through MLIR's printer.
    unsafe { melior::ir::Attribute::from_raw(attribute) }.to_string()
}
