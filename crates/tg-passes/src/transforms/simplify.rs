//! `tg-simplify`: algebraic clean-ups of data-movement ops in the `tg`
//! dialect, written as Rust rewrite patterns under MLIR's greedy driver.
//!
//! Accepts: any function; only `tg.transpose` and `tg.reshape` are touched.
//! Guarantees: the function computes the same values; no transpose feeds a
//! transpose and no reshape feeds a reshape (with the matching option on);
//! identity transposes and reshapes are gone; a transpose or reshape of a
//! splat `tg.constant` is a splat `tg.constant` of its result type (an ONNX
//! Gemm's `transB` of a ConstantOfShape weight is then not materialized by
//! the compiled code on every call). Ops made dead are erased.

use crate::pipeline::catalog::PassInfo;
use crate::framework::options::OptionValues;
use crate::framework::pass::{PassId, RustPass};
use melior::ir::attribute::{DenseElementsAttribute, DenseI64ArrayAttribute};
use melior::ir::operation::OperationLike;
use melior::ir::{OperationRef, Value, ValueLike};
use melior::pass::{ExternalPass, Pass};
use tg_dialect::ir::context::with_context;
use melior::{
    apply_patterns_and_fold_greedily_with_op, GreedyRewriteDriverConfig, GreedySimplifyRegionLevel,
};
use melior::{RewritePatternSet, RewriterBase};
use tg_dialect::ir::edit;
use tg_dialect::ods::tg;
use tg_dialect::ir::rewrite::op_pattern;

crate::pass_options! {
    /// What `tg-simplify` folds.
    pub struct SimplifyOptions {
        /// Compose transpose(transpose(x)) and drop identity transposes
        fold_transposes: bool = "true" as "fold-transposes",
        /// Merge reshape(reshape(x)) and drop identity reshapes
        fold_reshapes: bool = "true" as "fold-reshapes",
        /// Replace a transpose or reshape of a splat tg.constant by a splat tg.constant
        fold_splats: bool = "true" as "fold-splats",
    }
}

pub const PASS: RustPass = RustPass {
    info: PassInfo {
        name: "tg-simplify",
        summary: "Fold chains of tg.transpose and tg.reshape, and their splat constants",
        description:
            "Composes transpose(transpose(x)) into one transpose, merges reshape(reshape(x)) \
                      into one reshape, removes transposes and reshapes that do nothing, and turns a \
                      transpose or reshape of a splat constant into a splat constant.",
        anchor: "func.func",
        options: SimplifyOptions::INFO,
    },
    create,
};

static ID: PassId = PassId;

#[derive(Clone)]
struct Simplify {
    fold_transposes: bool,
    fold_reshapes: bool,
    fold_splats: bool,
}

fn create(values: &OptionValues) -> Pass {
    let options = SimplifyOptions::from_values(values);
    let pass = Simplify {
        fold_transposes: options.fold_transposes,
        fold_reshapes: options.fold_reshapes,
        fold_splats: options.fold_splats,
    };
    PASS.external(
        &ID,
        "TgSimplify",
        &[],
        move |op: OperationRef, external: ExternalPass| pass.run(op, external),
    )
}

impl Simplify {
    fn run(&self, op: OperationRef, external: ExternalPass) {
        with_context(op.context(), |context| self.apply(context, op, external));
    }

    fn apply(&self, context: &melior::Context, op: OperationRef, external: ExternalPass) {
        let patterns = RewritePatternSet::new(context);
        if self.fold_transposes {
            patterns.add(op_pattern(context, "tg.transpose", 1, &["tg.transpose"], fold_transpose));
        }
        if self.fold_reshapes {
            patterns.add(op_pattern(context, "tg.reshape", 1, &["tg.reshape"], fold_reshape));
        }
        if self.fold_splats {
            for name in ["tg.transpose", "tg.reshape"] {
                patterns.add(op_pattern(context, name, 2, &["tg.constant"], fold_splat));
            }
        }
        let config = GreedyRewriteDriverConfig::new();
        // Only our patterns: no folding of other ops (that is canonicalize's
        // job, and it would hoist and merge constants) and no region changes.
        config.enable_folding(false);
        config.set_region_simplification_level(GreedySimplifyRegionLevel::Disabled);
        if apply_patterns_and_fold_greedily_with_op(op, patterns.freeze(), &config).is_err() {
            external.signal_failure();
        }
    }
}

/// The op defining `value`, if `value` is an op result of that name.
fn producer<'c, 'a>(value: Value<'c, 'a>, name: &str) -> Option<OperationRef<'c, 'a>> {
    let result = melior::ir::operation::OperationResult::try_from(value).ok()?;
    let owner = result.owner();
    (owner.name().as_string_ref().as_str() == Ok(name)).then_some(owner)
}

fn perm(op: OperationRef) -> Option<Vec<i64>> {
    let attr = DenseI64ArrayAttribute::try_from(op.attribute("perm").ok()?).ok()?;
    (0..attr.len()).map(|i| attr.element(i).ok()).collect()
}

/// FoldTransposeOfTranspose and FoldIdentityTranspose.
fn fold_transpose(op: OperationRef, rewriter: &RewriterBase) -> bool {
    let (Some(outer), Ok(input)) = (perm(op), op.operand(0)) else {
        return false;
    };
    let (source, composed) = match producer(input, "tg.transpose") {
        // Result dim i of the outer transpose is inner dim outer[i], which is source dim inner[outer[i]].
        Some(inner_op) => match (perm(inner_op), inner_op.operand(0)) {
            (Some(inner), Ok(source)) => (
                source,
                outer.iter().map(|&p| inner[p as usize]).collect::<Vec<_>>(),
            ),
            _ => return false,
        },
        None => (input, outer.clone()),
    };
    let identity = composed.iter().enumerate().all(|(i, &p)| p == i as i64);
    if identity {
        rewriter.replace_op_with_values(op, &[source]);
        return true;
    }
    if producer(input, "tg.transpose").is_none() {
        return false;
    }
    with_context(op.context(), |context| {
        // The result type is inferred (tg.transpose's shape rule).
        let perm = DenseI64ArrayAttribute::new(context, &composed).into();
        let new_op: melior::ir::Operation = tg::transpose(context, source, perm, op.location()).into();
        rewriter.set_insertion_point_before(op);
        let new_op = rewriter.insert(new_op);
        rewriter.replace_op_with_operation(op, new_op);
        true
    })
}

/// FoldReshapeOfReshape and FoldIdentityReshape.
fn fold_reshape(op: OperationRef, rewriter: &RewriterBase) -> bool {
    let (Ok(input), Ok(result)) = (op.operand(0), op.result(0)) else {
        return false;
    };
    let source = match producer(input, "tg.reshape") {
        Some(inner) => match inner.operand(0) {
            Ok(source) => source,
            Err(_) => return false,
        },
        None => input,
    };
    if source.r#type() == result.r#type() {
        rewriter.replace_op_with_values(op, &[source]);
        return true;
    }
    if source == input {
        return false;
    }
    rewriter.start_op_modification(op);
    // `op` is not replaced on this path, and has operand 0 (checked above).
    edit::set_operand(op, 0, source);
    rewriter.finalize_op_modification(op);
    true
}

/// A transpose or reshape of a splat constant: the splat, in the result's type.
fn fold_splat(op: OperationRef, rewriter: &RewriterBase) -> bool {
    let (Ok(input), Ok(result)) = (op.operand(0), op.result(0)) else {
        return false;
    };
    let Some(constant) = producer(input, "tg.constant") else {
        return false;
    };
    let Some(value) = constant.attribute("value").ok().and_then(|a| DenseElementsAttribute::try_from(a).ok()) else {
        return false;
    };
    if !value.is_splat() {
        return false;
    }
    with_context(op.context(), |context| {
        // A splat has the same value everywhere: its reshape to the result's
        // type (same element count) is the transposed or reshaped tensor.
        let splat: melior::ir::Attribute = value.reshape(result.r#type()).into();
        let new_op: melior::ir::Operation = tg::constant(context, splat, op.location()).into();
        rewriter.set_insertion_point_before(op);
        let new_op = rewriter.insert(new_op);
        rewriter.replace_op_with_operation(op, new_op);
        true
    })
}
