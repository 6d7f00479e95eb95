// RUN: tensor-opt %s --allow-unregistered-dialect | FileCheck %s
// RUN: tensor-opt %s --allow-unregistered-dialect --canonicalize --tg-simplify | FileCheck %s --check-prefix=PASSES
// RUN: tensor-opt %s --verify-diagnostics
// RUN: not tensor-opt %s 2>&1 | FileCheck %s --check-prefix=ERROR
// RUN: tensor-opt %s > /dev/null 2>&1; test $? -eq 1

// --allow-unregistered-dialect lets ops of unknown dialects through, printed
// in generic form; passes leave them alone. Without it, such an op is an
// error in the input (exit code 1), the one mlir-opt reports.

// The same output and the same error as mlir-opt's, on an upstream-only input.
// RUN: tensor-opt %S/Inputs/unregistered-upstream.mlir --allow-unregistered-dialect --canonicalize > %t.ours
// RUN: %mlir_opt %S/Inputs/unregistered-upstream.mlir --allow-unregistered-dialect --canonicalize > %t.theirs
// RUN: diff %t.theirs %t.ours
// RUN: not tensor-opt %S/Inputs/unregistered-upstream.mlir 2> %t.ours.err
// RUN: not %mlir_opt %S/Inputs/unregistered-upstream.mlir 2> %t.theirs.err
// RUN: diff %t.theirs.err %t.ours.err

// ERROR:      allow-unregistered-dialect.mlir:[[# @LINE + 16]]:27: error: operation being parsed with an unregistered dialect. If this is intended, please use -allow-unregistered-dialect with the MLIR tool used
// ERROR-NEXT:   %0 = "mydialect.produce"(%x) {note = "kept"} : (tensor<4xf32>) -> tensor<4xf32>

// CHECK-LABEL: func.func @unregistered(
// CHECK-NEXT:    %[[V:.*]] = "mydialect.produce"(%{{.*}}) {note = "kept"} : (tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.relu %[[V]] : tensor<4xf32>
// CHECK-NEXT:    "mydialect.consume"(%[[R]]) : (tensor<4xf32>) -> ()

// PASSES-LABEL: func.func @unregistered(
// PASSES-NEXT:    "mydialect.produce"
// PASSES-NEXT:    tg.relu
// PASSES-NEXT:    "mydialect.consume"

// An op of an unknown dialect between tg ops.
func.func @unregistered(%x: tensor<4xf32>) {
  // expected-error @+1 {{operation being parsed with an unregistered dialect}}
  %0 = "mydialect.produce"(%x) {note = "kept"} : (tensor<4xf32>) -> tensor<4xf32>
  %1 = tg.relu %0 : tensor<4xf32>
  "mydialect.consume"(%1) : (tensor<4xf32>) -> ()
  return
}
