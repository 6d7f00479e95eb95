//! Pass pipelines: their textual syntax ([`syntax`], re-exported here), the
//! catalog of upstream passes ([`catalog`]), and assembling a parsed
//! pipeline of Rust and upstream passes into an MLIR pass manager
//! ([`assemble`]).

pub mod assemble;
pub mod catalog;
pub mod syntax;

pub use syntax::*;
