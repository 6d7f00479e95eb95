// Integer division by zero, MIN / -1 and 0 to a negative power in compiled
// code are located errors with exit code 1 (as in the interpreter), not a
// SIGFPE: tg-runtime-checks records the faulting op and tensor-run reports it.
// A failed run writes no output.

// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/a.npy', np.arange(8, dtype=np.int32).reshape(2, 4)); np.save('%t/zero.npy', np.array([1, 0, 2, 3], np.int32)); np.save('%t/ok.npy', np.array([1, -1, 2, 3], np.int32)); np.save('%t/min.npy', np.array([[1, -2**31, 2, 3], [4, 5, 6, 7]], np.int32))"
// RUN: echo keep > %t/keep.npy

// RUN: not tensor-run %s --entry div --input %t/a.npy --input %t/zero.npy -o %t/keep.npy 2>&1 | FileCheck %s --check-prefix=DIV
// RUN: echo keep | cmp - %t/keep.npy
// RUN: not tensor-run %s --entry div --input %t/a.npy --input %t/zero.npy --pipeline='builtin.module(tg-compile{opt-level=0})' 2>&1 | FileCheck %s --check-prefix=DIV
// RUN: not tensor-run %s --entry div --input %t/a.npy --input %t/zero.npy --pipeline='builtin.module(tg-compile)' 2>&1 | FileCheck %s --check-prefix=DIV
// RUN: not tensor-run %s --entry div --input %t/a.npy --input %t/zero.npy --threads 1 2>&1 | FileCheck %s --check-prefix=DIV
// RUN: not tensor-run %s --entry div --input %t/a.npy --input %t/zero.npy --threads 2 2>&1 | FileCheck %s --check-prefix=DIV
// RUN: not tensor-run %s --entry div --input %t/a.npy --input %t/zero.npy --bench 3 2>&1 | FileCheck %s --check-prefix=DIV
// DIV: runtime-errors.mlir:46:8: error: 'tg.div' op integer division by zero, or of the minimum value by -1
// DIV-NEXT: %0 = tg.div %a, %b
// DIV-NEXT: {{^}}       ^

// The interpreter says the same of the same op.
// RUN: not tensor-run %s --entry div --input %t/a.npy --input %t/zero.npy --reference 2>&1 | FileCheck %s --check-prefix=REF
// REF: 'tg.div' at {{.*}}runtime-errors.mlir:46:8: integer division by zero

// MIN / -1 overflows.
// RUN: not tensor-run %s --entry div --input %t/min.npy --input %t/ok.npy 2>&1 | FileCheck %s --check-prefix=DIV

// Defined divisions run, and agree with the interpreter.
// RUN: tensor-run %s --entry div --input %t/a.npy --input %t/ok.npy --print | FileCheck %s --check-prefix=OK
// RUN: tensor-run %s --entry div --input %t/a.npy --input %t/ok.npy --reference --print | FileCheck %s --check-prefix=OK
// OK: first [0, -1, 1, 1, 4, -5, 3, 2]

// The first faulting op is the one reported: here the pow (0 to the power
// -1), which comes before the division.
// RUN: not tensor-run %s --entry pow_then_div --input %t/zero.npy --input %t/ok.npy 2>&1 | FileCheck %s --check-prefix=POW
// RUN: not tensor-run %s --entry pow_then_div --input %t/zero.npy --input %t/ok.npy --threads 2 2>&1 | FileCheck %s --check-prefix=POW
// POW: runtime-errors.mlir:51:8: error: 'tg.pow' op integer power of 0 to a negative exponent (a division by zero)
// POW-NOT: tg.div

// Defined powers run.
// RUN: tensor-run %s --entry pow_then_div --input %t/ok.npy --input %t/ok.npy --print | FileCheck %s --check-prefix=POWOK
// RUN: tensor-run %s --entry pow_then_div --input %t/ok.npy --input %t/ok.npy --print --reference | FileCheck %s --check-prefix=POWOK
// POWOK: first [1, -1, 4, 27]

func.func @div(%a: tensor<2x4xi32>, %b: tensor<4xi32>) -> tensor<2x4xi32> {
  %0 = tg.div %a, %b : tensor<2x4xi32>, tensor<4xi32>
  return %0 : tensor<2x4xi32>
}

func.func @pow_then_div(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  %p = tg.pow %a, %b : tensor<4xi32>, tensor<4xi32>
  %z = tg.constant dense<0> : tensor<4xi32>
  %zero = tg.mul %p, %z : tensor<4xi32>, tensor<4xi32>
  %one = tg.constant dense<1> : tensor<4xi32>
  %d = tg.add %zero, %one : tensor<4xi32>, tensor<4xi32>
  %q = tg.div %p, %d : tensor<4xi32>, tensor<4xi32>
  return %q : tensor<4xi32>
}
