//! What a Rust pass and a Rust pipeline are: a description in the catalog's
//! terms with a constructor (a pass) or an expansion (a pipeline). The
//! passes are listed in [`super::registry`].

use crate::framework::options::OptionValues;
use crate::pipeline::catalog::{OptionInfo, PassInfo};
use crate::pipeline::Element;
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

/// A pipeline tensor-opt defines by name, expanded into pipeline elements.
pub struct RustPipeline {
    pub info: PassInfo,
    /// The elements to run, anchored on `builtin.module` (without the anchor).
    pub expand: fn(&OptionValues) -> Result<Vec<Element>, String>,
}
