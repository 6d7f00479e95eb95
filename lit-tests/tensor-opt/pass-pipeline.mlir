// RUN: tensor-opt %s --pass-pipeline='builtin.module(func.func(tg-simplify{fold-transposes=false},canonicalize),cse)' | FileCheck %s --check-prefix=MIXED
// RUN: tensor-opt %s --pass-pipeline='builtin.module(tg-simplify,builtin.module(func.func(tg-simplify{fold-reshapes=false}),cse))' | FileCheck %s --check-prefix=NESTED
// RUN: tensor-opt %s --pass-pipeline=' builtin.module ( func.func ( cse , tg-simplify{fold-transposes=false   fold-reshapes=false} ) ) ' | FileCheck %s --check-prefix=OFF

// `--pass-pipeline` mixes tensor-opt's Rust pass `tg-simplify` (anchored on
// func.func) with upstream passes at every level. The first pipeline puts our
// pass with an option next to canonicalize in func.func, and cse on the module
// (cse also reaches into the nested module's function). The second puts our
// pass directly on the module (implicitly nested on its functions, not on
// those of the nested module), and inside a nested builtin.module next to cse.
// The third turns both options off and has whitespace everywhere:
// tg-simplify changes nothing.
// The pass managers these pipelines build are checked in dump-pass-pipeline.mlir.

// MIXED-LABEL: func.func @chain(
// MIXED-NEXT:    %[[T0:.*]] = tg.transpose %{{.*}} perm [1, 0, 2] : tensor<2x3x4xf32>
// MIXED-NEXT:    %[[T1:.*]] = tg.transpose %[[T0]] perm [1, 0, 2] : tensor<3x2x4xf32>
// MIXED-NEXT:    %[[R:.*]] = tg.reshape %[[T1]] : tensor<2x3x4xf32> to tensor<24xf32>
// MIXED-NEXT:    return %[[R]]
// MIXED-LABEL: func.func @twice(
// MIXED-NEXT:    %[[E:.*]] = tg.exp
// MIXED-NEXT:    return %[[E]], %[[E]]
// MIXED-LABEL: func.func @nested(
// MIXED-NEXT:    tg.transpose
// MIXED-NEXT:    tg.transpose
// MIXED-NEXT:    %[[E:.*]] = tg.exp
// MIXED-NEXT:    tg.add %[[E]], %[[E]]

// NESTED-LABEL: func.func @chain(
// NESTED-SAME:      %[[X:.*]]: tensor<2x3x4xf32>)
// NESTED-NEXT:    %[[R:.*]] = tg.reshape %[[X]] : tensor<2x3x4xf32> to tensor<24xf32>
// NESTED-NEXT:    return %[[R]]
// NESTED-LABEL: func.func @twice(
// NESTED-NEXT:    tg.exp
// NESTED-NEXT:    tg.exp
// NESTED-LABEL: func.func @nested(
// NESTED-SAME:      %[[X:.*]]: tensor<2x3xf32>)
// NESTED-NOT:     tg.transpose
// NESTED-NEXT:    %[[E:.*]] = tg.exp %[[X]]
// NESTED-NEXT:    tg.add %[[E]], %[[E]]

// OFF-LABEL: func.func @chain(
// OFF-NEXT:    tg.transpose
// OFF-NEXT:    tg.transpose
// OFF-NEXT:    tg.reshape
// OFF-NEXT:    tg.reshape
// OFF-LABEL: func.func @twice(
// OFF-NEXT:    %[[E:.*]] = tg.exp
// OFF-NEXT:    return %[[E]], %[[E]]
// OFF-LABEL: func.func @nested(
// OFF-NEXT:    tg.transpose
// OFF-NEXT:    tg.transpose
// OFF-NEXT:    tg.exp
// OFF-NEXT:    tg.exp

// Two transposes that compose to the identity, and two reshapes that merge.
func.func @chain(%x: tensor<2x3x4xf32>) -> tensor<24xf32> {
  %t0 = tg.transpose %x perm [1, 0, 2] : tensor<2x3x4xf32>
  %t1 = tg.transpose %t0 perm [1, 0, 2] : tensor<3x2x4xf32>
  %r0 = tg.reshape %t1 : tensor<2x3x4xf32> to tensor<6x4xf32>
  %r1 = tg.reshape %r0 : tensor<6x4xf32> to tensor<24xf32>
  return %r1 : tensor<24xf32>
}

// The same value computed twice, for cse.
func.func @twice(%a: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = tg.exp %a : tensor<4xf32>
  %1 = tg.exp %a : tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// Both, one module down.
module @inner {
  func.func @nested(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
    %t0 = tg.transpose %x perm [1, 0] : tensor<2x3xf32>
    %t1 = tg.transpose %t0 perm [1, 0] : tensor<3x2xf32>
    %0 = tg.exp %t1 : tensor<2x3xf32>
    %1 = tg.exp %t1 : tensor<2x3xf32>
    %2 = tg.add %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
    return %2 : tensor<2x3xf32>
  }
}
