// tg-compile takes tg all the way to the LLVM dialect: nothing else is left,
// mlir-translate turns it into LLVM IR, and mlir-runner (LLVM 22) runs it.

// RUN: tensor-opt %s --pass-pipeline='builtin.module(tg-compile)' | FileCheck %s
// RUN: tensor-opt %s --tg-compile=opt-level=0 | FileCheck %s
// RUN: tensor-opt %s --pass-pipeline='builtin.module(tg-compile{opt-level=3 fuse=false})' \
// RUN:   | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=LLVMIR
// RUN: tensor-opt %s --pass-pipeline='builtin.module(tg-compile)' \
// RUN:   | mlir-runner -e main -entry-point-result=void --shared-libs=%mlir_c_runner_utils
// RUN: tensor-opt %s --pass-pipeline='builtin.module(tg-compile)' --dump-pass-pipeline -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=EXPANSION
// RUN: tensor-opt %s --pass-pipeline='builtin.module(tg-compile{opt-level=3 threads=2 out-params})' --dump-pass-pipeline -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LEVEL3
// RUN: tensor-opt %s --pass-pipeline='builtin.module(tg-compile{opt-level=3 threads=2})' | FileCheck %s --check-prefix=OPENMP
// RUN: not tensor-opt %s --pass-pipeline='builtin.module(tg-compile{opt-level=7})' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BADLEVEL
// Options are bounded up front: a vector of 99999999999 lanes ran LLVM out of
// memory, 65536 lanes ran for minutes, 100000 threads aborted in OpenMP.
// RUN: not tensor-opt %s --pass-pipeline='builtin.module(tg-compile{opt-level=3 vector-width=99999999999})' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BADWIDTH -DVALUE=99999999999
// RUN: not tensor-opt %s --pass-pipeline='builtin.module(tg-compile{opt-level=3 vector-width=65536})' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BADWIDTH -DVALUE=65536
// RUN: not tensor-opt %s --pass-pipeline='builtin.module(tg-compile{opt-level=3 threads=100000})' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BADTHREADS
// RUN: not tensor-opt %s --pass-pipeline='builtin.module(tg-schedule{threads=0})' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SCHEDULE0
// RUN: not tensor-opt %s --pass-pipeline='builtin.module(tg-compile{opt-level=3 opt-level=0})' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=TWICE
// RUN: not tensor-opt %s --pass-pipeline='builtin.module(func.func(tg-compile))' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NESTED
// RUN: not tensor-opt %s --pass-pipeline='builtin.module(func.func(tg-schedule))' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NESTED-SCHEDULE

// CHECK-LABEL: llvm.func @main
// CHECK-NOT: tg.
// CHECK-NOT: linalg.
// CHECK-NOT: memref.
// CHECK-NOT: affine.
// CHECK-NOT: arith.
// CHECK-NOT: scf.
// CHECK-NOT: {{ cf\.}}
// CHECK: llvm.return

// LLVMIR: define void @main()

// EXPANSION: func.func(
// EXPANSION-NEXT: tg-simplify
// EXPANSION: func.func(
// EXPANSION-NEXT: tg-to-linalg
// EXPANSION: one-shot-bufferize{{.*}}bufferize-function-boundaries=true
// EXPANSION: convert-linalg-to-affine-loops
// EXPANSION-NOT: affine-loop-fusion
// EXPANSION: tg-outline-loops
// EXPANSION: reconcile-unrealized-casts

// opt-level=3: graph fusion, the generated schedule, results into caller
// buffers (out-params), and OpenMP for threads > 1.
// LEVEL3: tg-simplify
// LEVEL3: tg-fuse
// LEVEL3: tg-to-linalg
// LEVEL3: linalg-fuse-elementwise-ops
// LEVEL3: tg-schedule
// LEVEL3: one-shot-bufferize
// LEVEL3: buffer-results-to-out-params{{.*}}hoist-static-allocs=true{{.*}}modify-public-functions=true
// LEVEL3: scf-forall-to-parallel
// LEVEL3: convert-scf-to-openmp{{.*}}num-threads=2
// LEVEL3: tg-outline-loops
// LEVEL3: convert-vector-to-llvm
// LEVEL3: convert-openmp-to-llvm
// LEVEL3: reconcile-unrealized-casts

// OPENMP-LABEL: llvm.func @main
// OPENMP-NOT: linalg.
// OPENMP-NOT: vector.

// BADLEVEL: error: option 'opt-level' of 'tg-compile' expects an integer from 0 to 3, got '7'
// BADWIDTH: error: option 'vector-width' of 'tg-compile' expects an integer from 0 to 64, got '[[VALUE]]'
// BADTHREADS: error: option 'threads' of 'tg-compile' expects an integer from 1 to 1024, got '100000'
// SCHEDULE0: error: option 'threads' of 'tg-schedule' expects an integer from 1 to 1024, got '0'
// TWICE: <pass-pipeline>:1:39: error: option 'opt-level' of 'tg-compile' is given twice
// TWICE: help: keep one of 'opt-level=3' and 'opt-level=0'
// NESTED: <pass-pipeline>:1:26: error: 'tg-compile' runs on 'builtin.module' and cannot run inside 'func.func'
// NESTED-SCHEDULE: error: 'tg-schedule' runs on 'builtin.module' and cannot run inside 'func.func'

func.func @main() {
  %x = tg.constant dense<[[1.0, -2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %w = tg.constant dense<0.5> : tensor<2x2xf32>
  %m = tg.matmul %x, %w : tensor<2x2xf32>, tensor<2x2xf32>
  %r = tg.relu %m : tensor<2x2xf32>
  %s = tg.softmax %r axis 1 : tensor<2x2xf32>
  return
}
