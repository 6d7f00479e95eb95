//! Collecting ops from a walk. melior's `walk` hands its callback handles
//! that cannot leave it; passes collect first and change the IR after.

use melior::ir::block::BlockLike;
use melior::ir::RegionLike;
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

/// The ops named `name` directly in the first block of `op`'s first region
/// (a module's functions, a function's top-level loops), in order.
pub fn children_named<'c, 'a>(op: OperationRef<'c, 'a>, name: &str) -> Vec<OperationRef<'c, 'a>> {
    let mut found = Vec::new();
    let mut next = op.region(0).ok().and_then(|r| r.first_block()).and_then(|b| b.first_operation());
    while let Some(current) = next {
        next = current.next_in_block();
        if current.name().as_string_ref().as_str() == Ok(name) {
            found.push(current);
        }
    }
    found
}
