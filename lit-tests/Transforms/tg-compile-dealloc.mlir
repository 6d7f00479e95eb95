// tg-compile frees the buffers that do not escape (intermediates, packed
// operands) at every opt level: without it each call of the compiled
// function leaked them (tensor-run --bench grew by their size per call and
// paid fresh pages for them every time).

// RUN: tensor-opt %s --tg-compile | FileCheck %s
// RUN: tensor-opt %s --pass-pipeline='builtin.module(tg-compile{opt-level=0})' | FileCheck %s
// RUN: tensor-opt %s --pass-pipeline='builtin.module(tg-compile{opt-level=3 out-params})' | FileCheck %s
// RUN: tensor-opt %s --pass-pipeline='builtin.module(tg-compile{opt-level=3 threads=2})' | FileCheck %s

// CHECK-LABEL: llvm.func @main
// CHECK: llvm.call @malloc
// CHECK: llvm.call @free
// CHECK: llvm.return
func.func @main(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %ab = tg.matmul %a, %b : tensor<64x64xf32>, tensor<64x64xf32>
  %abb = tg.matmul %ab, %b : tensor<64x64xf32>, tensor<64x64xf32>
  return %abb : tensor<64x64xf32>
}
