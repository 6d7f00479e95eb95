//! Collecting ops from a walk. melior's `walk` hands its callback handles
//! that cannot leave it; passes collect first and change the IR after.

use melior::ir::operation::{OperationLike, WalkOrder, WalkResult};
use melior::ir::OperationRef;

/// What to do with an op met on the walk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visit {
    /// Leave it; walk into its regions.
    Continue,
    /// Collect it; walk into its regions.
    Take,
    /// Collect it; skip its regions.
    TakeWhole,
    /// Leave it and its regions.
    Skip,
}

/// The ops nested in `root` (not `root` itself), in pre-order, that
/// `visit` takes.
pub fn collect<'c, 'a>(root: OperationRef<'c, 'a>, mut visit: impl FnMut(OperationRef) -> Visit) -> Vec<OperationRef<'c, 'a>> {
    let root_raw = root.to_raw();
    let mut taken = Vec::new();
    root.walk(WalkOrder::PreOrder, |op| {
        if op.to_raw().ptr == root_raw.ptr {
            return WalkResult::Advance;
        }
        let visit = visit(op);
        if matches!(visit, Visit::Take | Visit::TakeWhole) {
            taken.push(op.to_raw());
        }
        match visit {
            Visit::Continue | Visit::Take => WalkResult::Advance,
            Visit::TakeWhole | Visit::Skip => WalkResult::Skip,
        }
    });
    // SAFETY: each op was live in `root`'s IR when walked, and nothing has
    // changed that IR since; handles into it may live as long as `root`'s ('a).
    taken.into_iter().map(|raw| unsafe { OperationRef::from_raw(raw) }).collect()
}
