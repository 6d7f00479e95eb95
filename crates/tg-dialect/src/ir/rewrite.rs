//! Rewrite patterns written as plain Rust functions of the matched op.

use melior::ir::OperationRef;
use melior::{Context, PatternRewriter, RewritePattern, RewriterBase};

/// A pattern on ops named `root` that calls `rewrite` with each match and
/// the rewriter; `rewrite` returns whether it changed the IR (and must then
/// have done so through the rewriter). `generated` names the ops it creates.
pub fn op_pattern(
    context: &Context,
    root: &str,
    benefit: u32,
    generated: &[&str],
    rewrite: for<'c, 'a, 'r> fn(OperationRef<'c, 'a>, &RewriterBase<'c, 'r>) -> bool,
) -> RewritePattern {
    melior::create_op_rewrite_pattern(
        root,
        benefit,
        context,
        move |_, raw_op, raw_rewriter| {
            // SAFETY: MLIR hands the pattern a live op and rewriter for this
            // call only; `rewrite` gets them by value and reference and cannot
            // keep them (the op handle's lifetimes are the call's).
            let (op, rewriter) = unsafe { (OperationRef::from_raw(raw_op), PatternRewriter::from_raw(raw_rewriter)) };
            rewrite(op, &rewriter.as_rewriter_base())
        },
        generated,
    )
}
