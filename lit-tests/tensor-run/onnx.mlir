// tensor-run runs an ONNX model directly (imported as tensor-translate
// --import-onnx does), compiled or with --reference; --input-shape fixes a
// symbolic dimension; import errors name the input or node, exit 1.
// RUN: tensor-run %S/../tensor-translate/Inputs/mlp.onnx --input-shape x=3x4 --random-inputs 7 -o %t.jit.npy
// RUN: tensor-run %S/../tensor-translate/Inputs/mlp.onnx --input-shape x=3x4 --random-inputs 7 -o %t.ref.npy --reference
// RUN: %python %inputs/compare.py %t.jit.npy %t.ref.npy 1e-5 | FileCheck %s
// RUN: tensor-run %S/../tensor-translate/Inputs/mlp.onnx --input-shape x=3x4 --random-inputs 7 | FileCheck %s --check-prefix=PRINT
// RUN: not tensor-run %S/../tensor-translate/Inputs/mlp.onnx --random-inputs 7 2>&1 | FileCheck %s --check-prefix=SYMBOLIC
// RUN: not tensor-run %S/../tensor-translate/Inputs/mlp.onnx --input-shape x=3 --random-inputs 7 2>&1 | FileCheck %s --check-prefix=RANK

// CHECK: match: float32 (3, 8)
// PRINT: result #0: tensor<3x8xf32> (24 elements)
// SYMBOLIC: tensor-run: error: {{.*}}mlp.onnx: input 'x': dimension 'N' is symbolic: give the shape with --input-shape x=...
// RANK: tensor-run: error: {{.*}}mlp.onnx: input 'x': --input-shape gives 1 dimensions; the model declares 2
