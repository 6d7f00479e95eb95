// --bench ITERS: ITERS timed runs after a warm-up; min/median/max in
// milliseconds and the compile time (pipeline and JIT), or with --json one
// JSON object. The compiled function and the reference interpreter can both
// be timed.

// RUN: tensor-run %examples/convmatmul.tg.mlir --random-inputs 1 --bench 3 | FileCheck %s
// CHECK: bench: 3 iterations: min {{[0-9]+\.[0-9]+}} ms, median {{[0-9]+\.[0-9]+}} ms, max {{[0-9]+\.[0-9]+}} ms (compiled in {{[0-9]+}} ms)
// CHECK-NOT: result

// RUN: tensor-run %examples/convmatmul.tg.mlir --random-inputs 1 --bench 3 --json \
// RUN:   | %python -c "import json, sys; d = json.load(sys.stdin); assert set(d) == {'median_ms', 'min_ms', 'max_ms', 'iters', 'compile_ms'}, d; assert d['iters'] == 3; assert 0 < d['min_ms'] <= d['median_ms'] <= d['max_ms'], d; assert d['compile_ms'] > 0, d; print('json ok')" \
// RUN:   | FileCheck %s --check-prefix=JSON
// JSON: json ok

// The interpreter compiles nothing: no compile_ms.
// RUN: tensor-run %s --reference --random-inputs 1 --bench 2 --json \
// RUN:   | %python -c "import json, sys; d = json.load(sys.stdin); assert d['iters'] == 2 and d['min_ms'] <= d['median_ms'] <= d['max_ms'] and 'compile_ms' not in d, d; print('json ok')" \
// RUN:   | FileCheck %s --check-prefix=JSON

// --print with --bench prints the results first.
// RUN: tensor-run %s --random-inputs 1 --bench 2 --print | FileCheck %s --check-prefix=BOTH
// BOTH: result #0: tensor<4x4xf32> (16 elements)
// BOTH: bench: 2 iterations:

func.func @main(%a: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %0 = tg.matmul %a, %a : tensor<4x4xf32>, tensor<4x4xf32>
  %1 = tg.relu %0 : tensor<4x4xf32>
  return %1 : tensor<4x4xf32>
}
