//! Turns one group of ops into a `tg.fused` op: the IR surgery of `tg-fuse`.
//!
//! The new op takes the group's place (just before its last op). Values the
//! group reads from outside become its operands and block arguments, in order
//! of first use; `tg.constant`s it reads are cloned into its body instead;
//! results used outside the group (or not at all) are yielded and become its
//! results. The members move into the body unchanged.

use tg_dialect::ir::diagnostics::fused_location;
use tg_dialect::ir::edit;
use tg_dialect::ods::tg;
use tg_dialect::ir::uses::{ancestor_in, users};
use melior::ir::attribute::StringAttribute;
use melior::ir::block::BlockLike;
use melior::ir::operation::OperationLike;
use melior::ir::{Block, Location, OperationRef, Region, RegionLike, Type, Value, ValueLike};
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
        let is_member = |op: OperationRef<'c, 'a>| {
            ancestor_in(block, op).is_some_and(|a| member_set.contains(&a.to_raw().ptr))
        };
        let (inputs, constants) = self.inputs(&member_set);
        let outputs = self.outputs(&is_member);
        // The fused op sits where the last member is: every output must be
        // used after it. (Only the last member's results are used outside in
        // the groups `grouping` builds, so this holds; it is checked because a
        // violation would break dominance silently.)
        for output in &outputs {
            for user in users(*output) {
                if is_member(user) {
                    continue;
                }
                if ancestor_in(block, user).is_some_and(|user| user.is_before_in_block(last)) {
                    return Err("a result of the group is used before the group's last op".into());
                }
            }
        }

        let locations: Vec<Location> = self.members.iter().map(|op| op.location()).collect();
        let location = fused_location(context, &locations);
        let arguments: Vec<(Type, Location)> = inputs.iter().map(|v| (v.r#type(), v.location())).collect();
        let region = Region::new();
        region.append_block(Block::new(&arguments));
        let result_types: Vec<Type> = outputs.iter().map(|v| v.r#type()).collect();
        let kind = StringAttribute::new(context, &self.kind());
        let fused: melior::ir::Operation = tg::fused(context, &result_types, &inputs, region, kind, location).into();
        let fused = block.insert_operation_before(last, fused);

        let body = fused.region(0).ok().and_then(|r| r.first_block()).ok_or("tg.fused has no body")?;

        // Outside uses of the outputs now read the fused op's results.
        for (index, output) in outputs.iter().enumerate() {
            let result = fused.result(index).map_err(|e| e.to_string())?;
            edit::replace_all_uses_except(*output, result.into(), &self.members);
        }

        // Inside, inputs are block arguments and constants are clones.
        let mut replacement: HashMap<*const c_void, Value<'c, 'a>> = HashMap::new();
        for (index, input) in inputs.iter().enumerate() {
            let argument = body.argument(index).map_err(|e| e.to_string())?;
            replacement.insert(input.to_raw().ptr, argument.into());
        }
        for constant in &constants {
            let clone = body.append_operation(edit::clone(*constant));
            let (original, cloned) = (constant.result(0), clone.result(0));
            let (Ok(original), Ok(cloned)) = (original, cloned) else { return Err("a tg.constant has no result".into()) };
            replacement.insert(original.to_raw().ptr, cloned.into());
        }
        for member in &self.members {
            let moved = body.append_operation(edit::remove_from_parent(*member));
            for index in 0..moved.operand_count() {
                let Ok(operand) = moved.operand(index) else { continue };
                if let Some(&new) = replacement.get(&operand.to_raw().ptr) {
                    edit::set_operand(moved, index, new);
                }
            }
        }
        let yield_op: melior::ir::Operation = tg::r#yield(context, &outputs, last.location()).into();
        body.append_operation(yield_op);
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
    fn outputs(&self, is_member: &dyn Fn(OperationRef<'c, 'a>) -> bool) -> Vec<Value<'c, 'a>> {
        let mut outputs = Vec::new();
        for member in &self.members {
            for result in member.results() {
                let users = users(result.into());
                if users.is_empty() || users.iter().any(|&u| !is_member(u)) {
                    outputs.push(result.into());
                }
            }
        }
        outputs
    }
}
