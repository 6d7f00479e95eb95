// --random-inputs SEED: the same seed gives the same inputs on every run
// and build (floats uniform in [-1, 1), ints in [-4, 4]); another seed other
// inputs. @main returns its arguments, so the inputs themselves are seen.

// RUN: rm -rf %t && mkdir -p %t
// RUN: tensor-run %s --random-inputs 7 -o %t/a0.npy -o %t/a1.npy -o %t/a2.npy -o %t/a3.npy
// RUN: tensor-run %s --random-inputs 7 -o %t/b0.npy -o %t/b1.npy -o %t/b2.npy -o %t/b3.npy
// RUN: tensor-run %s --random-inputs 8 -o %t/c0.npy -o %t/c1.npy -o %t/c2.npy -o %t/c3.npy
// RUN: %python -c "import numpy as np; \
// RUN:   a, b, c = ([np.load('%t/%%s%%d.npy' %% (p, i)) for i in range(4)] for p in 'abc'); \
// RUN:   assert all(np.array_equal(x, y) for x, y in zip(a, b)), 'same seed, different inputs'; \
// RUN:   assert not any(np.array_equal(x, y) for x, y in zip(a, c)), 'another seed, same inputs'; \
// RUN:   assert [x.dtype.name for x in a] == ['float32', 'float64', 'int32', 'int64']; \
// RUN:   assert all(((x >= -1) & (x < 1)).all() for x in a[:2]), 'floats out of [-1, 1)'; \
// RUN:   assert all(((x >= -4) & (x <= 4)).all() for x in a[2:]), 'ints out of [-4, 4]'; \
// RUN:   assert all(len(np.unique(x)) > 5 for x in a), 'not random enough'; \
// RUN:   print('random ok')" | FileCheck %s
// CHECK: random ok

// The generator is ChaCha8 with a fixed mapping: these values never change.
// RUN: tensor-run %s --random-inputs 0 | FileCheck %s --check-prefix=STABLE
// STABLE: result #0: tensor<64xf32> (64 elements)
// STABLE-NEXT: min -0.9074589 max 0.9848677 mean 0.196642
// STABLE-NEXT: first [0.30939424, 0.41815078, 0.45973969, -0.0681566, 0.014729261, 0.39828646, 0.12193394, -0.87965775]

func.func @main(%f: tensor<64xf32>, %d: tensor<8x8xf64>, %i: tensor<64xi32>, %l: tensor<2x32xi64>)
    -> (tensor<64xf32>, tensor<8x8xf64>, tensor<64xi32>, tensor<2x32xi64>) {
  return %f, %d, %i, %l : tensor<64xf32>, tensor<8x8xf64>, tensor<64xi32>, tensor<2x32xi64>
}
