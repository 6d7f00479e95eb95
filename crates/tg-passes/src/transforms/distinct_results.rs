//! `tg-distinct-results`: no function returns one buffer twice.
//!
//! LLVM 22.1's `buffer-results-to-out-params{hoist-static-allocs=true}`
//! crashes on `return %alloc, %alloc` (the fuzzer found it: a graph whose
//! two results are one value after CSE). `tg-compile{out-params}` runs this
//! pass just before it.
//!
//! Accepts: bufferized functions (results are memrefs). Guarantees: every
//! `func.return` operand that repeats an earlier one is replaced by a copy of
//! it into a new allocation of the same static type; nothing else changes.

use crate::pipeline::catalog::PassInfo;
use tg_dialect::ir::context::with_context;
use crate::conversion::ir_builder::Builder;
use crate::framework::options::OptionValues;
use crate::framework::pass::{PassId, RustPass};
use melior::dialect::DialectHandle;
use melior::ir::operation::OperationLike;
use tg_dialect::ir::walk::{self, Visit};
use tg_dialect::ir::{edit, types};
use melior::ir::{OperationRef, Value, ValueLike};
use melior::pass::{ExternalPass, Pass};
use melior::dialect::ods::memref;
use melior::Context;

pub const PASS: RustPass = RustPass {
    info: PassInfo {
        name: "tg-distinct-results",
        summary: "Copy a buffer a function returns more than once into a buffer of its own",
        description: "Replaces each repeated func.return operand (a memref) by a copy into a new \
                      allocation, so buffer-results-to-out-params gets distinct buffers.",
        anchor: "func.func",
        options: &[],
    },
    create,
};

static ID: PassId = PassId;

fn create(_: &OptionValues) -> Pass {
    let memref = DialectHandle::memref();
    PASS.external(&ID, "TgDistinctResults", &[memref], |func: OperationRef, external: ExternalPass| {
        if !with_context(func.context(), |context| run(context, func)) {
            external.signal_failure();
        }
    })
}

fn run(context: &Context, func: OperationRef) -> bool {
    let returns = walk::collect(func, |op| {
        if op.name().as_string_ref().as_str() == Ok("func.return") { Visit::Take } else { Visit::Continue }
    });
    // The returns stay live: this pass inserts ops and sets operands, never erases.
    for ret in returns {
        let operands: Vec<Value> = ret.operands().collect();
        for (i, value) in operands.iter().enumerate() {
            let repeated = operands[..i].contains(value);
            let static_memref = types::is_static_memref(value.r#type());
            if !repeated || !static_memref {
                continue;
            }
            let Some(b) = Builder::before(context, ret) else { return false };
            let copy = Builder::result(b.insert(memref::alloc(context, value.r#type(), &[], &[], b.location).into()));
            b.op("memref.copy", &[*value, copy], &[], &[], vec![]);
            edit::set_operand(ret, i, copy);
        }
    }
    true
}
