// RUN: tensor-opt %s --split-input-file --tg-fuse | FileCheck %s
// RUN: tensor-opt %s --split-input-file --tg-fuse | tensor-opt --split-input-file --tg-fuse | FileCheck %s
// RUN: tensor-opt %s --split-input-file --tg-fuse --mlir-print-op-generic | tensor-opt --split-input-file | FileCheck %s
// RUN: tensor-opt %s --split-input-file --tg-fuse=max-group-size=2 | FileCheck %s --check-prefix=CAP2
// RUN: tensor-opt %s --split-input-file --tg-fuse=fuse-reductions=false | FileCheck %s --check-prefix=NORED
// RUN: tensor-opt %s --split-input-file --tg-fuse | tensor-opt --split-input-file --tg-to-linalg | FileCheck %s --check-prefix=LINALG
// RUN: tensor-opt --list-passes | FileCheck %s --strict-whitespace --check-prefix=LIST
// RUN: sh -c 'tensor-opt %s --tg-fuse=max-group-size=-1 --diagnostics=plain; echo "exit code $?"' 2>&1 | FileCheck %s --check-prefix=BADOPT

// The pass and its options, as --list-passes shows them.
// LIST:      {{^}}  tg-fuse {{ +}}Group tg ops into tg.fused ops, one per kernel
// LIST-NEXT: {{^}}      max-group-size=unsigned {{ +}}Most ops in one fused group (constants cloned into it do not count) (default 16)
// LIST-NEXT: {{^}}      fuse-reductions=bool {{ +}}Fuse reductions with elementwise/injective producers and elementwise consumers (default true)

// A group size is an integer from 0 to 2^20 (a bad pipeline: exit 1, as mlir-opt).
// BADOPT: error: option 'max-group-size' of 'tg-fuse' expects an integer from 0 to 1048576, got '-1'
// BADOPT: exit code 1

// The rules (a) to (f) are those of the pass's documentation (crates/tg-passes/src/transforms/fuse/mod.rs).
// The second RUN line proves the pass leaves its own output alone (ops inside
// tg.fused are never regrouped); the third that the output round-trips
// through the generic form.

// (a) An elementwise chain is one group; the constant it reads is cloned into the body, not passed in.
// CHECK-LABEL: func.func @elementwise_chain(
// CHECK-SAME:    %[[X:.*]]: tensor<4x8xf32>)
// CHECK-NEXT:    %[[R:.*]] = tg.fused "exp+mul+neg+sigmoid" (%[[X]]) : (tensor<4x8xf32>) -> tensor<4x8xf32> {
// CHECK-NEXT:    ^bb0(%[[A:.*]]: tensor<4x8xf32>):
// CHECK-NEXT:      %[[C:.*]] = tg.constant dense<2.000000e+00> : tensor<4x8xf32>
// CHECK-NEXT:      %[[E:.*]] = tg.exp %[[A]]
// CHECK-NEXT:      %[[M:.*]] = tg.mul %[[E]], %[[C]]
// CHECK-NEXT:      %[[N:.*]] = tg.neg %[[M]]
// CHECK-NEXT:      %[[S:.*]] = tg.sigmoid %[[N]]
// CHECK-NEXT:      tg.yield %[[S]] : tensor<4x8xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]] : tensor<4x8xf32>
// CAP2-LABEL: func.func @elementwise_chain
// CAP2:         tg.fused "exp+mul"
// CAP2:         tg.fused "neg+sigmoid"
func.func @elementwise_chain(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %c = tg.constant dense<2.0> : tensor<4x8xf32>
  %0 = tg.exp %x : tensor<4x8xf32>
  %1 = tg.mul %0, %c : tensor<4x8xf32>, tensor<4x8xf32>
  %2 = tg.neg %1 : tensor<4x8xf32>
  %3 = tg.sigmoid %2 : tensor<4x8xf32>
  return %3 : tensor<4x8xf32>
}

// -----

// (b) A broadcasting bias add and a relu fuse into the matmul as its epilogue.
// CHECK-LABEL: func.func @matmul_bias_relu(
// CHECK-SAME:    %[[X:.*]]: tensor<4x8xf32>, %[[W:.*]]: tensor<8x16xf32>, %[[B:.*]]: tensor<16xf32>)
// CHECK-NEXT:    %[[R:.*]] = tg.fused "matmul+add+relu" (%[[X]], %[[W]], %[[B]]) : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<16xf32>) -> tensor<4x16xf32> {
// CHECK-NEXT:    ^bb0(%[[A:.*]]: tensor<4x8xf32>, %[[C:.*]]: tensor<8x16xf32>, %[[D:.*]]: tensor<16xf32>):
// CHECK-NEXT:      %[[M:.*]] = tg.matmul %[[A]], %[[C]]
// CHECK-NEXT:      %[[S:.*]] = tg.add %[[M]], %[[D]]
// CHECK-NEXT:      %[[Y:.*]] = tg.relu %[[S]]
// CHECK-NEXT:      tg.yield %[[Y]] : tensor<4x16xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]] : tensor<4x16xf32>
// CAP2-LABEL: func.func @matmul_bias_relu
// CAP2-NEXT:    tg.fused "matmul+add"
// CAP2:         }
// CAP2-NEXT:    tg.relu
func.func @matmul_bias_relu(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %0 = tg.matmul %x, %w : tensor<4x8xf32>, tensor<8x16xf32>
  %1 = tg.add %0, %b : tensor<4x16xf32>, tensor<16xf32>
  %2 = tg.relu %1 : tensor<4x16xf32>
  return %2 : tensor<4x16xf32>
}

// -----

// (b) conv2d + bias + relu; the reshape of the bias feeds the epilogue, not
// the convolution, so it joins the group as well.
// CHECK-LABEL: func.func @conv_bias_relu(
// CHECK-SAME:    %[[X:.*]]: tensor<1x3x8x8xf32>, %[[W:.*]]: tensor<4x3x3x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK-NEXT:    %[[R:.*]] = tg.fused "conv2d+reshape+add+relu" (%[[X]], %[[W]], %[[B]])
// CHECK-NEXT:    ^bb0(%[[A:.*]]: tensor<1x3x8x8xf32>, %[[C:.*]]: tensor<4x3x3x3xf32>, %[[D:.*]]: tensor<4xf32>):
// CHECK-NEXT:      %[[CONV:.*]] = tg.conv2d %[[A]], %[[C]]
// CHECK-NEXT:      %[[BIAS:.*]] = tg.reshape %[[D]] : tensor<4xf32> to tensor<4x1x1xf32>
// CHECK-NEXT:      %[[S:.*]] = tg.add %[[CONV]], %[[BIAS]]
// CHECK-NEXT:      %[[Y:.*]] = tg.relu %[[S]]
// CHECK-NEXT:      tg.yield %[[Y]] : tensor<1x4x6x6xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]]
func.func @conv_bias_relu(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  %0 = tg.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>
  %b3 = tg.reshape %b : tensor<4xf32> to tensor<4x1x1xf32>
  %1 = tg.add %0, %b3 : tensor<1x4x6x6xf32>, tensor<4x1x1xf32>
  %2 = tg.relu %1 : tensor<1x4x6x6xf32>
  return %2 : tensor<1x4x6x6xf32>
}

// -----

// (a) A chain of injective ops (transpose, reshape, slice) is one group.
// CHECK-LABEL: func.func @injective_chain(
// CHECK-NEXT:    %[[R:.*]] = tg.fused "transpose+reshape+slice" (%{{.*}}) : (tensor<2x3x4xf32>) -> tensor<4x5xf32> {
// CHECK-NEXT:    ^bb0(%[[A:.*]]: tensor<2x3x4xf32>):
// CHECK-NEXT:      %[[T:.*]] = tg.transpose %[[A]] perm [2, 0, 1]
// CHECK-NEXT:      %[[S:.*]] = tg.reshape %[[T]]
// CHECK-NEXT:      %[[L:.*]] = tg.slice %[[S]]
// CHECK-NEXT:      tg.yield %[[L]] : tensor<4x5xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]]
func.func @injective_chain(%x: tensor<2x3x4xf32>) -> tensor<4x5xf32> {
  %0 = tg.transpose %x perm [2, 0, 1] : tensor<2x3x4xf32>
  %1 = tg.reshape %0 : tensor<4x2x3xf32> to tensor<4x6xf32>
  %2 = tg.slice %1 offsets [0, 1] sizes [4, 5] : tensor<4x6xf32>
  return %2 : tensor<4x5xf32>
}

// -----

// (d) With fuse-reductions (the default) exp fuses into the sum as its
// prologue and log after it as its epilogue; without it the sum stays alone.
// CHECK-LABEL: func.func @reduction_prologue_epilogue(
// CHECK-NEXT:    %[[R:.*]] = tg.fused "exp+reduce_sum+log" (%{{.*}}) : (tensor<4x8xf32>) -> tensor<4x1xf32> {
// CHECK-NEXT:    ^bb0(%[[A:.*]]: tensor<4x8xf32>):
// CHECK-NEXT:      %[[E:.*]] = tg.exp %[[A]]
// CHECK-NEXT:      %[[S:.*]] = tg.reduce_sum %[[E]] axes [1] keepdims
// CHECK-NEXT:      %[[L:.*]] = tg.log %[[S]]
// CHECK-NEXT:      tg.yield %[[L]] : tensor<4x1xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]]
// NORED-LABEL: func.func @reduction_prologue_epilogue(
// NORED-NEXT:    tg.exp
// NORED-NEXT:    tg.reduce_sum
// NORED-NEXT:    tg.log
// NORED-NEXT:    return
func.func @reduction_prologue_epilogue(%x: tensor<4x8xf32>) -> tensor<4x1xf32> {
  %0 = tg.exp %x : tensor<4x8xf32>
  %1 = tg.reduce_sum %0 axes [1] keepdims : tensor<4x8xf32>
  %2 = tg.log %1 : tensor<4x1xf32>
  return %2 : tensor<4x1xf32>
}

// -----

// (b) Two matmuls never share a group: the second takes the add as its
// epilogue; the first, read by both, stays alone.
// CHECK-LABEL: func.func @two_matmuls(
// CHECK-SAME:    %[[X:.*]]: tensor<4x4xf32>, %[[W:.*]]: tensor<4x4xf32>)
// CHECK-NEXT:    %[[M:.*]] = tg.matmul %[[X]], %[[W]]
// CHECK-NEXT:    %[[R:.*]] = tg.fused "matmul+add" (%[[M]], %[[W]])
// CHECK-NEXT:    ^bb0(%[[A:.*]]: tensor<4x4xf32>, %[[B:.*]]: tensor<4x4xf32>):
// CHECK-NEXT:      %[[N:.*]] = tg.matmul %[[A]], %[[B]]
// CHECK-NEXT:      %[[S:.*]] = tg.add %[[A]], %[[N]]
// CHECK-NEXT:      tg.yield %[[S]]
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]]
func.func @two_matmuls(%x: tensor<4x4xf32>, %w: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %0 = tg.matmul %x, %w : tensor<4x4xf32>, tensor<4x4xf32>
  %1 = tg.matmul %0, %w : tensor<4x4xf32>, tensor<4x4xf32>
  %2 = tg.add %0, %1 : tensor<4x4xf32>, tensor<4x4xf32>
  return %2 : tensor<4x4xf32>
}

// -----

// (c) exp has consumers in two groups: it joins neither (it is never computed twice).
// CHECK-LABEL: func.func @consumers_in_two_groups(
// CHECK-NEXT:    %[[E:.*]] = tg.exp
// CHECK-NEXT:    %[[A:.*]] = tg.fused "neg+relu" (%[[E]])
// CHECK:         %[[B:.*]] = tg.fused "abs+tanh" (%[[E]])
// CHECK:         return %[[A]], %[[B]]
func.func @consumers_in_two_groups(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = tg.exp %x : tensor<4xf32>
  %1 = tg.neg %0 : tensor<4xf32>
  %2 = tg.relu %1 : tensor<4xf32>
  %3 = tg.abs %0 : tensor<4xf32>
  %4 = tg.tanh %3 : tensor<4xf32>
  return %2, %4 : tensor<4xf32>, tensor<4xf32>
}

// -----

// (e) a -> b and a -> call -> b: a group {a, b} would need the path through
// the opaque call to leave it and come back, so nothing fuses.
// CHECK-LABEL: func.func @cycle_through_opaque(
// CHECK-NEXT:    %[[A:.*]] = tg.exp
// CHECK-NEXT:    %[[O:.*]] = call @opaque(%[[A]])
// CHECK-NEXT:    %[[B:.*]] = tg.add %[[A]], %[[O]]
// CHECK-NEXT:    return %[[B]]
// CHECK-NOT:     tg.fused
func.func private @opaque(tensor<4xf32>) -> tensor<4xf32>

func.func @cycle_through_opaque(%x: tensor<4xf32>) -> tensor<4xf32> {
  %a = tg.exp %x : tensor<4xf32>
  %o = func.call @opaque(%a) : (tensor<4xf32>) -> tensor<4xf32>
  %b = tg.add %a, %o : tensor<4xf32>, tensor<4xf32>
  return %b : tensor<4xf32>
}

// -----

// (b, e) a -> b and a -> matmul -> b: the matmul takes b as its epilogue;
// a would be the matmul's prologue, so it stays out.
// CHECK-LABEL: func.func @cycle_through_matmul(
// CHECK-NEXT:    %[[A:.*]] = tg.relu
// CHECK-NEXT:    %[[R:.*]] = tg.fused "matmul+add" (%[[A]], %{{.*}})
// CHECK:         return %[[R]]
func.func @cycle_through_matmul(%x: tensor<4x4xf32>, %w: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %a = tg.relu %x : tensor<4x4xf32>
  %m = tg.matmul %a, %w : tensor<4x4xf32>, tensor<4x4xf32>
  %b = tg.add %m, %a : tensor<4x4xf32>, tensor<4x4xf32>
  return %b : tensor<4x4xf32>
}

// -----

// (f) max-group-size=2 splits a chain of five from its end: [tanh, relu],
// [abs, exp], and neg alone.
// CHECK-LABEL: func.func @long_chain(
// CHECK-NEXT:    tg.fused "neg+abs+exp+tanh+relu"
// CAP2-LABEL: func.func @long_chain(
// CAP2-NEXT:    %[[N:.*]] = tg.neg
// CAP2-NEXT:    %[[G:.*]] = tg.fused "abs+exp" (%[[N]])
// CAP2:         %[[H:.*]] = tg.fused "tanh+relu" (%[[G]])
// CAP2:         return %[[H]]
func.func @long_chain(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = tg.neg %x : tensor<8xf32>
  %1 = tg.abs %0 : tensor<8xf32>
  %2 = tg.exp %1 : tensor<8xf32>
  %3 = tg.tanh %2 : tensor<8xf32>
  %4 = tg.relu %3 : tensor<8xf32>
  return %4 : tensor<8xf32>
}

// -----

// (c) A constant read by two groups is cloned into each; the original goes.
// CHECK-LABEL: func.func @constant_shared_by_two_groups(
// CHECK-NOT:     tg.constant
// CHECK:         tg.fused "add+relu"
// CHECK-NEXT:    ^bb0
// CHECK-NEXT:      tg.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]>
// CHECK:         tg.fused "mul+exp"
// CHECK-NEXT:    ^bb0
// CHECK-NEXT:      tg.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]>
func.func @constant_shared_by_two_groups(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %c = tg.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %0 = tg.add %x, %c : tensor<4xf32>, tensor<4xf32>
  %1 = tg.relu %0 : tensor<4xf32>
  %2 = tg.mul %y, %c : tensor<4xf32>, tensor<4xf32>
  %3 = tg.exp %2 : tensor<4xf32>
  return %1, %3 : tensor<4xf32>, tensor<4xf32>
}

// -----

// An MLP with a written-out softmax: the matmul takes bias and relu (epilogues
// are grown first), the max stays alone (one anchor per group), the rest is a
// reduction with prologue and epilogue. tg-to-linalg then tags every op of
// each group with its number; ops of no group are not tagged.
// CHECK-LABEL: func.func @mlp(
// CHECK-NEXT:    %[[G0:.*]] = tg.fused "matmul+add+relu"
// CHECK:         %[[MAX:.*]] = tg.reduce_max %[[G0]] axes [1] keepdims
// CHECK-NEXT:    %[[G1:.*]] = tg.fused "sub+exp+reduce_sum+div" (%[[G0]], %[[MAX]])
// CHECK:         return %[[G1]]
// NORED-LABEL: func.func @mlp(
// NORED-NEXT:    tg.fused "matmul+add+relu"
// NORED:         tg.reduce_max
// NORED-NEXT:    tg.fused "sub+exp"
// NORED:         tg.reduce_sum
// NORED-NEXT:    tg.div
// LINALG-LABEL: func.func @mlp(
// LINALG:         linalg.fill {tg.group = 0 : i64}
// LINALG:         linalg.matmul {tg.group = 0 : i64}
// LINALG:         linalg.generic {{.*}} attrs = {{.*}}{tg.group = 0 : i64}
// LINALG:         linalg.generic {{.*}} attrs = {{.*}}{tg.group = 0 : i64}
// LINALG:         linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}], iterator_types = ["parallel", "reduction"]} ins(%{{.*}} : tensor<4x16xf32>) outs(%{{.*}} : tensor<4x1xf32>) {{[{]$}}
// LINALG:         linalg.generic {{.*}} attrs = {{.*}}{tg.group = 1 : i64}
// LINALG:         linalg.generic {{.*}} attrs = {{.*}}{tg.group = 1 : i64}
// LINALG:         linalg.fill {tg.group = 1 : i64}
// LINALG:         linalg.generic {{.*}} attrs = {{.*}}{tg.group = 1 : i64}
// LINALG:         linalg.generic {{.*}} attrs = {{.*}}{tg.group = 1 : i64}
// LINALG-NOT:     tg.fused
// LINALG:         return
func.func @mlp(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %0 = tg.matmul %x, %w : tensor<4x8xf32>, tensor<8x16xf32>
  %1 = tg.add %0, %b : tensor<4x16xf32>, tensor<16xf32>
  %2 = tg.relu %1 : tensor<4x16xf32>
  %m = tg.reduce_max %2 axes [1] keepdims : tensor<4x16xf32>
  %3 = tg.sub %2, %m : tensor<4x16xf32>, tensor<4x1xf32>
  %4 = tg.exp %3 : tensor<4x16xf32>
  %s = tg.reduce_sum %4 axes [1] keepdims : tensor<4x16xf32>
  %5 = tg.div %4, %s : tensor<4x16xf32>, tensor<4x1xf32>
  return %5 : tensor<4x16xf32>
}

// -----

// Ops inside a tg.fused given as input are left alone, and the group numbers
// of tg-to-linalg count groups per function, from 0.
// CHECK-LABEL: func.func @already_fused(
// CHECK-NEXT:    %[[R:.*]] = tg.fused "neg" (%{{.*}})
// CHECK-NEXT:    ^bb0(%[[A:.*]]: tensor<4xf32>):
// CHECK-NEXT:      %[[N:.*]] = tg.neg %[[A]]
// CHECK-NEXT:      tg.yield %[[N]]
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[E:.*]] = tg.exp %[[R]]
// CHECK-NEXT:    return %[[E]]
// LINALG-LABEL: func.func @already_fused(
// LINALG:         linalg.generic {{.*}}{tg.group = 0 : i64}
// LINALG-NOT:     tg.group
// LINALG:         return
func.func @already_fused(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tg.fused "neg" (%x) : (tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%a: tensor<4xf32>):
    %1 = tg.neg %a : tensor<4xf32>
    tg.yield %1 : tensor<4xf32>
  }
  %2 = tg.exp %0 : tensor<4xf32>
  return %2 : tensor<4xf32>
}
