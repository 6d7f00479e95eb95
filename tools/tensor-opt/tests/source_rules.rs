//! Rules about the source tree that the compiler cannot check.

use std::path::{Path, PathBuf};

fn rust_sources(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the source tree is readable").flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() && name != "target" && name != ".git" {
            rust_sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// melior's `ContextRef::to_ref` hands out a `&Context` into the `ContextRef`
/// value, which dangles when that value is a temporary: it crashed every `tg`
/// program in release builds. Only `tg_dialect::ir::context::with_context` may
/// call it, where the borrow cannot outlive the value.
#[test]
fn to_ref_only_in_with_context() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut sources = Vec::new();
    rust_sources(&root, &mut sources);
    let allowed = root.join("crates/tg-dialect/src/ir/context.rs").canonicalize().expect("context.rs exists");
    let this = Path::new(file!()).file_name().expect("a file name");
    let offenders: Vec<String> = sources
        .iter()
        .filter(|p| p.canonicalize().ok().as_deref() != Some(&allowed) && p.file_name() != Some(this))
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            let lines: Vec<String> = text
                .lines()
                .enumerate()
                .filter(|(_, line)| line.contains(".to_ref()"))
                .map(|(i, line)| format!("{}:{}: {}", p.display(), i + 1, line.trim()))
                .collect();
            (!lines.is_empty()).then(|| lines.join("\n"))
        })
        .collect();
    assert!(sources.len() > 20, "found only {} Rust files under {}", sources.len(), root.display());
    assert!(offenders.is_empty(), "call tg_dialect::ir::context::with_context instead of to_ref:\n{}", offenders.join("\n"));
}

/// Raw MLIR C API calls live in one crate, `tg-dialect` (its `ir` module and
/// the dialect's own C API), behind safe functions with stated invariants.
/// The other crates do not depend on `mlir-sys`; this keeps it that way.
#[test]
fn mlir_sys_only_in_the_ir_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let ir_crate = root.join("crates/tg-dialect").canonicalize().expect("crates/tg-dialect exists");
    let mut sources = Vec::new();
    rust_sources(&root, &mut sources);
    let this = Path::new(file!()).file_name().expect("a file name");
    let offenders: Vec<String> = sources
        .iter()
        .filter(|p| !p.canonicalize().is_ok_and(|p| p.starts_with(&ir_crate)) && p.file_name() != Some(this))
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|text| text.contains("mlir_sys::")))
        .map(|p| p.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "mlir_sys used outside crates/tg-dialect:\n{}", offenders.join("\n"));
}
