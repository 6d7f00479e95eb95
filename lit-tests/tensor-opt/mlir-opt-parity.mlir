// tensor-opt prints byte for byte what mlir-opt (LLVM 22) prints for the same
// upstream input and pipeline: here the linalg Conv2d -> Transpose -> batched
// Matmul workload of shared/examples, lowered to affine loops and fused.

// RUN: tensor-opt %shared_examples/convmatmul.linalg.mlir \
// RUN:   --pass-pipeline='builtin.module(convert-linalg-to-affine-loops,func.func(affine-loop-fusion))' -o %t.ours
// RUN: diff %shared_examples/convmatmul.affine-fused.expected.mlir %t.ours
// RUN: %mlir_opt %shared_examples/convmatmul.linalg.mlir \
// RUN:   --pass-pipeline='builtin.module(convert-linalg-to-affine-loops,func.func(affine-loop-fusion))' -o %t.theirs
// RUN: diff %t.theirs %t.ours
