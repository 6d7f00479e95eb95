// RUN: tensor-opt %s --split-input-file --tg-simplify | FileCheck %s
// RUN: tensor-opt %s --split-input-file --tg-simplify=fold-transposes=false | FileCheck %s --check-prefix=NOTRANSPOSE
// RUN: tensor-opt %s --split-input-file --tg-simplify=fold-reshapes=false | FileCheck %s --check-prefix=NORESHAPE

// Two transposes compose into one: [1, 2, 0] then [2, 0, 1] is the identity.
// CHECK-LABEL: func.func @transpose_identity
// CHECK-NEXT: return %arg0
// NOTRANSPOSE-LABEL: func.func @transpose_identity
// NOTRANSPOSE-COUNT-2: tg.transpose
func.func @transpose_identity(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = tg.transpose %x perm [1, 2, 0] : tensor<2x3x4xf32>
  %1 = tg.transpose %0 perm [2, 0, 1] : tensor<3x4x2xf32>
  return %1 : tensor<2x3x4xf32>
}

// -----

// A non-identity chain becomes one transpose with the composed permutation.
// CHECK-LABEL: func.func @transpose_compose
// CHECK-NEXT: %[[T:.+]] = tg.transpose %arg0 perm [2, 0, 1] : tensor<2x3x4xf32>
// CHECK-NEXT: return %[[T]] : tensor<4x2x3xf32>
func.func @transpose_compose(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %0 = tg.transpose %x perm [1, 0, 2] : tensor<2x3x4xf32>
  %1 = tg.transpose %0 perm [2, 1, 0] : tensor<3x2x4xf32>
  return %1 : tensor<4x2x3xf32>
}

// -----

// An identity transpose alone is dropped.
// CHECK-LABEL: func.func @transpose_noop
// CHECK-NOT: tg.transpose
func.func @transpose_noop(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = tg.transpose %x perm [0, 1] : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// reshape(reshape(x)) becomes one reshape; one back to x's type disappears.
// CHECK-LABEL: func.func @reshapes
// CHECK-NEXT: %[[R:.+]] = tg.reshape %arg0 : tensor<2x6xf32> to tensor<4x3xf32>
// CHECK-NEXT: return %[[R]], %arg0
// NORESHAPE-LABEL: func.func @reshapes
// NORESHAPE-COUNT-3: tg.reshape
func.func @reshapes(%x: tensor<2x6xf32>) -> (tensor<4x3xf32>, tensor<2x6xf32>) {
  %0 = tg.reshape %x : tensor<2x6xf32> to tensor<12xf32>
  %1 = tg.reshape %0 : tensor<12xf32> to tensor<4x3xf32>
  %2 = tg.reshape %0 : tensor<12xf32> to tensor<2x6xf32>
  return %1, %2 : tensor<4x3xf32>, tensor<2x6xf32>
}

// -----

// Other ops are left alone.
// CHECK-LABEL: func.func @others
// CHECK-NEXT: tg.relu
// CHECK-NEXT: return
func.func @others(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = tg.relu %x : tensor<2xf32>
  return %0 : tensor<2xf32>
}
