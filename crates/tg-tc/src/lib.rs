//! The tensor language (`.tc` files): operators in index notation, as
//! Tensor Comprehensions wrote them, with ranges inferred from the shapes,
//! lowered to one exact `linalg.generic` per statement, and schedules kept
//! apart as transform-dialect scripts.
//!
//! `parse` (pest grammar in `grammar.pest`) -> `sizes` (bound) -> `check`
//! (names and types checked, ranges inferred) -> `lower` (MLIR) with `schedule`
//! (the script), and `eval`, the direct evaluator the compiled code is
//! checked against. The language is described in this crate's README.

#![forbid(unsafe_code)]

pub mod ast;
pub mod check;
pub mod error;
pub mod eval;
pub mod lower;
pub mod parse;
pub mod schedule;
pub mod sizes;

pub use error::Error;

use melior::ir::block::BlockLike;
use melior::ir::operation::OperationLike;
use melior::ir::RegionLike;
use melior::ir::{Attribute, Module};
use melior::Context;
use tg_dialect::ir::edit;

/// The function `entry` names (the first one when `None`).
pub fn select<'f>(functions: &'f [ast::Function], entry: Option<&str>, source: &str) -> Result<&'f ast::Function, Error> {
    match entry {
        None => functions.first().ok_or_else(|| {
            Error::new("the file defines no function", 0..source.len().min(1), "empty").help("def name(x: f32[N]) -> (y) { y[i] = x[i] }")
        }),
        Some(name) => functions.iter().find(|f| f.name.text == name).ok_or_else(|| {
            let names: Vec<&str> = functions.iter().map(|f| f.name.text.as_str()).collect();
            let span = functions.first().map(|f| f.name.span.clone()).unwrap_or(0..0);
            Error::new(format!("no function '{name}'"), span, "not this one").help(format!("the functions are {}", names.join(", ")))
        }),
    }
}

/// Parses and checks `entry` of `source` for the given sizes.
pub fn check_source(
    source: &str,
    entry: Option<&str>,
    shapes: Option<&[Vec<i64>]>,
    defines: &[(String, i64)],
) -> Result<(ast::Function, check::Function), Error> {
    let functions = parse::parse(source)?;
    let function = select(&functions, entry, source)?;
    let sizes = sizes::bind(function, shapes, defines)?;
    let checked = check::check(function, &sizes)?;
    Ok((function.clone(), checked))
}

/// `source` as an MLIR module: the checked function lowered, and its
/// schedule (if it has one) embedded as `@__transform_main`, which
/// `tg-schedule` applies (`tg-compile opt-level=3`).
pub fn import<'c>(
    context: &'c Context,
    file: &str,
    source: &str,
    entry: Option<&str>,
    shapes: Option<&[Vec<i64>]>,
    defines: &[(String, i64)],
) -> Result<(Module<'c>, check::Function), Error> {
    let (function, checked) = check_source(source, entry, shapes, defines)?;
    let script = if function.schedule.is_empty() {
        None
    } else {
        Some(schedule::script(&checked, &function.schedule, file, source)?)
    };
    let module = lower::lower(context, &checked, file, source, function.span.start);
    if let Some(script) = script {
        let parsed = edit::parse_operation(context, &script, "<tc-schedule>").ok_or_else(|| {
            Error::new("the schedule's transform script does not parse", function.span.clone(), "this function's schedule")
        })?;
        let body = parsed.region(0).ok().and_then(|r| r.first_block()).and_then(|b| b.first_operation());
        let mut next = body;
        while let Some(op) = next {
            next = op.next_in_block();
            module.body().append_operation(edit::clone(op));
        }
        edit::set_discardable_attribute(module.as_operation(), "transform.with_named_sequence", Attribute::unit(context));
    }
    Ok((module, checked))
}

/// Parses a `-D NAME=VALUE` definition.
pub fn parse_define(text: &str) -> Option<(String, i64)> {
    let (name, value) = text.split_once('=')?;
    let value: i64 = value.trim().parse().ok()?;
    let name = name.trim();
    let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    (valid && value >= 0).then(|| (name.to_string(), value))
}
