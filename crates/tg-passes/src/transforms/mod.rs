//! The Rust transformations: `tg-simplify`, `tg-fuse`, `tg-runtime-checks`,
//! `tg-distinct-results`.

pub mod distinct_results;
pub mod fuse;
pub mod runtime_checks;
pub mod simplify;
