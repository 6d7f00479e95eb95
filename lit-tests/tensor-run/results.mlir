// Results of every element type and of rank 0, several per function, a
// constant and an argument returned as is: --print summarizes each, -o
// writes each to its .npy file (atomically: no temporary file stays), and
// the reference interpreter agrees. Without -o or --bench, results print.

// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/a.npy', np.array([[1, 2], [3, 4]], np.float32)); np.save('%t/n.npy', np.array([-2, 0, 3], np.int32)); np.save('%t/s.npy', np.array(7, np.int64)); np.save('%t/d.npy', np.array([0.5, 0.25]))"
// RUN: tensor-run %s --input %t/a.npy --input %t/n.npy --input %t/s.npy --input %t/d.npy > %t/jit.txt
// RUN: FileCheck %s < %t/jit.txt
// RUN: tensor-run %s --reference --input %t/a.npy --input %t/n.npy --input %t/s.npy --input %t/d.npy > %t/ref.txt
// RUN: diff %t/jit.txt %t/ref.txt

// CHECK:      result #0: tensor<2x2xf32> (4 elements)
// CHECK-NEXT:   min 7 max 22 mean 13.5
// CHECK-NEXT:   first [7, 10, 15, 22]
// CHECK-NEXT: result #1: tensor<3xi32> (3 elements)
// CHECK-NEXT:   min 0 max 9 mean 4.33333
// CHECK-NEXT:   first [4, 0, 9]
// CHECK-NEXT: result #2: tensor<i64> (1 element)
// CHECK-NEXT:   min 7 max 7 mean 7
// CHECK-NEXT:   first [7]
// CHECK-NEXT: result #3: tensor<2xf32> (2 elements)
// CHECK-NEXT:   min -2.5 max 1.5 mean -0.5
// CHECK-NEXT:   first [1.5, -2.5]
// CHECK-NEXT: result #4: tensor<2xf64> (2 elements)
// CHECK-NEXT:   min 0.25 max 0.5 mean 0.375
// CHECK-NEXT:   first [0.5, 0.25]
// CHECK-NOT: result

// -o: one file per result, nothing printed unless --print asks.
// RUN: tensor-run %s --input %t/a.npy --input %t/n.npy --input %t/s.npy --input %t/d.npy -o %t/r0.npy -o %t/r1.npy -o %t/r2.npy -o %t/r3.npy -o %t/r4.npy | count 0
// RUN: %python -c "import numpy as np; r = [np.load('%t/r%%d.npy' %% i) for i in range(5)]; print([(x.dtype.name, x.shape, x.tolist()) for x in r])" | FileCheck %s --check-prefix=NPY
// NPY: [('float32', (2, 2), {{\[\[}}7.0, 10.0], [15.0, 22.0]]), ('int32', (3,), [4, 0, 9]), ('int64', (), 7), ('float32', (2,), [1.5, -2.5]), ('float64', (2,), [0.5, 0.25])]
// RUN: ls -a %t | FileCheck %s --check-prefix=NOTEMP --implicit-check-not=.tmp
// NOTEMP: r4.npy

// An existing output is replaced whole.
// RUN: echo stale > %t/r0.npy
// RUN: tensor-run %s --input %t/a.npy --input %t/n.npy --input %t/s.npy --input %t/d.npy -o %t/r0.npy -o %t/r1.npy -o %t/r2.npy -o %t/r3.npy -o %t/r4.npy --print | FileCheck %s
// RUN: %python %inputs/compare.py %t/r0.npy %t/r0.npy | FileCheck %s --check-prefix=R0
// R0: match: float32 (2, 2)

// The input may come from standard input.
// RUN: cat %s | tensor-run - --input %t/a.npy --input %t/n.npy --input %t/s.npy --input %t/d.npy | FileCheck %s

func.func @main(%a: tensor<2x2xf32>, %n: tensor<3xi32>, %s: tensor<i64>, %d: tensor<2xf64>)
    -> (tensor<2x2xf32>, tensor<3xi32>, tensor<i64>, tensor<2xf32>, tensor<2xf64>) {
  %0 = tg.matmul %a, %a : tensor<2x2xf32>, tensor<2x2xf32>
  %1 = tg.mul %n, %n : tensor<3xi32>, tensor<3xi32>
  %c = tg.constant dense<[1.5, -2.5]> : tensor<2xf32>
  return %0, %1, %s, %c, %d : tensor<2x2xf32>, tensor<3xi32>, tensor<i64>, tensor<2xf32>, tensor<2xf64>
}

// Outputs are written all or none: a second -o that cannot be written
// leaves the first file as it was.
// RUN: echo keep > %t/keep.npy
// RUN: not tensor-run %s --random-inputs 1 -o %t/keep.npy -o %t/r1.npy -o %t/r2.npy -o %t/r3.npy -o %t/no-such-dir/b.npy 2>&1 | FileCheck %s --check-prefix=ALLORNONE
// ALLORNONE: error: cannot write '{{.*}}no-such-dir/b.npy': No such file or directory (os error 2); no output file was changed
// RUN: echo keep | cmp - %t/keep.npy

// -o to a device writes to it instead of replacing it with a regular file.
// RUN: tensor-run %s --random-inputs 1 -o /dev/null -o /dev/null -o /dev/null -o /dev/null -o /dev/null
// RUN: test -c /dev/null
