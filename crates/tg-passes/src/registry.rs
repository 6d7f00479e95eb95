//! tensor-opt's own (Rust) passes, by name: what `--pass-pipeline` and the
//! pass flags can name besides MLIR's upstream passes.
//!
//! MLIR's C API cannot register a pass by name, so the registry lives here
//! and `assemble` consults it before falling back to MLIR's own parser.

use crate::catalog::{OptionInfo, PassInfo};
use crate::options::OptionValues;
use melior::dialect::DialectHandle;
use melior::ir::r#type::TypeId;
use melior::pass::{create_external, Pass, RunExternalPass};

/// A Rust pass: its description (in the catalog's terms) and a constructor
/// taking validated option values.
pub struct RustPass {
    pub info: PassInfo,
    pub create: fn(&OptionValues) -> Pass,
}

/// The identity MLIR gives one kind of pass (its TypeID): the address of a
/// static of this type, one per pass (`static ID: PassId = PassId;`).
#[repr(align(8))]
pub struct PassId;

impl RustPass {
    /// The MLIR pass that calls `run` on each anchor op, named and described
    /// by `self.info`; `class` is its class name in MLIR's diagnostics and
    /// `dialects` are what it creates (loaded before any pass runs: MLIR
    /// cannot load a dialect from inside a multithreaded pass). `run` must
    /// own what it captures: MLIR calls it after the pass's constructor has
    /// returned (melior itself does not ask for `'static`). `info.anchor` must
    /// be `'static`: MLIR's `Pass` keeps the op name as a `StringRef`, uncopied.
    pub fn external<'c, T: RunExternalPass<'c> + 'static>(
        &self,
        id: &'static PassId,
        class: &str,
        dialects: &[DialectHandle],
        run: T,
    ) -> Pass {
        create_external(run, TypeId::create(id), class, self.info.name, self.info.summary, self.info.anchor, dialects)
    }
}

/// Every Rust pass, sorted by name.
pub fn rust_passes() -> &'static [RustPass] {
    static PASSES: &[RustPass] = &[
        crate::distinct_results::PASS,
        crate::fuse::PASS,
        crate::runtime_checks::PASS,
        crate::schedule::PASS,
        crate::simplify::PASS,
        crate::tg_to_linalg::PASS,
    ];
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
        range: None,
    }
}
