//! `--list-passes`: every pass a pipeline may name, ours first, with its
//! summary and options, in the spirit of `mlir-opt --help`'s pass section.

use std::fmt::Write;
use tg_passes::pipeline::catalog::{upstream_passes, upstream_pipelines, PassInfo};
use tg_passes::framework::registry::rust_pipelines;
use tg_passes::framework::registry::rust_passes;

fn describe(out: &mut String, info: &PassInfo) {
    let _ = writeln!(out, "  {:<44} {}", info.name, info.summary);
    for option in info.options {
        let default = if option.default.is_empty() { String::new() } else { format!(" (default {})", option.default) };
        let _ = writeln!(out, "      {:<40} {}{default}", format!("{}={}", option.name, option.ty), option.description);
    }
}

/// The listing, as printed.
pub fn passes() -> String {
    let mut out = String::from("tensor-opt passes:\n");
    for pass in rust_passes() {
        describe(&mut out, &pass.info);
    }
    for pipeline in rust_pipelines() {
        describe(&mut out, &pipeline.info);
    }
    out.push_str("\nUpstream MLIR passes:\n");
    for info in upstream_passes() {
        describe(&mut out, info);
    }
    out.push_str("\nUpstream MLIR pass pipelines:\n");
    for (name, summary) in upstream_pipelines() {
        let _ = writeln!(out, "  {name:<44} {summary}");
    }
    out
}
