// --threads N: the default pipeline (tg-compile opt-level=3 with out-params)
// runs the outer parallel loops on N OpenMP threads; every count computes the
// same result as the reference interpreter. --threads sets the default
// pipeline's option, so it cannot be combined with --pipeline.

// RUN: rm -rf %t && mkdir -p %t
// RUN: tensor-run %s --random-inputs 3 --reference -o %t/ref.npy
// RUN: tensor-run %s --random-inputs 3 --threads 1 -o %t/t1.npy
// RUN: tensor-run %s --random-inputs 3 --threads 2 -o %t/t2.npy
// RUN: tensor-run %s --random-inputs 3 --threads 3 -o %t/t3.npy
// RUN: %python %S/Inputs/compare.py %t/t1.npy %t/ref.npy 1e-4
// RUN: %python %S/Inputs/compare.py %t/t2.npy %t/ref.npy 1e-4
// RUN: %python %S/Inputs/compare.py %t/t3.npy %t/ref.npy 1e-4

// Results come back through caller buffers, reused across --bench calls.
// RUN: tensor-run %s --random-inputs 3 --threads 2 --bench 3 | FileCheck %s --check-prefix=BENCH
// BENCH: bench: 3 iterations:

// RUN: not tensor-run %s --random-inputs 3 --threads 0 2>&1 | FileCheck %s --check-prefix=ZERO
// ZERO: error: invalid value '0' for '--threads <N>'
// RUN: not tensor-run %s --random-inputs 3 --threads 2 --pipeline 'builtin.module(tg-compile)' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CONFLICT
// CONFLICT: error: the argument '--threads <N>' cannot be used with '--pipeline <PIPELINE>'

// A packed and threaded contraction with an epilogue, and a row softmax.
func.func @main(%x: tensor<40x24xf32>, %w: tensor<24x70xf32>, %b: tensor<70xf32>) -> tensor<40x70xf32> {
  %mm = tg.matmul %x, %w : tensor<40x24xf32>, tensor<24x70xf32>
  %biased = tg.add %mm, %b : tensor<40x70xf32>, tensor<70xf32>
  %act = tg.relu %biased : tensor<40x70xf32>
  %p = tg.softmax %act axis 1 : tensor<40x70xf32>
  return %p : tensor<40x70xf32>
}
