// Gemm with transB=1 on a constant weight: the weight is transposed once, at
// import, not by a tg.transpose at every call.
// RUN: tensor-translate --import-onnx %inputs/gemm-transb.onnx | FileCheck %s
// CHECK-NOT: tg.constant {{.*}} tensor<3x2xf32>
// CHECK: %[[W:.*]] = tg.constant dense<{{\[\[}}0.000000e+00, 2.000000e+00, 4.000000e+00], [1.000000e+00, 3.000000e+00, 5.000000e+00]]> : tensor<2x3xf32>
// CHECK-NOT: tg.transpose
// CHECK: tg.matmul %arg0, %[[W]] : tensor<1x2xf32>, tensor<2x3xf32>
