// A graph input the importer needs as a constant (Reshape's shape, as
// ONNX's node tests pass it) is an error that says how to give it; given
// with --constant-input NAME=FILE.pb (a TensorProto) it folds at import and
// is no argument of @main; tensor-run takes it the same way.

// RUN: not tensor-translate --import-onnx %inputs/reshape.onnx 2>&1 | FileCheck %s --check-prefix=NEEDED
// NEEDED: error: {{.*}}reshape.onnx: node 'reshape' (Reshape): input 'shape' must be a constant (an initializer or a Constant), or given: --constant-input shape=FILE.pb to be imported

// RUN: tensor-translate --import-onnx %inputs/reshape.onnx --constant-input shape=%inputs/reshape-shape.pb | FileCheck %s
// CHECK: func.func @main(%arg0: tensor<2x3x4xf32>) -> tensor<4x6xf32>
// CHECK: tg.reshape %arg0 : tensor<2x3x4xf32> to tensor<4x6xf32>

// RUN: not tensor-translate --import-onnx %inputs/reshape.onnx --constant-input nothere=%inputs/reshape-shape.pb 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: error: {{.*}}--constant-input 'nothere': the graph has no input of that name
// RUN: not tensor-translate --import-onnx %inputs/reshape.onnx --constant-input shape 2>&1 | FileCheck %s --check-prefix=SYNTAX
// SYNTAX: error: --constant-input 'shape' is not NAME=FILE.pb
// RUN: not tensor-translate --import-onnx %inputs/reshape.onnx --constant-input shape=%inputs/missing.pb 2>&1 | FileCheck %s --check-prefix=NOFILE
// NOFILE: error: --constant-input shape: cannot read '{{.*}}missing.pb'
