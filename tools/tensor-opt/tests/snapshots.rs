//! Snapshots of what the `tensor-opt` binary prints: its diagnostics, plain
//! and fancy, and the IR of every tg op, custom and generic form.
//!
//! Each case runs the binary cargo built on an input given on stdin (so
//! diagnostics name it `<stdin>`), with `NO_COLOR=1` (and stderr a pipe), so
//! fancy reports have no escape codes and the driver's fixed width of 100
//! columns. The snapshot holds the exit code and what was printed; its
//! description holds the command line and the input. Snapshots live in
//! `tests/snapshots/`, one per case, named for it.
//!
//! Update with `INSTA_UPDATE=always cargo test -p tensor-opt --test suite snapshots`,
//! then read the `.snap` files.

use std::io::Write;
use std::process::{Command, Stdio};

/// What one run printed.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs tensor-opt with `args` on `input` (stdin).
fn tensor_opt(args: &[&str], input: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tensor-opt"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tensor-opt starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("tensor-opt reads its input");
    let output = child.wait_with_output().expect("tensor-opt runs");
    Run {
        code: output.status.code().expect("tensor-opt exits, not killed by a signal"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Checks `text` against `tests/snapshots/{name}.snap`.
fn snapshot(name: &str, args: &[&str], input: &str, text: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots");
    settings.set_omit_expression(true);
    settings.set_description(format!("tensor-opt {} < input:\n{input}", args.join(" ")));
    settings.bind(|| insta::assert_snapshot!(name, text));
}

/// A diagnostics case: the exit code and stderr; stdout must be empty.
fn diagnostics(name: &str, args: &[&str], input: &str, expected_code: i32) {
    let run = tensor_opt(args, input);
    assert_eq!(run.code, expected_code, "exit code of {name}; stderr:\n{}", run.stderr);
    assert_eq!(run.stdout, "", "{name} prints nothing on stdout");
    assert!(!run.stderr.contains('\u{1b}'), "{name}: escape codes despite NO_COLOR");
    snapshot(name, args, input, &format!("exit code: {}\n{}", run.code, run.stderr));
}

/// Plain and fancy snapshots of the same case.
fn diagnostics_both(name: &str, args: &[&str], input: &str, expected_code: i32) {
    let mut plain = vec!["--diagnostics=plain"];
    plain.extend_from_slice(args);
    diagnostics(&format!("diagnostics_plain__{name}"), &plain, input, expected_code);
    let mut fancy = vec!["--diagnostics=fancy"];
    fancy.extend_from_slice(args);
    diagnostics(&format!("diagnostics_fancy__{name}"), &fancy, input, expected_code);
}

/// An IR case: the custom form, then the generic form (which spells out the
/// result types tg infers and the attributes' defaults).
fn ir(name: &str, input: &str) {
    let custom = tensor_opt(&[], input);
    assert_eq!(custom.code, 0, "{name} is valid; stderr:\n{}", custom.stderr);
    let generic = tensor_opt(&["--mlir-print-op-generic"], input);
    assert_eq!(generic.code, 0, "{name} prints generically; stderr:\n{}", generic.stderr);
    assert_eq!(custom.stderr, "", "{name}: no diagnostics");
    // The printed custom form parses back into the same IR.
    let again = tensor_opt(&[], &custom.stdout);
    assert_eq!(again.stdout, custom.stdout, "{name} round-trips");
    let text = format!("// custom form\n{}// generic form\n{}", custom.stdout, generic.stdout);
    snapshot(&format!("ir__{name}"), &[], input, &text);
}

// ---------------------------------------------------------------------------
// Diagnostics
// ---------------------------------------------------------------------------

/// A tg shape error reported while parsing the custom form.
const BAD_MATMUL: &str = "\
func.func @bad(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  %c = tg.matmul %a, %b : tensor<2x3xf32>, tensor<4x5xf32>
  return
}
";

/// The same matmul in generic form: the verifier reports it, with a note.
const BAD_MATMUL_GENERIC: &str = "\
func.func @bad(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) -> tensor<2x5xf32> {
  %c = \"tg.matmul\"(%a, %b) : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return %c : tensor<2x5xf32>
}
";

/// A syntax error: a type that does not parse.
const PARSE_ERROR: &str = "\
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tg.relu %x : tensor<4xf3>
  return %0 : tensor<4xf32>
}
";

/// Expectations that do not hold: a wrong text and a missing error.
const VERIFY_MISMATCH: &str = "\
func.func @f(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{inner dimensions agree}}
  %c = tg.matmul %a, %b : tensor<2x3xf32>, tensor<4x5xf32>
  return
}
";

#[test]
fn diagnostics_tg_bad_matmul() {
    diagnostics_both("tg_bad_matmul", &[], BAD_MATMUL, 1);
}

#[test]
fn diagnostics_tg_bad_matmul_verifier() {
    diagnostics_both("tg_bad_matmul_verifier", &[], BAD_MATMUL_GENERIC, 1);
}

#[test]
fn diagnostics_parse_error() {
    diagnostics_both("parse_error", &[], PARSE_ERROR, 1);
}

#[test]
fn diagnostics_unknown_pass() {
    let pipeline = "--pass-pipeline=builtin.module(func.func(tg-simplfy,canonicalize))";
    diagnostics_both("unknown_pass", &[pipeline], "", 1);
}

#[test]
fn diagnostics_verify_diagnostics_failure() {
    diagnostics_both("verify_diagnostics_failure", &["--verify-diagnostics"], VERIFY_MISMATCH, 1);
}

// ---------------------------------------------------------------------------
// The IR of every tg op, by group
// ---------------------------------------------------------------------------

#[test]
fn ir_constant() {
    ir(
        "constant",
        "\
func.func @constant() -> (tensor<2x2xf32>, tensor<3xi32>) {
  %dense = tg.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %splat = tg.constant dense<7> : tensor<3xi32>
  return %dense, %splat : tensor<2x2xf32>, tensor<3xi32>
}
",
    );
}

#[test]
fn ir_unary() {
    ir(
        "unary",
        "\
func.func @unary(%x: tensor<4x4xf32>) {
  %abs = tg.abs %x : tensor<4x4xf32>
  %exp = tg.exp %x : tensor<4x4xf32>
  %log = tg.log %x : tensor<4x4xf32>
  %neg = tg.neg %x : tensor<4x4xf32>
  %relu = tg.relu %x : tensor<4x4xf32>
  %rsqrt = tg.rsqrt %x : tensor<4x4xf32>
  %sigmoid = tg.sigmoid %x : tensor<4x4xf32>
  %sqrt = tg.sqrt %x : tensor<4x4xf32>
  %tanh = tg.tanh %x : tensor<4x4xf32>
  return
}
",
    );
}

#[test]
fn ir_binary_broadcasting() {
    ir(
        "binary_broadcasting",
        "\
func.func @binary(%a: tensor<8x1x16xf32>, %b: tensor<4x1xf32>, %i: tensor<3xi32>) {
  %add = tg.add %a, %b : tensor<8x1x16xf32>, tensor<4x1xf32>
  %sub = tg.sub %a, %b : tensor<8x1x16xf32>, tensor<4x1xf32>
  %mul = tg.mul %a, %b : tensor<8x1x16xf32>, tensor<4x1xf32>
  %div = tg.div %a, %b : tensor<8x1x16xf32>, tensor<4x1xf32>
  %max = tg.max %a, %b : tensor<8x1x16xf32>, tensor<4x1xf32>
  %min = tg.min %a, %b : tensor<8x1x16xf32>, tensor<4x1xf32>
  %pow = tg.pow %a, %b : tensor<8x1x16xf32>, tensor<4x1xf32>
  %iadd = tg.add %i, %i : tensor<3xi32>, tensor<3xi32>
  return
}
",
    );
}

#[test]
fn ir_matmul_conv() {
    ir(
        "matmul_conv",
        "\
func.func @linear(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>, %ba: tensor<8x1x30x16xf32>,
                  %bb: tensor<4x16x64xf32>, %x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf32>,
                  %gw: tensor<4x1x3x3xf32>, %gx: tensor<1x4x8x8xf32>) {
  %mm = tg.matmul %a, %b : tensor<2x3xf32>, tensor<3x5xf32>
  %bmm = tg.matmul %ba, %bb : tensor<8x1x30x16xf32>, tensor<4x16x64xf32>
  %conv = tg.conv2d %x, %w : tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>
  %strided = tg.conv2d %x, %w strides [2, 2] dilations [1, 1] padding [1, 1, 1, 1] : tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>
  %grouped = tg.conv2d %gx, %gw groups 4 : tensor<1x4x8x8xf32>, tensor<4x1x3x3xf32>
  return
}
",
    );
}

#[test]
fn ir_pooling() {
    ir(
        "pooling",
        "\
func.func @pooling(%x: tensor<1x16x30x30xf32>) {
  %max = tg.max_pool2d %x kernel [2, 2] strides [2, 2] : tensor<1x16x30x30xf32>
  %avg = tg.avg_pool2d %x kernel [3, 3] : tensor<1x16x30x30xf32>
  %avg_pad = tg.avg_pool2d %x kernel [3, 3] padding [1, 1, 1, 1] count_include_pad : tensor<1x16x30x30xf32>
  return
}
",
    );
}

#[test]
fn ir_reductions_softmax() {
    ir(
        "reductions_softmax",
        "\
func.func @reductions(%x: tensor<4x8x16xf32>) {
  %max = tg.reduce_max %x axes [1] keepdims : tensor<4x8x16xf32>
  %mean = tg.reduce_mean %x axes [0, 2] : tensor<4x8x16xf32>
  %sum = tg.reduce_sum %x axes [2] : tensor<4x8x16xf32>
  %softmax = tg.softmax %x axis 2 : tensor<4x8x16xf32>
  return
}
",
    );
}

#[test]
fn ir_data_movement() {
    ir(
        "data_movement",
        "\
func.func @movement(%x: tensor<2x3x4xf32>, %y: tensor<2x5x4xf32>, %bias: tensor<16x1x1xf32>) {
  %t = tg.transpose %x perm [2, 0, 1] : tensor<2x3x4xf32>
  %r = tg.reshape %x : tensor<2x3x4xf32> to tensor<6x4xf32>
  %c = tg.concat %x, %y axis 1 : tensor<2x3x4xf32>, tensor<2x5x4xf32>
  %s = tg.slice %x offsets [0, 1, 0] sizes [2, 2, 2] strides [1, 1, 2] : tensor<2x3x4xf32>
  %p = tg.pad %x low [0, 1, 2] high [1, 0, 2] : tensor<2x3x4xf32>
  %pv = tg.pad %x low [0, 0, 1] high [0, 0, 1] value 1.5 : tensor<2x3x4xf32>
  %b = tg.broadcast_to %bias : tensor<16x1x1xf32> to tensor<8x16x30x30xf32>
  %i = tg.cast %x : tensor<2x3x4xf32> to tensor<2x3x4xi32>
  %h = tg.cast %x : tensor<2x3x4xf32> to tensor<2x3x4xf16>
  return
}
",
    );
}
