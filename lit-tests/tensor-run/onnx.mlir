// tensor-run runs an ONNX model directly (imported as tensor-translate
// --import-onnx does), compiled or with --reference; --input-shape fixes a
// symbolic dimension; inputs come as .npy or as ONNX TensorProto (.pb, the
// format of ONNX's test data), checked against the argument; import errors
// name the input or node, exit 1.
// RUN: tensor-run %S/../tensor-translate/Inputs/mlp.onnx --input-shape x=3x4 --random-inputs 7 -o %t.jit.npy
// RUN: tensor-run %S/../tensor-translate/Inputs/mlp.onnx --input-shape x=3x4 --random-inputs 7 -o %t.ref.npy --reference
// RUN: %python %inputs/compare.py %t.jit.npy %t.ref.npy 1e-5 | FileCheck %s
// RUN: tensor-run %S/../tensor-translate/Inputs/mlp.onnx --input-shape x=3x4 --random-inputs 7 | FileCheck %s --check-prefix=PRINT
// A model whose weight is imported as a dense_resource blob: compiled and
// interpreted alike.
// RUN: tensor-run %S/../tensor-translate/Inputs/wide.onnx --random-inputs 3 -o %t.wide.jit.npy
// RUN: tensor-run %S/../tensor-translate/Inputs/wide.onnx --random-inputs 3 -o %t.wide.ref.npy --reference
// RUN: %python %inputs/compare.py %t.wide.jit.npy %t.wide.ref.npy 1e-5 | FileCheck %s --check-prefix=WIDE
// RUN: tensor-run %S/../tensor-translate/Inputs/mlp.onnx --input-shape x=3x4 --input %S/Inputs/mlp-x.pb -o %t.pb.npy
// RUN: tensor-run %S/../tensor-translate/Inputs/mlp.onnx --input-shape x=3x4 --input %S/Inputs/mlp-x.npy -o %t.npy.npy
// RUN: %python %inputs/compare.py %t.pb.npy %t.npy.npy 0 | FileCheck %s
// RUN: not tensor-run %S/../tensor-translate/Inputs/mlp.onnx --input-shape x=3x4 --input %S/Inputs/mlp-x-f64.pb 2>&1 | FileCheck %s --check-prefix=PB-TYPE
// RUN: not tensor-run %S/../tensor-translate/Inputs/mlp.onnx --input-shape x=3x4 --input %S/Inputs/README.md 2>&1 | FileCheck %s --check-prefix=PB-BAD
// RUN: not tensor-run %S/../tensor-translate/Inputs/mlp.onnx --random-inputs 7 2>&1 | FileCheck %s --check-prefix=SYMBOLIC
// RUN: not tensor-run %S/../tensor-translate/Inputs/mlp.onnx --input-shape x=3 --random-inputs 7 2>&1 | FileCheck %s --check-prefix=RANK

// CHECK: match: float32 (3, 8)
// PRINT: result #0: tensor<3x8xf32> (24 elements)
// WIDE: match: float32 (2, 16)
// PB-TYPE: tensor-run: error: argument #0 of @main expects tensor<3x4xf32>, but '{{.*}}mlp-x-f64.pb' holds tensor<3x4xf64>
// PB-BAD: tensor-run: error: argument #0 of @main (tensor<3x4xf32>): '{{.*}}README.md' is not a valid .npy file
// SYMBOLIC: tensor-run: error: {{.*}}mlp.onnx: input 'x': dimension 'N' is symbolic: give the shape with --input-shape x=...
// RANK: tensor-run: error: {{.*}}mlp.onnx: input 'x': --input-shape gives 1 dimensions; the model declares 2

// A graph input given its value at import (--constant-input): the others
// are the inputs.
// RUN: tensor-run %S/../tensor-translate/Inputs/reshape.onnx --constant-input shape=%S/../tensor-translate/Inputs/reshape-shape.pb --random-inputs 1 --print | FileCheck %s --check-prefix=CONSTANT
// CONSTANT: result #0: tensor<4x6xf32> (24 elements)

// A convolution whose filter is a dense_resource blob (transposed at compile
// time for the channels-last convolution): compiled = interpreted.
// RUN: tensor-run %S/../tensor-translate/Inputs/conv-weights.onnx --random-inputs 5 -o %t.convw.jit.npy
// RUN: tensor-run %S/../tensor-translate/Inputs/conv-weights.onnx --random-inputs 5 -o %t.convw.ref.npy --reference
// RUN: %python %inputs/compare.py %t.convw.jit.npy %t.convw.ref.npy 1e-5 | FileCheck %s --check-prefix=CONVW
// CONVW: match: float32 (1, 8, 6, 6)
