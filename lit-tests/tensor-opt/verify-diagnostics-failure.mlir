// RUN: { tensor-opt %s --split-input-file --verify-diagnostics; echo "exit code $?"; } > %t.out 2>&1
// RUN: FileCheck %s --strict-whitespace < %t.out
// RUN: FileCheck %s --strict-whitespace --check-prefix=MISSING < %t.out
// RUN: FileCheck %s --check-prefix=ORDER < %t.out

// When a diagnostic was not expected, or an expected one was not produced,
// --verify-diagnostics reports it (in mlir-opt's words, at the diagnostic or
// at the comment) and the run fails with exit code 1, even though the other
// chunks match. The comments below are wrong on purpose. As in mlir-opt,
// expectations that were not produced are reported last, after every chunk
// ran (checked under MISSING); the other problems as each chunk is verified.
// ORDER:     unexpected error
// ORDER:     expected-error must be followed
// ORDER:     was not produced
// ORDER-NOT: unexpected error
// ORDER:     exit code 1

// With =only-expected, only the expectations that were not produced (and the
// malformed comment) are problems.
// RUN: { tensor-opt %s --split-input-file --verify-diagnostics=only-expected; echo "exit code $?"; } 2>&1 | FileCheck %s --check-prefix=ONLY-EXPECTED
// ONLY-EXPECTED-NOT: unexpected error
// ONLY-EXPECTED-NOT: diagnostic emitted when expecting
// ONLY-EXPECTED:     error: expected-error must be followed
// ONLY-EXPECTED:     error: expected error "inner dimensions agree" was not produced
// ONLY-EXPECTED:     error: expected warning "inner dimensions differ" was not produced
// ONLY-EXPECTED:     exit code 1

// mlir-opt reports the same problems at the same places on an upstream-only
// input (its carets underline the whole comment; ours point at its start).
// RUN: not tensor-opt %S/Inputs/verify-upstream-failure.mlir --split-input-file --verify-diagnostics 2>&1 | grep ': error: ' > %t.ours
// RUN: not %mlir_opt %S/Inputs/verify-upstream-failure.mlir --split-input-file --verify-diagnostics 2>&1 | grep ': error: ' > %t.theirs
// RUN: diff %t.theirs %t.ours
// RUN: not tensor-opt %S/Inputs/verify-upstream-failure.mlir --split-input-file --verify-diagnostics=only-expected 2>&1 | grep ': error: ' > %t.ours
// RUN: not %mlir_opt %S/Inputs/verify-upstream-failure.mlir --split-input-file --verify-diagnostics=only-expected 2>&1 | grep ': error: ' > %t.theirs
// RUN: diff %t.theirs %t.ours

// The expected text differs from the message: the error is unexpected, and
// the expectation not produced.
func.func @wrong_text(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // CHECK:      {{^}}{{.*}}verify-diagnostics-failure.mlir:[[# @LINE + 7]]:8: error: unexpected error: 'tg.matmul' op inner dimensions differ: lhs has 3 columns, rhs has 4 rows
  // CHECK-NEXT: {{^}}  %c = tg.matmul %a, %b : tensor<2x3xf32>, tensor<4x5xf32>
  // CHECK-NEXT: {{^}}       ^
  // MISSING:      {{^}}{{.*}}verify-diagnostics-failure.mlir:[[# @LINE + 3]]:6: error: expected error "inner dimensions agree" was not produced
  // MISSING-NEXT: {{^}}  // expected-{{error @[+]1 [{][{]inner dimensions agree[}][}]$}}
  // MISSING-NEXT: {{^}}     ^
  // expected-error @+1 {{inner dimensions agree}}
  %c = tg.matmul %a, %b : tensor<2x3xf32>, tensor<4x5xf32>
  return
}

// -----

// A chunk whose expectations hold reports nothing.
func.func @fine(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{'tg.matmul' op inner dimensions differ}}
  %c = tg.matmul %a, %b : tensor<2x3xf32>, tensor<4x5xf32>
  return
}

// -----

// An error where none is expected.
func.func @unexpected() {
  %c = arith.constant 1 : i32
  // CHECK-NEXT: {{^}}{{.*}}verify-diagnostics-failure.mlir:[[# @LINE + 1]]:3: error: unexpected error: 'func.return' op has 1 operands, but enclosing function (@unexpected) returns 0
  return %c : i32
}

// -----

// The right text with the wrong severity.
func.func @wrong_severity(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // CHECK:      {{^}}{{.*}}verify-diagnostics-failure.mlir:[[# @LINE + 2]]:6: error: 'error' diagnostic emitted when expecting a 'warning'
  // MISSING:      {{^}}{{.*}}verify-diagnostics-failure.mlir:[[# @LINE + 1]]:6: error: expected warning "inner dimensions differ" was not produced
  // expected-warning @+1 {{inner dimensions differ}}
  %c = tg.matmul %a, %b : tensor<2x3xf32>, tensor<4x5xf32>
  return
}

// -----

// A comment mlir-opt would silently ignore (no `{{...}}`) is an error here.
func.func @malformed() {
  // CHECK: {{^}}{{.*}}verify-diagnostics-failure.mlir:[[# @LINE + 1]]:6: error: expected-error must be followed by the expected text in '{{[{][{]}}...}}' (mlir-opt would silently ignore this line)
  // expected-error "no braces"
  return
}

// CHECK:      exit code 1
// MISSING-NOT:  error:
// MISSING:      exit code 1
