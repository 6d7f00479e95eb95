//! The entry function's signature, read from its `func.func` before anything
//! is lowered: the types of its arguments and results, and the names the
//! source gave its arguments (`%input`), for error messages.

use tg_dialect::ir::types::{self, Scalar};
use crate::dtype::{DType, Kind, ValueType};
use melior::ir::attribute::{StringAttribute, TypeAttribute};
use melior::ir::block::BlockLike;
use melior::ir::operation::OperationLike;
use melior::ir::r#type::FunctionType;
use melior::ir::{Module, OperationRef, RegionLike, Type, ValueLike};

/// What the entry function takes and returns.
#[derive(Clone, Debug)]
pub struct Signature {
    pub entry: String,
    pub args: Vec<Argument>,
    pub results: Vec<ValueType>,
}

/// One argument of the entry function.
#[derive(Clone, Debug)]
pub struct Argument {
    pub index: usize,
    /// The SSA name in the source (`%input`), when the IR has its location.
    pub name: Option<String>,
    pub ty: ValueType,
}

impl Argument {
    /// `argument #0 (%input) of @main`.
    pub fn describe(&self, entry: &str) -> String {
        match &self.name {
            Some(name) => format!("argument #{} ({name}) of @{entry}", self.index),
            None => format!("argument #{} of @{entry}", self.index),
        }
    }
}

impl Signature {
    /// `(tensor<2x3xf32>, tensor<3xf32>)`.
    pub fn argument_list(&self) -> String {
        let types: Vec<String> = self.args.iter().map(|a| a.ty.to_string()).collect();
        format!("({})", types.join(", "))
    }
}

const SUPPORTED: &str = "tensor-run takes and returns statically shaped tensors of f32, f64, i32 or i64";

/// The symbol name of a `func.func` / `llvm.func`.
fn symbol_name<'c, 'a>(op: &OperationRef<'c, 'a>) -> Option<String> {
    let attribute = op.attribute("sym_name").ok()?;
    Some(StringAttribute::try_from(attribute).ok()?.value().to_string())
}

fn op_name<'c, 'a>(op: &OperationRef<'c, 'a>) -> String {
    op.name().as_string_ref().as_str().unwrap_or("").to_string()
}

/// The `func.func` named `entry` in `module`'s body.
pub fn find_entry<'c, 'm>(module: &'m Module<'c>, entry: &str) -> Result<OperationRef<'c, 'm>, String> {
    let mut functions = Vec::new();
    let mut next = module.body().first_operation();
    while let Some(op) = next {
        let name = op_name(&op);
        if name == "func.func" || name == "llvm.func" {
            if let Some(symbol) = symbol_name(&op) {
                if symbol == entry {
                    if name == "llvm.func" {
                        return Err(format!(
                            "@{entry} is already an llvm.func: its arguments no longer say their tensors' shapes and \
                             element types; give tensor-run the IR from before convert-func-to-llvm (tg, linalg on \
                             tensors, or bufferized memrefs)"
                        ));
                    }
                    return Ok(op);
                }
                functions.push(format!("@{symbol}"));
            }
        }
        next = op.next_in_block();
    }
    Err(if functions.is_empty() {
        format!("no function @{entry}: the input defines no function")
    } else {
        format!("no function @{entry}; the input defines {} (choose one with --entry NAME)", functions.join(", "))
    })
}

/// Reads the signature of `function` (a `func.func`). `source` and
/// `file_name` are the input's text and name, to recover argument names.
pub fn read(function: OperationRef, entry: &str, source: &str, file_name: &str) -> Result<Signature, String> {
    let ty = function
        .attribute("function_type")
        .ok()
        .and_then(|a| TypeAttribute::try_from(a).ok())
        .and_then(|a| FunctionType::try_from(a.value()).ok())
        .ok_or_else(|| format!("@{entry} has no function type"))?;
    let body = function.region(0).ok().and_then(|r| r.first_block());
    if body.is_none() {
        return Err(format!("@{entry} is a declaration: it has no body to run"));
    }

    let mut args = Vec::with_capacity(ty.input_count());
    for index in 0..ty.input_count() {
        let arg_ty = ty.input(index).map_err(|e| e.to_string())?;
        let name = body
            .and_then(|b| b.argument(index).ok())
            .and_then(|value| tool_support::capture::file_loc(value.location()))
            .filter(|loc| loc.file == file_name)
            .and_then(|loc| ssa_name_at(source, loc.line, loc.col));
        let described = Argument { index, name: name.clone(), ty: placeholder() }.describe(entry);
        let ty = value_type(arg_ty).map_err(|why| format!("{described} has type {arg_ty}: {why}; {SUPPORTED}"))?;
        args.push(Argument { index, name, ty });
    }
    let mut results = Vec::with_capacity(ty.result_count());
    for index in 0..ty.result_count() {
        let result_ty = ty.result(index).map_err(|e| e.to_string())?;
        let ty = value_type(result_ty)
            .map_err(|why| format!("result #{index} of @{entry} has type {result_ty}: {why}; {SUPPORTED}"))?;
        results.push(ty);
    }
    Ok(Signature { entry: entry.to_string(), args, results })
}

fn placeholder() -> ValueType {
    ValueType { kind: Kind::Tensor, shape: Vec::new(), dtype: DType::F32 }
}

/// A tensor or memref type tensor-run can pass, or why not.
fn value_type(ty: Type) -> Result<ValueType, &'static str> {
    let shaped = types::shaped(ty).ok_or("not a ranked tensor")?;
    let kind = if shaped.memref { Kind::MemRef } else { Kind::Tensor };
    if shaped.shape.iter().any(|&d| d < 0) {
        return Err("its shape is not static");
    }
    if !shaped.identity_layout {
        return Err("its layout is not the identity");
    }
    let dtype = match types::scalar(shaped.element) {
        Scalar::F32 => DType::F32,
        Scalar::F64 => DType::F64,
        Scalar::Int(32) => DType::I32,
        Scalar::Int(64) => DType::I64,
        _ => return Err("unsupported element type"),
    };
    Ok(ValueType { kind, shape: shaped.shape.iter().map(|&d| d as usize).collect(), dtype })
}

/// The `%name` token at 1-based `line` and byte column `col` of `source`.
fn ssa_name_at(source: &str, line: usize, col: usize) -> Option<String> {
    let text = source.split('\n').nth(line.checked_sub(1)?)?;
    let rest = text.get(col.checked_sub(1)?..)?;
    let token: String = rest
        .chars()
        .enumerate()
        .take_while(|&(i, c)| (i == 0 && c == '%') || (i > 0 && (c.is_ascii_alphanumeric() || "_$.-#".contains(c))))
        .map(|(_, c)| c)
        .collect();
    (token.len() > 1).then_some(token)
}
