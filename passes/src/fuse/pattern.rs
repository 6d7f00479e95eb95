//! The fusion pattern of an op: what `tg-fuse` may fuse it with, in the
//! terms TVM uses (`OpPatternKind`), read from the op's name and types.

use melior::ir::operation::OperationLike;
use melior::ir::{OperationRef, ValueLike};

/// How an op's output elements depend on its input elements, from the most
/// to the least fusable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pattern {
    /// Output element `i` reads input element `i` only: unary ops, `cast`,
    /// binary ops whose operands have the result's shape.
    Elementwise,
    /// Elementwise with numpy broadcasting: binary ops whose operands are
    /// smaller than the result, `broadcast_to`.
    Broadcast,
    /// Each output element reads one input element, at another index:
    /// `transpose`, `reshape`, `slice`, `concat`, `pad`.
    Injective,
    /// Output elements combine many input elements: `reduce_*`, `softmax`.
    Reduction,
    /// Contractions and windows (`matmul`, `conv2d`, pooling): expensive ops
    /// whose output can be post-processed elementwise before it is stored.
    OutFusable,
    /// Free to recompute: `tg.constant`. Never a group member; cloned into
    /// every group that reads it instead of becoming an operand.
    Cheap,
    /// Anything else (other dialects, ops with regions, `tg.fused` itself):
    /// never fused.
    Opaque,
}

impl Pattern {
    /// The pattern of `op`.
    pub fn of(op: OperationRef) -> Pattern {
        let name = op.name();
        let Ok(name) = name.as_string_ref().as_str() else { return Pattern::Opaque };
        match name {
            "tg.constant" => Pattern::Cheap,
            "tg.neg" | "tg.abs" | "tg.relu" | "tg.exp" | "tg.log" | "tg.tanh" | "tg.sigmoid" | "tg.sqrt"
            | "tg.rsqrt" | "tg.cast" => Pattern::Elementwise,
            "tg.add" | "tg.sub" | "tg.mul" | "tg.div" | "tg.max" | "tg.min" | "tg.pow" => {
                if operands_have_result_type(op) {
                    Pattern::Elementwise
                } else {
                    Pattern::Broadcast
                }
            }
            "tg.broadcast_to" => Pattern::Broadcast,
            "tg.transpose" | "tg.reshape" | "tg.slice" | "tg.concat" | "tg.pad" => Pattern::Injective,
            "tg.reduce_sum" | "tg.reduce_max" | "tg.reduce_mean" | "tg.softmax" => Pattern::Reduction,
            "tg.matmul" | "tg.conv2d" | "tg.max_pool2d" | "tg.avg_pool2d" => Pattern::OutFusable,
            _ => Pattern::Opaque,
        }
    }

    /// Elementwise or broadcast: what may follow an anchor as its epilogue.
    pub fn is_pointwise(self) -> bool {
        matches!(self, Pattern::Elementwise | Pattern::Broadcast)
    }

    /// Elementwise, broadcast or injective: what chains with itself freely.
    pub fn is_light(self) -> bool {
        matches!(self, Pattern::Elementwise | Pattern::Broadcast | Pattern::Injective)
    }

    /// A group's one heavy op: a reduction or an out-fusable op.
    pub fn is_anchor(self) -> bool {
        matches!(self, Pattern::Reduction | Pattern::OutFusable)
    }
}

/// Whether every operand of a binary op has the result's type (shape and
/// element type), so the op does not broadcast.
fn operands_have_result_type(op: OperationRef) -> bool {
    let Ok(result) = op.result(0) else { return false };
    let ty = result.r#type();
    op.operands().all(|operand| operand.r#type() == ty)
}
