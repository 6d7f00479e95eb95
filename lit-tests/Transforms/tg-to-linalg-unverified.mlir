// Unverified input (--mlir-very-unsafe-disable-verifier-on-parsing) may give
// a tg op other than tg.fused a region. tg-to-linalg must not lower the ops
// nested in it after the op (and they with it) is gone: it lowers the op
// and drops the region.

// RUN: tensor-opt --mlir-very-unsafe-disable-verifier-on-parsing %s --pass-pipeline='builtin.module(func.func(tg-to-linalg))' 2>&1 | FileCheck %s
// CHECK-NOT: internal error
// CHECK: linalg.generic
// CHECK: arith.addf
// CHECK-NOT: tg.

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "tg.add"(%x, %x) ({
    %1 = "tg.neg"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    "tg.yield"(%1) : (tensor<4xf32>) -> ()
  }) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
