//! The Rust transformations: `tg-simplify`, `tg-fuse`, `tg-runtime-checks`,
//! `tg-distinct-results`, `tg-strided-copies`, `tg-outline-loops`.

pub mod distinct_results;
pub mod fuse;
pub mod outline_loops;
pub mod runtime_checks;
pub mod simplify;
pub mod strided_copies;
