// A user's transform script as tg-compile's schedule (schedule=PATH): the
// program compiles with it and computes what the reference interpreter does.

// RUN: rm -rf %t && mkdir -p %t
// RUN: tensor-run %s --random-inputs 5 --reference -o %t/ref.npy
// RUN: tensor-run %s --random-inputs 5 -o %t/user.npy \
// RUN:   --pipeline='builtin.module(tg-compile{opt-level=3 schedule=%S/../Transforms/Inputs/tile-matmul.schedule.mlir})'
// RUN: %python %S/Inputs/compare.py %t/user.npy %t/ref.npy 1e-5

func.func @main(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %r = tg.matmul %a, %b : tensor<8x8xf32>, tensor<8x8xf32>
  %s = tg.relu %r : tensor<8x8xf32>
  return %s : tensor<8x8xf32>
}
