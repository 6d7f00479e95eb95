//! tensor-opt's own (Rust) passes, by name: what `--pass-pipeline` and the
//! pass flags can name besides MLIR's upstream passes.
//!
//! MLIR's C API cannot register a pass by name, so the registry lives here
//! and `assemble` consults it before falling back to MLIR's own parser.

use crate::catalog::{OptionInfo, PassInfo};
use crate::options::OptionValues;
use melior::pass::Pass;

/// A Rust pass: its description (in the catalog's terms) and a constructor
/// taking validated option values.
pub struct RustPass {
    pub info: PassInfo,
    pub create: fn(&OptionValues) -> Pass,
}

/// Every Rust pass, sorted by name.
pub fn rust_passes() -> &'static [RustPass] {
    static PASSES: &[RustPass] = &[crate::fuse::PASS, crate::schedule::PASS, crate::simplify::PASS, crate::tg_to_linalg::PASS];
    PASSES
}

/// Looks up a Rust pass by its command-line name.
pub fn find_rust(name: &str) -> Option<&'static RustPass> {
    rust_passes().iter().find(|p| p.info.name == name)
}

/// Shorthand for declaring a boolean option in a pass's `PassInfo`.
pub const fn bool_option(
    name: &'static str,
    description: &'static str,
    default: &'static str,
) -> OptionInfo {
    OptionInfo {
        name,
        description,
        ty: "bool",
        default,
        is_list: false,
    }
}
