// RUN: tensor-opt %s --split-input-file --tg-simplify | FileCheck %s
// RUN: tensor-opt %s --split-input-file --tg-simplify=fold-transposes=false | FileCheck %s --check-prefix=NOTRANSPOSE
// RUN: tensor-opt %s --split-input-file --tg-simplify=fold-reshapes=false | FileCheck %s --check-prefix=NORESHAPE
// RUN: tensor-opt %s --split-input-file --tg-simplify=fold-splats=false | FileCheck %s --check-prefix=NOSPLAT

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

// -----

// A transpose or reshape of a splat constant is a splat constant of its
// result type (so compiled code does not materialize it on every call).
// CHECK-LABEL: func.func @splats
// CHECK-DAG: tg.constant dense<2.000000e-02> : tensor<3x2xf32>
// CHECK-DAG: tg.constant dense<5> : tensor<6xi32>
// CHECK-NOT: tg.transpose
// CHECK-NOT: tg.reshape
// A constant that is not a splat stays.
// CHECK: tg.transpose
// NOSPLAT-LABEL: func.func @splats
// NOSPLAT: tg.transpose
// NOSPLAT: tg.reshape
func.func @splats() -> (tensor<3x2xf32>, tensor<6xi32>, tensor<2x1xf32>) {
  %w = tg.constant dense<2.000000e-02> : tensor<2x3xf32>
  %t = tg.transpose %w perm [1, 0] : tensor<2x3xf32>
  %i = tg.constant dense<5> : tensor<2x3xi32>
  %r = tg.reshape %i : tensor<2x3xi32> to tensor<6xi32>
  %d = tg.constant dense<[[1.0, 2.0]]> : tensor<1x2xf32>
  %u = tg.transpose %d perm [1, 0] : tensor<1x2xf32>
  return %t, %r, %u : tensor<3x2xf32>, tensor<6xi32>, tensor<2x1xf32>
}
