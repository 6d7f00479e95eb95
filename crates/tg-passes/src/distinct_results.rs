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

use crate::catalog::PassInfo;
use crate::context::with_context;
use crate::ir_builder::Builder;
use crate::options::OptionValues;
use crate::registry::{PassId, RustPass};
use melior::dialect::DialectHandle;
use melior::ir::operation::{OperationLike, WalkOrder, WalkResult};
use melior::ir::{OperationRef, TypeLike, Value, ValueLike};
use melior::pass::{ExternalPass, Pass};
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
    // SAFETY: the handle function returns a pointer to a static table.
    let memref = unsafe { DialectHandle::from_raw(mlir_sys::mlirGetDialectHandle__memref__()) };
    PASS.external(&ID, "TgDistinctResults", &[memref], |func: OperationRef, external: ExternalPass| {
        if !with_context(func.context(), |context| run(context, func)) {
            external.signal_failure();
        }
    })
}

fn run(context: &Context, func: OperationRef) -> bool {
    let mut returns = Vec::new();
    func.walk(WalkOrder::PreOrder, |op| {
        if op.name().as_string_ref().as_str() == Ok("func.return") {
            returns.push(op.to_raw());
        }
        WalkResult::Advance
    });
    for raw in returns {
        // SAFETY: the return ops are live: this pass inserts ops and sets operands, never erases.
        let ret = unsafe { OperationRef::from_raw(raw) };
        let operands: Vec<Value> = ret.operands().collect();
        for (i, value) in operands.iter().enumerate() {
            let repeated = operands[..i].contains(value);
            // SAFETY: the type is live.
            let static_memref = unsafe {
                let ty = value.r#type().to_raw();
                mlir_sys::mlirTypeIsAMemRef(ty) && mlir_sys::mlirShapedTypeHasStaticShape(ty)
            };
            if !repeated || !static_memref {
                continue;
            }
            let Some(b) = Builder::before(context, ret) else { return false };
            let copy = Builder::result(b.op(
                "memref.alloc",
                &[],
                &[value.r#type()],
                &[("operandSegmentSizes", "array<i32: 0, 0>".into())],
                vec![],
            ));
            b.op("memref.copy", &[*value, copy], &[], &[], vec![]);
            // SAFETY: `ret` is live and has operand `i`; `copy` has its type.
            unsafe { mlir_sys::mlirOperationSetOperand(ret.to_raw(), i as isize, copy.to_raw()) };
        }
    }
    true
}
