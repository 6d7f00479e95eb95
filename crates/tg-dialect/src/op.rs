//! The tg op set as a Rust enum, generated from the ODS definitions
//! (include/tg/TGOps.td) at build time: passes and the interpreter match
//! on [`TgOp`], so an op added to ODS is a compile error in every consumer
//! that does not handle it yet.

use melior::ir::operation::OperationLike;

include!(concat!(env!("OUT_DIR"), "/tg_ops.rs"));

/// How an op's output elements depend on its inputs (TVM's pattern kinds),
/// as each op declares it in ODS (`let opClass = TG_...`; TGDialect.td).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OpClass {
    /// Output element `i` reads input element `i` only: unary ops, `cast`.
    Elementwise,
    /// Elementwise with numpy broadcasting: binary ops, `broadcast_to`.
    Broadcast,
    /// Each output element reads one input element, at another index:
    /// `transpose`, `reshape`, `slice`, `concat`, `pad`.
    Injective,
    /// Output elements combine many input elements: `reduce_*`, `softmax`.
    Reduction,
    /// Contractions and windows (`matmul`, `conv2d`, pooling), whose output
    /// can take an elementwise epilogue before it is stored.
    OutFusable,
    /// Free to recompute (`tg.constant`): cloned rather than fused.
    Cheap,
    /// Never fused: `tg.fused`, `tg.yield`.
    Opaque,
}

impl OpClass {
    /// Elementwise or broadcast: what may follow an anchor as its epilogue.
    pub fn is_pointwise(self) -> bool {
        matches!(self, OpClass::Elementwise | OpClass::Broadcast)
    }

    /// Elementwise, broadcast or injective: what chains with itself freely.
    pub fn is_light(self) -> bool {
        matches!(self, OpClass::Elementwise | OpClass::Broadcast | OpClass::Injective)
    }

    /// A fused group's one heavy op: a reduction or an out-fusable op.
    pub fn is_anchor(self) -> bool {
        matches!(self, OpClass::Reduction | OpClass::OutFusable)
    }
}

impl TgOp {
    /// The tg op `op` is, or `None` for another dialect's op.
    pub fn of<'c: 'a, 'a>(op: &impl OperationLike<'c, 'a>) -> Option<TgOp> {
        let name = op.name();
        TgOp::from_name(name.as_string_ref().as_str().ok()?)
    }
}
