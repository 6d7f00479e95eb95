//! Turns a parsed pass pipeline into passes in an MLIR pass manager, mixing
//! tensor-opt's Rust passes with upstream ones at any nesting.
//!
//! MLIR's C API cannot register a pass by name, so names are resolved here:
//! a Rust pass is created and added directly; an upstream pass or pipeline
//! is handed to MLIR's own parser (`mlirOpPassManagerAddPipeline`) one
//! element at a time. Every name and option is checked before MLIR sees it,
//! so errors point into the pipeline text and suggest the nearest name.
//!
//! Nesting is implicit, as in `mlir-opt`: a pass anchored on another op than
//! the pass manager it is added to (e.g. `func.func` under `builtin.module`)
//! gets a nested pass manager for its op.

use crate::pipeline::catalog::{find_upstream, suggest, upstream_passes, upstream_pipelines};
use crate::framework::registry::{find_pipeline, rust_pipelines};
use crate::framework::options::OptionValues;
use crate::pipeline::{Element, Pipeline, PipelineError, Span};
use crate::framework::registry::{find_rust, rust_passes};
use melior::pass::OperationPassManager;

/// The op name a pass is anchored on, from the C++ class name TableGen gives;
/// `None` for op-agnostic and interface passes (MLIR checks those at run time).
pub fn anchor_op_name(cpp_anchor: &str) -> Option<&'static str> {
    match cpp_anchor {
        "ModuleOp" => Some("builtin.module"),
        "func::FuncOp" => Some("func.func"),
        "spirv::ModuleOp" => Some("spirv.module"),
        "gpu::GPUModuleOp" => Some("gpu.module"),
        "LLVM::LLVMFuncOp" => Some("llvm.func"),
        _ => None,
    }
}

/// Adds `pipeline` to `root`, a pass manager anchored on `root_op`.
/// Returns each Rust pass added, in order, as `name{key=value ...}` with
/// every option's value: MLIR prints a Rust pass by its name alone.
pub fn assemble(
    root: OperationPassManager,
    root_op: &str,
    pipeline: &Pipeline,
) -> Result<Vec<String>, PipelineError> {
    if let Some((anchor, span)) = &pipeline.anchor {
        if anchor != root_op {
            return Err(PipelineError {
                message: format!(
                    "the pipeline is anchored on '{anchor}', but the input's top-level op is '{root_op}'"
                ),
                span: span.clone(),
                help: Some(format!("anchor the pipeline on the top-level op: {root_op}(...)")),
            });
        }
    }
    let mut rust = Vec::new();
    add_elements(root, root_op, &pipeline.elements, &mut rust)?;
    Ok(rust)
}

fn add_elements(
    pm: OperationPassManager,
    pm_op: &str,
    elements: &[Element],
    rust: &mut Vec<String>,
) -> Result<(), PipelineError> {
    for element in elements {
        match element {
            Element::Nested { op, elements, .. } => {
                add_elements(pm.nested_under(op), op, elements, rust)?;
            }
            Element::Pass {
                name,
                span,
                options,
                ..
            } => {
                if let Some(compile) = find_pipeline(name) {
                    let values = OptionValues::check_own(&compile.info, options)?;
                    let error = |message: String| PipelineError { message, span: span.clone(), help: None };
                    let expansion = (compile.expand)(&values).map_err(|m| error(format!("'{name}': {m}")))?;
                    let text = expansion.iter().map(ToString::to_string).collect::<Vec<_>>().join(",");
                    let target = nest_for(pm, pm_op, anchor_op_name_or_op(compile.info.anchor), name, span)?;
                    let target_op = anchor_op_name_or_op(compile.info.anchor).unwrap_or(pm_op);
                    add_elements(target, target_op, &expansion, rust)
                        .map_err(|e| error(format!("'{name}' expands to '{text}', which failed: {e}")))?;
                } else if let Some(pass) = find_rust(name) {
                    let values = OptionValues::check_own(&pass.info, options)?;
                    let effective = values.effective();
                    rust.push(if effective.is_empty() { name.clone() } else { format!("{name}{{{}}}", effective.join(" ")) });
                    nest_for(pm, pm_op, anchor_op_name_or_op(pass.info.anchor), name, span)?
                        .add_pass((pass.create)(&values));
                } else if let Some(info) = find_upstream(name) {
                    OptionValues::check(info, options)?;
                    let target = nest_for(pm, pm_op, anchor_op_name(info.anchor), name, span)?;
                    add_upstream(target, &element.to_string(), span)?;
                } else if upstream_pipelines().iter().any(|(n, _)| n == name) {
                    add_upstream(pm, &element.to_string(), span)?;
                } else {
                    return Err(unknown_pass(name, span));
                }
            }
        }
    }
    Ok(())
}

/// Rust passes name their anchor as an op name already (`func.func`).
fn anchor_op_name_or_op(anchor: &'static str) -> Option<&'static str> {
    (!anchor.is_empty()).then_some(anchor)
}

/// The pass manager a pass anchored on `anchor` runs in, under `pm` (on
/// `pm_op` ops). A module pass inside a nested pipeline (`func.func(tg-compile)`)
/// would get a pass manager for modules nested in functions, which never
/// runs: that is an error, as MLIR makes it for its own passes.
fn nest_for<'c, 'a>(
    pm: OperationPassManager<'c, 'a>,
    pm_op: &str,
    anchor: Option<&str>,
    name: &str,
    span: &Span,
) -> Result<OperationPassManager<'c, 'a>, PipelineError> {
    match anchor {
        Some("builtin.module") if pm_op != "builtin.module" => Err(PipelineError {
            message: format!("'{name}' runs on 'builtin.module' and cannot run inside '{pm_op}'"),
            span: span.clone(),
            help: Some(format!("move '{name}' out of the '{pm_op}(...)' pipeline")),
        }),
        Some(op) if op != pm_op => Ok(pm.nested_under(op)),
        _ => Ok(pm),
    }
}

/// Hands one upstream element to MLIR's textual pipeline parser.
fn add_upstream(pm: OperationPassManager, text: &str, span: &Span) -> Result<(), PipelineError> {
    tg_dialect::ir::pass::add_pipeline(pm, text).map_err(|message| {
        let message = message.trim();
        PipelineError {
            message: if message.is_empty() {
                format!("MLIR rejected '{text}'")
            } else {
                format!("MLIR rejected '{text}': {message}")
            },
            span: span.clone(),
            help: None,
        }
    })
}

/// Every name a pipeline may use: Rust passes, upstream passes and pipelines.
pub fn all_pass_names() -> impl Iterator<Item = &'static str> {
    rust_passes()
        .iter()
        .map(|p| p.info.name)
        .chain(rust_pipelines().iter().map(|p| p.info.name))
        .chain(upstream_passes().iter().map(|p| p.name))
        .chain(upstream_pipelines().iter().map(|(n, _)| *n))
}

fn unknown_pass(name: &str, span: &Span) -> PipelineError {
    PipelineError {
        message: format!("'{name}' does not refer to a registered pass or pass pipeline"),
        span: span.clone(),
        help: suggest(name, all_pass_names()).map(|near| format!("did you mean '{near}'?")),
    }
}
