// Every example compiles through tg-compile to LLVM IR.

// RUN: tensor-opt %S/../../examples/convmatmul.tg.mlir --tg-compile --emit=llvm-ir | FileCheck %s
// RUN: tensor-opt %S/../../examples/mlp.tg.mlir --tg-compile --emit=llvm-ir | FileCheck %s
// RUN: tensor-opt %S/../../examples/cnn.tg.mlir --tg-compile --emit=llvm-ir | FileCheck %s

// CHECK: define { ptr, ptr, i64, [{{[24]}} x i64], [{{[24]}} x i64] } @main(
