//! The framework Rust passes are written in: what a pass is ([`pass`]),
//! its typed options ([`pass_options`], checked as [`options`]), and the
//! one registry of passes and pipelines ([`registry`]).

pub mod options;
pub mod pass;
pub mod pass_options;
pub mod registry;
