// RUN: tensor-opt %s --split-input-file --verify-diagnostics
// RUN: tensor-opt %s --split-input-file --verify-diagnostics | FileCheck %s
// RUN: tensor-opt %s --split-input-file --verify-diagnostics --diagnostics=fancy

// --verify-diagnostics checks the diagnostics of each chunk against its
// `expected-*` comments instead of printing them; when all match, the run
// succeeds (exit code 0) and the chunks that did not fail are printed. As in
// mlir-opt, ops are not printed into diagnostics ("see current operation"
// notes) while verifying. Failures are in verify-diagnostics-failure.mlir.

// The same comments mean the same to mlir-opt, on an upstream-only input.
// RUN: tensor-opt %S/Inputs/verify-upstream.mlir --split-input-file --verify-diagnostics
// RUN: %mlir_opt %S/Inputs/verify-upstream.mlir --split-input-file --verify-diagnostics

// With =only-expected, diagnostics no comment expects are no failure: here
// the "prior use here" note (its comment deleted), as in mlir-opt.
// RUN: sed 's|// expected-[n]ote @-1 .*||' %s > %t.mlir
// RUN: tensor-opt %t.mlir --split-input-file --verify-diagnostics=only-expected
// RUN: not tensor-opt %t.mlir --split-input-file --verify-diagnostics 2>&1 | FileCheck %s --check-prefix=ALL
// RUN: not tensor-opt %t.mlir --split-input-file --verify-diagnostics=all 2>&1 | FileCheck %s --check-prefix=ALL
// ALL: error: unexpected note: prior use here
// RUN: { tensor-opt %s --verify-diagnostics=some; echo "exit code $?"; } 2>&1 | FileCheck %s --check-prefix=BAD-LEVEL
// BAD-LEVEL: error: invalid value 'some' for '--verify-diagnostics[=<verify-diagnostics>]'
// BAD-LEVEL: exit code 1

// A chunk without errors is printed.
// CHECK-LABEL: func.func @valid
// CHECK:       // {{-----}}
// CHECK-NOT:   func.func
func.func @valid() {
  return
}

// -----

// A tg shape error, reported while parsing.
func.func @bad_matmul(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{'tg.matmul' op inner dimensions differ: lhs has 3 columns, rhs has 4 rows}}
  %c = tg.matmul %a, %b : tensor<2x3xf32>, tensor<4x5xf32>
  return
}

// -----

// A verifier error of an upstream op (with no "see current operation" note
// to expect), expected with @above.
func.func @returns_nothing() {
  %c = arith.constant 1 : i32
  return %c : i32
  // expected-error @above {{'func.return' op has 1 operands, but enclosing function (@returns_nothing) returns 0}}
}

// -----

// A parse error, expected with @below.
func.func @parse_error() {
  // expected-error @below {{custom op 'tg.matmull' is unknown}}
  %c = tg.matmull
}

// -----

// A note, and an error reported at a line before the comment.
func.func @use_before_def(%x: i32) {
  %y = arith.addi %x, %x : i32
  // expected-note @-1 {{prior use here}}
  // expected-error @+1 {{use of value '%y' expects different type than prior uses: 'i64' vs 'i32'}}
  %z = arith.addi %y, %y : i64
  return
}

// -----

// An op of an unregistered dialect, without --allow-unregistered-dialect.
func.func @unregistered() {
  // expected-error @+1 {{operation being parsed with an unregistered dialect}}
  "foo.bar"() : () -> ()
  return
}
