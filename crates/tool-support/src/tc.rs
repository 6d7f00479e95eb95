//! Reading a `.tc` file into a module, as both tools do it
//! (`tensor-translate --import-tc`, `tensor-run FILE.tc`): a language error
//! is rendered with its source (miette), ready to print.

use melior::ir::Module;
use melior::Context;

/// Reads `path` and imports function `entry` (the first when `None`) for
/// the sizes the input `shapes` (one per parameter) and `defines` (`-D
/// N=8`) give. The error is the rendered report.
pub fn import<'c>(
    context: &'c Context,
    path: &str,
    entry: Option<&str>,
    shapes: Option<&[Vec<i64>]>,
    defines: &[String],
) -> Result<(Module<'c>, tg_tc::check::Function), String> {
    let mut bound = Vec::new();
    for given in defines {
        let define = tg_tc::parse_define(given).ok_or_else(|| format!("error: -D '{given}' is not NAME=VALUE (a size, 0 or more)\n"))?;
        bound.push(define);
    }
    let (name, source) = crate::input::read(path).map_err(|e| format!("error: {e}\n"))?;
    let text = source.text().to_string();
    tg_dialect::load(context);
    for dialect in ["func", "linalg", "tensor", "arith", "math", "transform"] {
        context.get_or_load_dialect(dialect);
    }
    tg_tc::import(context, &name, &text, entry, shapes, &bound).map_err(|e| e.render(&name, &text))
}
