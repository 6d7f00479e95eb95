//! Runs the lit suite (`lit-tests/`) against the tensor-opt cargo just
//! built; fails when lit reports any failure.

use std::path::Path;
use std::process::Command;

#[test]
fn lit_suite() {
    let tensor_opt = Path::new(env!("CARGO_BIN_EXE_tensor-opt"));
    let bin_dir = tensor_opt.parent().expect("the binary lives in a directory");
    run_lit("lit-tests", &[("TENSOR_OPT_BIN_DIR", bin_dir)]);
}

/// Runs LLVM's lit on `tests` (relative to the repository root) with extra
/// environment variables; panics unless lit passes and ran some test.
/// Returns lit's output.
pub fn run_lit(tests: &str, env: &[(&str, &Path)]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let lit = std::env::var("LIT").unwrap_or_else(|_| "/usr/lib/llvm-22/bin/lit".into());
    let mut command = Command::new(&lit);
    command.arg("-v").arg(root.join(tests));
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().unwrap_or_else(|e| panic!("cannot run lit ({lit}): {e}; run scripts/bootstrap.sh"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(output.status.success(), "lit failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("Passed"), "lit ran no test:\n{stdout}");
    stdout
}
