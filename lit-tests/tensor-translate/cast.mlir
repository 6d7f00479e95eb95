// Cast (to `to`) and CastLike (to the second input's element type) become
// tg.cast (folded on constants, the identity to the same type); a cast to a
// type tg lacks is a located error, exit 1.
// RUN: tensor-translate --import-onnx %inputs/cast.onnx | FileCheck %s
// CHECK: func.func @main(%arg0: tensor<2x3xf32>) -> (tensor<2x3xi32>, tensor<2x3xf32>)
// CHECK: %[[I:.*]] = tg.cast %arg0 : tensor<2x3xf32> to tensor<2x3xi32>
// CHECK: %[[Y:.*]] = tg.cast %[[I]] : tensor<2x3xi32> to tensor<2x3xf32>
// CHECK: return %[[I]], %[[Y]]
// RUN: not tensor-translate --import-onnx %inputs/cast-half.onnx 2>&1 | FileCheck %s --check-prefix=HALF
// HALF: error: {{.*}}cast-half.onnx: node 'to_half' (Cast): casting to element type FLOAT16 is not supported
