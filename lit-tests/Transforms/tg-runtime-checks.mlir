// tg-runtime-checks: integer tg.div and tg.pow get a right operand they
// define, and a reduction that records the first faulting op's number in
// @tg_runtime_error. Float ops, and modules without such ops, are untouched.

// RUN: tensor-opt %s --split-input-file --tg-runtime-checks | FileCheck %s

// CHECK-LABEL: module
// CHECK: memref.global @tg_runtime_error : memref<i32> = dense<0>
// CHECK-LABEL: func.func @div
// The divisor, broadcast to the result's shape, with 1 wherever the pair is
// undefined (x / 0, MIN / -1).
// CHECK: %[[SAFE:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]{{.*}} ins(%arg0, %arg1 : tensor<4x8xi32>, tensor<8xi32>)
// CHECK:   arith.cmpi eq, %{{.*}}, %c0_i32
// CHECK:   arith.constant -2147483648 : i32
// CHECK:   %[[BAD:.*]] = arith.ori
// CHECK:   arith.select %[[BAD]], %c1_i32,
// Whether any pair is undefined.
// CHECK: %[[ANY:.*]] = linalg.generic {{.*}}iterator_types = ["reduction", "reduction"]{{.*}} outs(%{{.*}} : tensor<i1>)
// CHECK: %[[FLAG:.*]] = tensor.extract %[[ANY]][] : tensor<i1>
// The first fault is kept: op number 1 is stored only over a 0.
// CHECK: scf.if %[[FLAG]] {
// CHECK:   %[[G:.*]] = memref.get_global @tg_runtime_error : memref<i32>
// CHECK:   %[[OLD:.*]] = memref.load %[[G]][] : memref<i32>
// CHECK:   %[[NEW:.*]] = arith.select %{{.*}}, %c1_i32{{.*}}, %[[OLD]] : i32
// CHECK:   memref.store %[[NEW]], %[[G]][] : memref<i32>
// CHECK: tg.div %arg0, %[[SAFE]] : tensor<4x8xi32>, tensor<4x8xi32>
func.func @div(%a: tensor<4x8xi32>, %b: tensor<8xi32>) -> tensor<4x8xi32> {
  %0 = tg.div %a, %b : tensor<4x8xi32>, tensor<8xi32>
  return %0 : tensor<4x8xi32>
}

// The second checked op of the module records 2; a pow's bad exponent (0 to
// a negative power) becomes 0.
// CHECK-LABEL: func.func @pow
// CHECK:   arith.cmpi slt
// CHECK:   arith.select %{{.*}}, %c0_i64
// CHECK: arith.constant 2 : i32
// CHECK: tg.pow %arg0, %{{.*}} : tensor<3xi64>, tensor<3xi64>
func.func @pow(%a: tensor<3xi64>, %b: tensor<3xi64>) -> tensor<3xi64> {
  %0 = tg.pow %a, %b : tensor<3xi64>, tensor<3xi64>
  return %0 : tensor<3xi64>
}

// Float division is defined everywhere (inf, NaN): not guarded.
// CHECK-LABEL: func.func @float_div
// CHECK-NEXT: tg.div %arg0, %arg1 : tensor<4xf32>, tensor<4xf32>
func.func @float_div(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tg.div %a, %b : tensor<4xf32>, tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Nothing to guard: no global.
// CHECK-LABEL: module
// CHECK-NOT: memref.global
// CHECK: tg.add
func.func @no_checks(%a: tensor<4xi32>) -> tensor<4xi32> {
  %0 = tg.add %a, %a : tensor<4xi32>, tensor<4xi32>
  return %0 : tensor<4xi32>
}
