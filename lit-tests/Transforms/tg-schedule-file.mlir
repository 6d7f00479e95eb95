// tg-schedule{file=PATH} and tg-compile{schedule=PATH} apply a user's
// transform script (its @__transform_main) instead of the generated schedule:
// the computation stays as written, the schedule is the user's
// (tensor-run/schedule.mlir runs it).

// RUN: tensor-opt %s --pass-pipeline='builtin.module(func.func(tg-to-linalg),tg-schedule{file=%S/Inputs/tile-matmul.schedule.mlir})' \
// RUN:   | FileCheck %s
// CHECK: scf.for {{.*}} step %c4
// CHECK: scf.for {{.*}} step %c4
// CHECK: scf.for {{.*}} step %c4
// CHECK: linalg.matmul ins({{.*}} : tensor<4x4xf32>, tensor<4x4xf32>)
// CHECK-NOT: vector.

// Errors: a missing file, a script without @__transform_main.
// RUN: not tensor-opt %s --pass-pipeline='builtin.module(func.func(tg-to-linalg),tg-schedule{file=%t/missing.mlir})' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MISSING
// MISSING: error: tg-schedule: cannot read the schedule '{{.*}}missing.mlir': No such file or directory
// RUN: not tensor-opt %s --pass-pipeline='builtin.module(func.func(tg-to-linalg),tg-schedule{file=%S/Inputs/no-entry.schedule.mlir})' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOENTRY
// NOENTRY: error: tg-schedule: the schedule '{{.*}}no-entry.schedule.mlir' has no transform.named_sequence @__transform_main

func.func @main(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %r = tg.matmul %a, %b : tensor<8x8xf32>, tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}
