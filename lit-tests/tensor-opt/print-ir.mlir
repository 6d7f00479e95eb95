// RUN: tensor-opt %s --cse --tg-simplify --cse --mlir-disable-threading --mlir-print-ir-before-all -o /dev/null 2>&1 | FileCheck %s --check-prefix=BEFORE
// RUN: tensor-opt %s --cse --tg-simplify --cse --mlir-disable-threading --mlir-print-ir-after-all -o /dev/null 2>&1 | FileCheck %s --check-prefix=AFTER
// RUN: tensor-opt %s --cse --tg-simplify --cse --mlir-disable-threading --mlir-print-ir-after-all --mlir-print-ir-after-change -o /dev/null 2>&1 | FileCheck %s --check-prefix=CHANGE
// RUN: tensor-opt %s --cse --tg-simplify --cse --mlir-disable-threading --mlir-print-ir-after-change -o /dev/null 2>&1 | count 0
// RUN: tensor-opt %s --cse --tg-simplify --cse --mlir-disable-threading --mlir-print-ir-after-failure -o /dev/null 2>&1 | count 0
// RUN: tensor-opt %s --cse --tg-simplify --mlir-disable-threading --mlir-print-ir-before-all --mlir-print-ir-after-all --mlir-print-op-generic -o /dev/null 2>&1 | FileCheck %s --check-prefix=GENERIC
// RUN: not tensor-opt %s --pass-pipeline='builtin.module(func.func(tg-simplify,canonicalize{max-iterations=1 test-convergence=true}))' --mlir-disable-threading --mlir-print-ir-after-failure -o /dev/null 2>&1 | FileCheck %s --check-prefix=FAILURE

// The IR printing flags print to stderr around each pass, ours and upstream,
// as mlir-opt does: before every pass, after every pass, after the passes
// that changed the IR (--mlir-print-ir-after-change narrows the other flags
// and prints nothing alone), after a pass that failed. The printing flags
// apply to the dumps too. The output on stdout is unchanged. Threading is
// off so that the functions' dumps come in order.

// The same dumps as mlir-opt's, on an upstream-only input.
// RUN: tensor-opt %S/Inputs/upstream.mlir --cse --canonicalize --cse --mlir-disable-threading --mlir-print-ir-before-all --mlir-print-ir-after-all > %t.ours 2>&1
// RUN: %mlir_opt %S/Inputs/upstream.mlir --cse --canonicalize --cse --mlir-disable-threading --mlir-print-ir-before-all --mlir-print-ir-after-all > %t.theirs 2>&1
// RUN: diff %t.theirs %t.ours
// RUN: tensor-opt %S/Inputs/upstream.mlir --canonicalize --cse --mlir-disable-threading --mlir-print-ir-after-all --mlir-print-ir-after-change --mlir-print-op-generic > %t.ours 2>&1
// RUN: %mlir_opt %S/Inputs/upstream.mlir --canonicalize --cse --mlir-disable-threading --mlir-print-ir-after-all --mlir-print-ir-after-change --mlir-print-op-generic > %t.theirs 2>&1
// RUN: diff %t.theirs %t.ours
// RUN: tensor-opt %S/Inputs/upstream.mlir --canonicalize --mlir-disable-threading --mlir-print-ir-after-change > %t.ours 2>&1
// RUN: %mlir_opt %S/Inputs/upstream.mlir --canonicalize --mlir-disable-threading --mlir-print-ir-after-change > %t.theirs 2>&1
// RUN: diff %t.theirs %t.ours
// RUN: not tensor-opt %S/Inputs/upstream.mlir --pass-pipeline='builtin.module(func.func(canonicalize{max-iterations=1 test-convergence=true}))' --mlir-disable-threading --mlir-print-ir-after-failure > %t.ours 2>&1
// RUN: not %mlir_opt %S/Inputs/upstream.mlir --pass-pipeline='builtin.module(func.func(canonicalize{max-iterations=1 test-convergence=true}))' --mlir-disable-threading --mlir-print-ir-after-failure > %t.theirs 2>&1
// RUN: diff %t.theirs %t.ours

// BEFORE:      // {{-----}}// IR Dump Before CSE (cse) //----- //
// BEFORE-NEXT: module {
// BEFORE:      // {{-----}}// IR Dump Before TgSimplify (tg-simplify) //----- //
// BEFORE-NEXT: func.func @order(
// BEFORE-NEXT:   tg.transpose %{{.*}} perm [1, 0, 2]
// BEFORE-NEXT:   tg.transpose %{{.*}} perm [0, 2, 1]
// BEFORE-NEXT:   tg.transpose %{{.*}} perm [1, 2, 0]
// BEFORE:      // {{-----}}// IR Dump Before CSE (cse) //----- //
// BEFORE-NOT:  IR Dump

// AFTER:      // {{-----}}// IR Dump After CSE (cse) //----- //
// AFTER-NEXT: module {
// AFTER:      // {{-----}}// IR Dump After TgSimplify (tg-simplify) //----- //
// AFTER-NEXT: func.func @order(
// AFTER-NEXT:   tg.transpose %{{.*}} perm [1, 2, 0]
// AFTER-NEXT:   tg.transpose %{{.*}} perm [1, 2, 0]
// AFTER-NEXT:   return
// AFTER:      // {{-----}}// IR Dump After CSE (cse) //----- //
// AFTER-NEXT: module {
// AFTER-NEXT:   func.func @order(
// AFTER-NEXT:     %[[T:.*]] = tg.transpose %{{.*}} perm [1, 2, 0]
// AFTER-NEXT:     return %[[T]], %[[T]]
// AFTER-NOT:  IR Dump

// The first cse finds nothing to do.
// CHANGE-NOT:  IR Dump
// CHANGE:      // {{-----}}// IR Dump After TgSimplify (tg-simplify) //----- //
// CHANGE:      // {{-----}}// IR Dump After CSE (cse) //----- //
// CHANGE-NOT:  IR Dump

// GENERIC:      // {{-----}}// IR Dump Before TgSimplify (tg-simplify) //----- //
// GENERIC-NEXT: "func.func"() <{function_type = (tensor<2x3x4xf32>) -> (tensor<3x4x2xf32>, tensor<3x4x2xf32>), sym_name = "order"}> ({
// GENERIC-NEXT: ^bb0(%{{.*}}: tensor<2x3x4xf32>):
// GENERIC-NEXT:   "tg.transpose"(%{{.*}}) <{perm = array<i64: 1, 0, 2>}> : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>

// canonicalize changes @add_zero, and needs a second iteration to see that
// nothing is left to do, which it is not allowed: it fails there.
// FAILURE-NOT:  IR Dump
// FAILURE:      // {{-----}}// IR Dump After Canonicalizer Failed (canonicalize) //----- //
// FAILURE-NEXT: func.func @add_zero(
// FAILURE-NOT:  IR Dump

// tg-simplify composes the first two transposes into a copy of the third.
func.func @order(%x: tensor<2x3x4xf32>) -> (tensor<3x4x2xf32>, tensor<3x4x2xf32>) {
  %t1 = tg.transpose %x perm [1, 0, 2] : tensor<2x3x4xf32>
  %t2 = tg.transpose %t1 perm [0, 2, 1] : tensor<3x2x4xf32>
  %t3 = tg.transpose %x perm [1, 2, 0] : tensor<2x3x4xf32>
  return %t2, %t3 : tensor<3x4x2xf32>, tensor<3x4x2xf32>
}

// canonicalize folds x + 0 (tg-simplify leaves it alone).
func.func @add_zero(%a: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %r = arith.addi %a, %c0 : i32
  return %r : i32
}
