// --emit=llvm-ir translates a module in the LLVM dialect to LLVM IR text,
// exactly as mlir-translate --mlir-to-llvmir does; a module still holding
// other dialects is an error located at the op that cannot be translated.

// RUN: tensor-opt %s --tg-compile --emit=llvm-ir | FileCheck %s
// RUN: tensor-opt %s --tg-compile -o %t.llvm.mlir
// RUN: mlir-translate --mlir-to-llvmir %t.llvm.mlir -o %t.expected.ll
// RUN: tensor-opt %t.llvm.mlir --emit=llvm-ir -o %t.ours.ll
// RUN: diff %t.expected.ll %t.ours.ll
// RUN: sh -c 'tensor-opt %s --emit=llvm-ir --diagnostics=plain; echo "exit code $?"' 2>&1 | FileCheck %s --check-prefix=ERR
// RUN: sh -c 'tensor-opt %s --emit=llvm-ir --emit-bytecode; echo "exit code $?"' 2>&1 | FileCheck %s --check-prefix=USAGE

// CHECK: ModuleID = 'LLVMDialectModule'
// CHECK: define { ptr, ptr, i64, [1 x i64], [1 x i64] } @relu(ptr %{{.*}}, ptr %{{.*}}, i64 %{{.*}}, i64 %{{.*}}, i64 %{{.*}})

// ERR: emit-llvm-ir.mlir:[[@LINE+3]]:1: error: cannot be converted to LLVM IR: missing `LLVMTranslationDialectInterface` registration for dialect for op: func.func
// ERR: exit code 1

func.func @relu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tg.relu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// USAGE: error: --emit-bytecode cannot be combined with --emit=llvm-ir
// USAGE: exit code 1
