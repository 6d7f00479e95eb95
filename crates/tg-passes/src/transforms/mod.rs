//! The Rust transformations: `tg-simplify`, `tg-fuse`, `tg-runtime-checks`,
//! `tg-distinct-results`, `tg-strided-copies`.

pub mod distinct_results;
pub mod fuse;
pub mod runtime_checks;
pub mod simplify;
pub mod strided_copies;
