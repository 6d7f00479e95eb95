//! `tg-strided-copies`: copies between strided buffers as loops, not calls.
//!
//! Bufferization copies a slice (a concatenation's piece, a grouped
//! convolution's group, a packed tile) with `memref.copy`. Between
//! identity-layout buffers that lowers to `memcpy`; between strided views it
//! lowers to a call of the runner library's `memrefCopy`, which walks the
//! elements one index computation at a time (a third of ShuffleNet's run
//! time). As `linalg.copy` it becomes loops, whose contiguous inner
//! dimension LLVM vectorizes.
//!
//! Accepts: bufferized functions. Guarantees: every `memref.copy` with a
//! strided (non-identity layout) operand is replaced by a `linalg.copy` of
//! the same operands; nothing else changes.

use crate::conversion::ir_builder::Builder;
use crate::framework::options::OptionValues;
use crate::framework::pass::{PassId, RustPass};
use crate::pipeline::catalog::PassInfo;
use melior::dialect::DialectHandle;
use melior::ir::operation::OperationLike;
use melior::ir::{OperationRef, Region, ValueLike};
use melior::pass::{ExternalPass, Pass};
use melior::Context;
use tg_dialect::ir::context::with_context;
use tg_dialect::ir::edit;
use tg_dialect::ir::walk::{self, Visit};

pub const PASS: RustPass = RustPass {
    info: PassInfo {
        name: "tg-strided-copies",
        summary: "Rewrite memref.copy between strided buffers as linalg.copy",
        description: "Replaces each memref.copy with an operand of non-identity layout by a linalg.copy, \
                      which lowers to loops instead of a call to the runner library's memrefCopy.",
        anchor: "func.func",
        options: &[],
    },
    create,
};

static ID: PassId = PassId;

fn create(_: &OptionValues) -> Pass {
    PASS.external(&ID, "TgStridedCopies", &[DialectHandle::linalg()], |func: OperationRef, external: ExternalPass| {
        if !with_context(func.context(), |context| run(context, func)) {
            external.signal_failure();
        }
    })
}

/// Whether `ty` is a memref with a layout other than the identity.
fn strided(ty: melior::ir::Type) -> bool {
    let text = ty.to_string();
    text.starts_with("memref<") && (text.contains("strided<") || text.contains("affine_map<"))
}

fn run(context: &Context, func: OperationRef) -> bool {
    let copies = walk::collect(func, |op| {
        let is_copy = op.name().as_string_ref().as_str() == Ok("memref.copy");
        if is_copy && op.operands().any(|v| strided(v.r#type())) { Visit::Take } else { Visit::Continue }
    });
    for copy in copies {
        let (Ok(source), Ok(target)) = (copy.operand(0), copy.operand(1)) else { return false };
        let Some(b) = Builder::before(context, copy) else { return false };
        let linalg_copy = b.op_grouped("linalg.copy", &[&[source], &[target]], &[], &[], vec![Region::new()]);
        if !edit::fill_named_linalg_region(linalg_copy) {
            return false;
        }
        edit::erase(copy);
    }
    true
}
