// tensor-run compiles examples/convmatmul.tg.mlir (Conv2d -> Transpose ->
// batched Matmul) with tg-compile, runs it with MLIR's JIT on .npy inputs,
// and the result agrees with numpy's computation of the same workload and
// with the reference interpreter (--reference) on the same inputs.

// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %inputs/convmatmul.py gen %t 42
// RUN: tensor-run %examples/convmatmul.tg.mlir --input %t/input.npy --input %t/filter.npy --input %t/rhs.npy -o %t/jit.npy
// RUN: %python %inputs/convmatmul.py check %t %t/jit.npy | FileCheck %s --check-prefix=NUMPY
// RUN: tensor-run %examples/convmatmul.tg.mlir --reference --input %t/input.npy --input %t/filter.npy --input %t/rhs.npy -o %t/ref.npy
// RUN: %python %inputs/convmatmul.py check %t %t/ref.npy | FileCheck %s --check-prefix=NUMPY
// RUN: %python %inputs/compare.py %t/jit.npy %t/ref.npy 1e-5 | FileCheck %s --check-prefix=AGREE

// The same workload as linalg on tensors (tg-to-linalg's output) and as
// bufferized linalg on memrefs: the same results (to rounding: opt-level=3
// sums in another order than the scalar loops the memref version gets).
// RUN: tensor-opt %examples/convmatmul.tg.mlir --tg-to-linalg -o %t/convmatmul.linalg-tensors.mlir
// RUN: tensor-run %t/convmatmul.linalg-tensors.mlir --input %t/input.npy --input %t/filter.npy --input %t/rhs.npy -o %t/linalg.npy
// RUN: %python %inputs/compare.py %t/jit.npy %t/linalg.npy 1e-5 | FileCheck %s --check-prefix=AGREE
// RUN: tensor-run %shared_examples/convmatmul.linalg.mlir --input %t/input.npy --input %t/filter.npy --input %t/rhs.npy -o %t/memref.npy
// RUN: %python %inputs/compare.py %t/jit.npy %t/memref.npy 1e-5 | FileCheck %s --check-prefix=AGREE

// Every opt-level of tg-compile computes the same thing.
// RUN: tensor-run %examples/convmatmul.tg.mlir --pipeline='builtin.module(tg-compile{opt-level=0})' --input %t/input.npy --input %t/filter.npy --input %t/rhs.npy -o %t/o0.npy
// RUN: %python %inputs/convmatmul.py check %t %t/o0.npy | FileCheck %s --check-prefix=NUMPY

// --print summarizes the result.
// RUN: tensor-run %examples/convmatmul.tg.mlir --input %t/input.npy --input %t/filter.npy --input %t/rhs.npy --print | FileCheck %s --check-prefix=PRINT

// NUMPY: convmatmul: {{.*}}.npy matches numpy, shape (8, 30, 30, 64)
// AGREE: match: float32 (8, 30, 30, 64)
// PRINT: result #0: tensor<8x30x30x64xf32> (460800 elements)
// PRINT-NEXT: min {{-?[0-9.]+}} max {{[0-9.]+}} mean {{-?[0-9.e-]+}}
// PRINT-NEXT: first [{{([-0-9.e]+, ){7}[-0-9.e]+}}]
