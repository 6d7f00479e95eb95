// A large weight (512 values, not a splat) is imported as a dense_resource
// blob named after its initializer: the IR stays readable, the bytes are
// printed once in the file's dialect_resources section, and the text
// round-trips through tensor-opt (text and bytecode). tensor-run compiles and
// interprets it to the same values (../tensor-run/onnx.mlir).
// RUN: tensor-translate --import-onnx %inputs/wide.onnx | FileCheck %s
// RUN: tensor-translate --import-onnx %inputs/wide.onnx | tensor-opt | FileCheck %s
// RUN: tensor-translate --import-onnx %inputs/wide.onnx --emit-bytecode | tensor-opt | FileCheck %s
// The same weight stored as external data (a file beside the model) is read
// from there: the same IR. A location outside the model's directory is refused.
// RUN: tensor-translate --import-onnx %inputs/wide-external.onnx | FileCheck %s
// RUN: tensor-translate --import-onnx %inputs/wide.onnx > %t.inline.mlir
// RUN: tensor-translate --import-onnx %inputs/wide-external.onnx > %t.external.mlir
// RUN: diff %t.inline.mlir %t.external.mlir
// RUN: not tensor-translate --import-onnx %inputs/wide-escape.onnx 2>&1 | FileCheck %s --check-prefix=ESCAPE

// CHECK: tg.constant dense_resource<fc_W> : tensor<32x16xf32>
// The 16-value bias stays inline.
// CHECK: tg.constant dense<{{.*}}> : tensor<16xf32>
// CHECK: {-#
// CHECK: dialect_resources: {
// CHECK: builtin: {
// CHECK: fc_W: "0x04000000
// ESCAPE: tensor-translate: error: {{.*}}wide-escape.onnx: initializer 'fc.W': its external data location '../wide-external.data' is not a path inside the model's directory

// A channels-last convolution's filter blob is transposed once, at compile
// time (a new blob), not by a linalg.generic at every call (compiled =
// interpreted: tensor-run/onnx.mlir).
// RUN: tensor-translate --import-onnx %inputs/conv-weights.onnx \
// RUN:   | tensor-opt --pass-pipeline='builtin.module(func.func(tg-to-linalg{conv-channels-last}))' | FileCheck %s --check-prefix=FILTER
// FILTER: %[[HWCF:.*]] = arith.constant dense_resource<transposed> : tensor<3x3x4x8xf32>
// FILTER: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%{{.*}}, %[[HWCF]] : tensor<1x8x8x4xf32>, tensor<3x3x4x8xf32>)
// FILTER-NOT: ins(%cst : tensor<8x4x3x3xf32>)
