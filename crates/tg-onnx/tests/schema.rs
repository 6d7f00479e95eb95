//! The schema (proto/onnx.proto) against real ONNX files: every model the
//! PyPI `onnx` package ships (`onnx/backend/test/data/**/*.onnx`: the nine
//! light networks, the pytorch-converted and -operator cases, the simple
//! ones) decodes and re-encodes to the same bytes. A field with a wrong
//! number or type, or a missing one, changes the bytes.

use std::path::{Path, PathBuf};

/// The `onnx` package's directory, from the Python of `scripts/onnx-venv.sh`
/// (or `ONNX_PYTHON`).
fn onnx_package() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let python = std::env::var("ONNX_PYTHON").map(PathBuf::from).unwrap_or_else(|_| root.join("target/onnx-venv/bin/python"));
    let output = std::process::Command::new(&python)
        .args(["-c", "import onnx, os; print(os.path.dirname(onnx.__file__))"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {} ({e}): run scripts/onnx-venv.sh", python.display()));
    assert!(output.status.success(), "{} has no onnx package: run scripts/onnx-venv.sh", python.display());
    PathBuf::from(String::from_utf8_lossy(&output.stdout).trim())
}

fn models(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            models(&path, found);
        } else if path.extension().is_some_and(|e| e == "onnx") {
            found.push(path);
        }
    }
}

#[test]
fn every_shipped_model_round_trips() {
    let data = onnx_package().join("backend/test/data");
    let mut files = Vec::new();
    models(&data, &mut files);
    files.sort();
    assert!(files.len() >= 100, "only {} models under {}", files.len(), data.display());
    let light = files.iter().filter(|f| f.to_string_lossy().contains("/light/")).count();
    assert_eq!(light, 9, "the nine light networks");
    let mut nodes = 0;
    for file in &files {
        let bytes = std::fs::read(file).expect("readable");
        let model = tg_onnx::decode(&bytes).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        nodes += model.graph.as_ref().map_or(0, |g| g.node.len());
        assert!(tg_onnx::encode(&model) == bytes, "{} re-encodes to different bytes", file.display());
    }
    assert!(nodes > 1000, "only {nodes} nodes decoded");
}
