// --emit=dot prints each function's dataflow as one Graphviz digraph instead
// of MLIR: a node per function argument and per op (its name and result
// type), an edge per SSA use, and each tg.fused as a cluster of its body's
// ops labelled with its kind, its block arguments and tg.yield looked through.

// RUN: tensor-opt %s --tg-fuse --emit=dot | FileCheck %s
// RUN: tensor-opt %s --emit=dot | FileCheck %s --check-prefix=PLAIN
// RUN: sh -c 'tensor-opt %s --emit=dot --emit-bytecode; echo "exit code $?"' 2>&1 | FileCheck %s --check-prefix=USAGE

// CHECK:      digraph module {
// CHECK:        subgraph "cluster_@main" {
// CHECK-NEXT:     label="@main";
// CHECK-NEXT:     [[X:n[0-9]+]] [label="%arg0\ntensor<4x8xf32>", shape=ellipse];
// CHECK-NEXT:     [[W:n[0-9]+]] [label="%arg1\ntensor<8x16xf32>", shape=ellipse];
// CHECK-NEXT:     [[B:n[0-9]+]] [label="%arg2\ntensor<16xf32>", shape=ellipse];
// CHECK-NEXT:     subgraph cluster_0 {
// CHECK-NEXT:       label="tg.fused \"matmul+add+relu\"";
// CHECK-NEXT:       style=filled; fillcolor="#eef3fb";
// CHECK-NEXT:       [[MM:n[0-9]+]] [label="tg.matmul\ntensor<4x16xf32>", shape=box];
// CHECK-NEXT:       [[ADD:n[0-9]+]] [label="tg.add\ntensor<4x16xf32>", shape=box];
// CHECK-NEXT:       [[RELU:n[0-9]+]] [label="tg.relu\ntensor<4x16xf32>", shape=box];
// CHECK-NEXT:     }
// CHECK-NEXT:     [[SM:n[0-9]+]] [label="tg.softmax\ntensor<4x16xf32>", shape=box];
// CHECK-NEXT:     [[RET:n[0-9]+]] [label="func.return", shape=box];
// CHECK-NEXT:   }
// CHECK-DAG:    [[X]] -> [[MM]];
// CHECK-DAG:    [[W]] -> [[MM]];
// CHECK-DAG:    [[MM]] -> [[ADD]];
// CHECK-DAG:    [[B]] -> [[ADD]];
// CHECK-DAG:    [[ADD]] -> [[RELU]];
// CHECK-DAG:    [[RELU]] -> [[SM]];
// CHECK-DAG:    [[SM]] -> [[RET]];
// CHECK:      }

// Without tg-fuse there is no cluster but the function's.
// PLAIN:     subgraph "cluster_@main" {
// PLAIN-NOT: subgraph
// PLAIN:     label="tg.matmul\ntensor<4x16xf32>"

// USAGE: error: --emit-bytecode cannot be combined with --emit=dot
// USAGE: exit code 1

func.func @main(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %0 = tg.matmul %x, %w : tensor<4x8xf32>, tensor<8x16xf32>
  %1 = tg.add %0, %b : tensor<4x16xf32>, tensor<16xf32>
  %2 = tg.relu %1 : tensor<4x16xf32>
  %3 = tg.softmax %2 axis 1 : tensor<4x16xf32>
  return %3 : tensor<4x16xf32>
}
