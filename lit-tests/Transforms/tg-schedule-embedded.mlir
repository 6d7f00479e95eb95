// A module that carries its own schedule (transform.with_named_sequence and
// @__transform_main, as mlir-opt --transform-interpreter reads one; a .tc
// function's schedule is one): tg-schedule applies it and removes it, and
// generates its own schedule only for the ops it did not treat (marked by
// `tc.body` on their yield); `embedded-only` (tg-compile's first
// tg-schedule, before fusion) applies it and generates nothing;
// tg-drop-schedule removes it unapplied (tg-compile below opt-level 3).

// RUN: tensor-opt %s --tg-schedule | FileCheck %s --check-prefix=APPLIED
// APPLIED-NOT: transform.
// APPLIED: func.func @two
// APPLIED: scf.for {{.*}} step %c4
// APPLIED: linalg.generic {{.*}} ins({{.*}} : tensor<4x8xf32>, tensor<8x4xf32>)
// APPLIED-SAME: tc.statement = "mine"
// The other matmul got the generated schedule (vectorized).
// APPLIED: vector.
// APPLIED-NOT: transform.

// RUN: tensor-opt %s --tg-schedule=embedded-only | FileCheck %s --check-prefix=ONLY
// ONLY-NOT: transform.
// ONLY: scf.for {{.*}} step %c4
// ONLY: tc.statement = "mine"
// ONLY: linalg.matmul
// ONLY-NOT: vector.

// RUN: tensor-opt %s --tg-drop-schedule | FileCheck %s --check-prefix=DROP
// DROP: module {
// DROP-NOT: transform.
// DROP-NOT: scf.for
// DROP: tc.statement = "mine"
// DROP: linalg.matmul

// emit=true leaves a module's own schedule as it is.
// RUN: tensor-opt %s --tg-schedule=emit | FileCheck %s --check-prefix=EMIT
// EMIT: module attributes {transform.with_named_sequence}
// EMIT-COUNT-1: transform.named_sequence @__transform_main

#a = affine_map<(d0, d1, d2) -> (d0, d2)>
#b = affine_map<(d0, d1, d2) -> (d2, d1)>
#c = affine_map<(d0, d1, d2) -> (d0, d1)>
module attributes {transform.with_named_sequence} {
  func.func @two(%x: tensor<8x8xf32>, %y: tensor<8x8xf32>, %init: tensor<8x8xf32>) -> (tensor<8x8xf32>, tensor<8x8xf32>) {
    %m = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
        ins(%x, %y : tensor<8x8xf32>, tensor<8x8xf32>) outs(%init : tensor<8x8xf32>) attrs = {tc.statement = "mine"} {
    ^bb0(%p: f32, %q: f32, %acc: f32):
      %t = arith.mulf %p, %q : f32
      %s = arith.addf %acc, %t : f32
      linalg.yield %s : f32
    } -> tensor<8x8xf32>
    %n = linalg.matmul ins(%x, %y : tensor<8x8xf32>, tensor<8x8xf32>) outs(%init : tensor<8x8xf32>) -> tensor<8x8xf32>
    return %m, %n : tensor<8x8xf32>, tensor<8x8xf32>
  }
  transform.named_sequence @__transform_main(%module: !transform.any_op {transform.readonly}) {
    %op = transform.structured.match ops{["linalg.generic"]} attributes {tc.statement = "mine"} in %module : (!transform.any_op) -> !transform.any_op
    %yield = transform.structured.match ops{["linalg.yield"]} in %op : (!transform.any_op) -> !transform.any_op
    %mark = transform.param.constant "mine" -> !transform.any_param
    transform.annotate %yield "tc.body" = %mark : !transform.any_op, !transform.any_param
    %tiled, %loops:2 = transform.structured.tile_using_for %op tile_sizes [4, 4, 0] : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op)
    transform.yield
  }
}
