//! Turns one group of ops into a `tg.fused` op: the IR surgery of `tg-fuse`.
//!
//! The new op takes the group's place (just before its last op). Values the
//! group reads from outside become its operands and block arguments, in order
//! of first use; `tg.constant`s it reads are cloned into its body instead;
//! results used outside the group (or not at all) are yielded and become its
//! results. The members move into the body unchanged.

use super::graph::{ancestor_in, users};
use melior::ir::attribute::StringAttribute;
use melior::ir::block::BlockLike;
use melior::ir::operation::{OperationBuilder, OperationLike};
use melior::ir::{Block, Identifier, Location, OperationRef, Region, RegionLike, Type, Value, ValueLike};
use melior::Context;
use std::collections::{HashMap, HashSet};
use std::ffi::c_void;

/// A group about to be outlined: its members in block order.
pub struct Group<'c, 'a> {
    pub members: Vec<OperationRef<'c, 'a>>,
}

impl<'c, 'a> Group<'c, 'a> {
    /// The `kind` of the fused op: the members' names without `tg.`, joined
    /// by `+` (`matmul+add+relu`).
    pub fn kind(&self) -> String {
        let names: Vec<String> = self
            .members
            .iter()
            .map(|op| {
                let name = op.name().as_string_ref().as_str().unwrap_or("?").to_string();
                name.strip_prefix("tg.").map(str::to_string).unwrap_or(name)
            })
            .collect();
        names.join("+")
    }

    /// Replaces the members by one `tg.fused` op and returns it, with the
    /// constants it cloned (the caller erases those left unused).
    pub fn outline(
        &self,
        context: &'c Context,
    ) -> Result<(OperationRef<'c, 'a>, Vec<OperationRef<'c, 'a>>), String> {
        let (last, block) = match self.members.last().and_then(|op| Some((*op, op.block()?))) {
            Some(found) => found,
            None => return Err("the group is empty or not in a block".into()),
        };
        let member_set: HashSet<*mut c_void> = self.members.iter().map(|op| op.to_raw().ptr).collect();
        let is_member = |op: mlir_sys::MlirOperation| {
            ancestor_in(block.to_raw(), op).is_some_and(|a| member_set.contains(&a.ptr))
        };
        let (inputs, constants) = self.inputs(&member_set);
        let outputs = self.outputs(&is_member);
        // The fused op sits where the last member is: every output must be
        // used after it. (Only the last member's results are used outside in
        // the groups `grouping` builds, so this holds; it is checked because a
        // violation would break dominance silently.)
        for output in &outputs {
            for user in users(output.to_raw()) {
                if is_member(user) {
                    continue;
                }
                if let Some(user) = ancestor_in(block.to_raw(), user) {
                    // SAFETY: `user` (from `ancestor_in`) and `last` are live ops of
                    // `block`: nothing is moved or erased before the IR surgery below.
                    if unsafe { mlir_sys::mlirOperationIsBeforeInBlock(user, last.to_raw()) } {
                        return Err("a result of the group is used before the group's last op".into());
                    }
                }
            }
        }

        let locations: Vec<mlir_sys::MlirLocation> = self.members.iter().map(|op| op.location().to_raw()).collect();
        // SAFETY: locations are owned by the context (live for 'c); `locations`
        // outlives the call; a null attribute means no metadata.
        let location = unsafe {
            Location::from_raw(mlir_sys::mlirLocationFusedGet(
                context.to_raw(),
                locations.len() as isize,
                locations.as_ptr(),
                mlir_sys::MlirAttribute { ptr: std::ptr::null() },
            ))
        };
        let arguments: Vec<(Type, Location)> = inputs.iter().map(|v| (v.r#type(), v.location())).collect();
        let region = Region::new();
        let body = region.append_block(Block::new(&arguments)).to_raw();
        let result_types: Vec<Type> = outputs.iter().map(|v| v.r#type()).collect();
        let fused = OperationBuilder::new("tg.fused", location)
            .add_operands(&inputs)
            .add_results(&result_types)
            .add_attributes(&[(Identifier::new(context, "kind"), StringAttribute::new(context, &self.kind()).into())])
            .add_regions([region])
            .build()
            .map_err(|e| format!("cannot build tg.fused: {e}"))?;
        let fused = block.insert_operation_before(last, fused);

        // Outside uses of the outputs now read the fused op's results.
        let mut members: Vec<mlir_sys::MlirOperation> = self.members.iter().map(|op| op.to_raw()).collect();
        for (index, output) in outputs.iter().enumerate() {
            let result = fused.result(index).map_err(|e| e.to_string())?;
            // SAFETY: `output` and `result` are live values; `members` holds live ops
            // and outlives the call, which only reads it.
            unsafe {
                mlir_sys::mlirValueReplaceAllUsesExcept(
                    output.to_raw(),
                    result.to_raw(),
                    members.len() as isize,
                    members.as_mut_ptr(),
                )
            };
        }

        // Inside, inputs are block arguments and constants are clones.
        let mut replacement: HashMap<*const c_void, mlir_sys::MlirValue> = HashMap::new();
        for (index, input) in inputs.iter().enumerate() {
            // SAFETY: `body` is still valid: building the op moved the region's block
            // list into it, not the block; the block has one argument per input.
            let argument = unsafe { mlir_sys::mlirBlockGetArgument(body, index as isize) };
            replacement.insert(input.to_raw().ptr, argument);
        }
        for constant in &constants {
            // SAFETY: the clone is ours until `body` (owned by `fused`) takes it;
            // `constant` is live outside the group; a verified tg.constant has one result.
            unsafe {
                let clone = mlir_sys::mlirOperationClone(constant.to_raw());
                mlir_sys::mlirBlockAppendOwnedOperation(body, clone);
                let original = mlir_sys::mlirOperationGetResult(constant.to_raw(), 0);
                replacement.insert(original.ptr, mlir_sys::mlirOperationGetResult(clone, 0));
            }
        }
        for member in &self.members {
            // SAFETY: members are moved, never erased, so `member` stays valid;
            // detached, it is ours until `body` takes it; indices are < operand_count.
            unsafe {
                mlir_sys::mlirOperationRemoveFromParent(member.to_raw());
                mlir_sys::mlirBlockAppendOwnedOperation(body, member.to_raw());
                for index in 0..member.operand_count() {
                    let operand = mlir_sys::mlirOperationGetOperand(member.to_raw(), index as isize);
                    if let Some(&new) = replacement.get(&operand.ptr) {
                        mlir_sys::mlirOperationSetOperand(member.to_raw(), index as isize, new);
                    }
                }
            }
        }
        let yield_op = OperationBuilder::new("tg.yield", last.location())
            .add_operands(&outputs)
            .build()
            .map_err(|e| format!("cannot build tg.yield: {e}"))?;
        // SAFETY: `body` is owned by `fused`'s region; `into_raw` hands the yield to it.
        unsafe { mlir_sys::mlirBlockAppendOwnedOperation(body, yield_op.into_raw()) };
        Ok((fused, constants))
    }

    /// The values the members read from outside the group, in order of
    /// first use, and apart the `tg.constant`s among their producers.
    fn inputs(&self, member_set: &HashSet<*mut c_void>) -> (Vec<Value<'c, 'a>>, Vec<OperationRef<'c, 'a>>) {
        let (mut inputs, mut constants) = (Vec::new(), Vec::new());
        let mut seen = HashSet::new();
        for member in &self.members {
            for operand in member.operands() {
                if !seen.insert(operand.to_raw().ptr) {
                    continue;
                }
                match melior::ir::operation::OperationResult::try_from(operand).map(|r| r.owner()) {
                    Ok(producer) if member_set.contains(&producer.to_raw().ptr) => {}
                    Ok(producer) if producer.name().as_string_ref().as_str() == Ok("tg.constant") => {
                        constants.push(producer)
                    }
                    _ => inputs.push(operand),
                }
            }
        }
        (inputs, constants)
    }

    /// The members' results the rest of the program sees: those used outside
    /// the group, and those not used at all (kept so that the fused op still
    /// computes them).
    fn outputs(&self, is_member: &dyn Fn(mlir_sys::MlirOperation) -> bool) -> Vec<Value<'c, 'a>> {
        let mut outputs = Vec::new();
        for member in &self.members {
            for result in member.results() {
                let users = users(result.to_raw());
                if users.is_empty() || users.iter().any(|&u| !is_member(u)) {
                    outputs.push(result.into());
                }
            }
        }
        outputs
    }
}
