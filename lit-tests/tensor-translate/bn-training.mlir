// BatchNormalization with training_mode=1: normalized by the batch's own
// statistics (mean and population variance over every axis but the
// channels), and its running statistics updated by momentum:
// running = input * momentum + batch * (1 - momentum). (tensor-run of this
// model matches onnx's reference evaluator to 3e-7; the node tests check
// the values.)
// RUN: tensor-translate --import-onnx %inputs/bn-training.onnx | FileCheck %s
// CHECK: func.func @main(%[[X:.*]]: tensor<2x3x4x5xf32>, %{{.*}}: tensor<3xf32>, %{{.*}}: tensor<3xf32>, %[[MEAN:.*]]: tensor<3xf32>, %[[VAR:.*]]: tensor<3xf32>) -> (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>)
// CHECK: %[[M:.*]] = tg.reduce_mean %[[X]] axes [0, 2, 3] keepdims
// CHECK: %[[C:.*]] = tg.sub %[[X]], %[[M]]
// CHECK: %[[SQ:.*]] = tg.mul %[[C]], %[[C]]
// CHECK: %[[V:.*]] = tg.reduce_mean %[[SQ]] axes [0, 2, 3] keepdims
// CHECK: %[[Y:.*]] = tg.add %{{.*}}, %{{.*}} : tensor<2x3x4x5xf32>, tensor<3x1x1xf32>
// CHECK: %[[BM:.*]] = tg.reshape %[[M]] : tensor<1x3x1x1xf32> to tensor<3xf32>
// CHECK: %[[MOM:.*]] = tg.constant dense<8.000000e-01>
// CHECK: %[[REST:.*]] = tg.constant dense<0.199999988>
// CHECK: %[[KEPT:.*]] = tg.mul %[[MEAN]], %[[MOM]]
// CHECK: %[[TAKEN:.*]] = tg.mul %[[BM]], %[[REST]]
// CHECK: %[[RM:.*]] = tg.add %[[KEPT]], %[[TAKEN]]
// CHECK: %[[BV:.*]] = tg.reshape %[[V]] : tensor<1x3x1x1xf32> to tensor<3xf32>
// CHECK: tg.mul %[[VAR]]
// CHECK: %[[RV:.*]] = tg.add
// CHECK: return %[[Y]], %[[RM]], %[[RV]]
