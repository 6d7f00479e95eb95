// tensor-translate --import-onnx: an ONNX model as a func.func @main in tg,
// each op located at its node's name; inference-only ops gone; Reshape's
// shape folded; a symbolic dimension fixed with --input-shape.
// RUN: tensor-translate --import-onnx %inputs/mlp.onnx --input-shape x=2x4 | FileCheck %s
// RUN: tensor-translate --import-onnx %inputs/mlp.onnx --input-shape x=2x4 --mlir-print-debuginfo | FileCheck %s --check-prefix=LOC
// RUN: tensor-translate --import-onnx %inputs/mlp.onnx --input-shape x=2x4 | tensor-opt --tg-compile | FileCheck %s --check-prefix=COMPILED
// RUN: not tensor-translate --import-onnx %inputs/mlp.onnx 2>&1 | FileCheck %s --check-prefix=SYMBOLIC
// RUN: not tensor-translate --import-onnx %inputs/mlp.onnx --input-shape x=2x0 2>&1 | FileCheck %s --check-prefix=BADSHAPE
// RUN: not tensor-translate --import-onnx %inputs/missing.onnx 2>&1 | FileCheck %s --check-prefix=MISSING
// An empty file and one cut after its first field decode (protobuf has no
// framing) but have no graph; one cut inside a field does not decode; a
// failed import leaves an existing output as it was.
// RUN: printf '' > %t.empty.onnx
// RUN: not tensor-translate --import-onnx %t.empty.onnx 2>&1 | FileCheck %s --check-prefix=EMPTY
// RUN: head -c 2 %inputs/mlp.onnx > %t.cut.onnx
// RUN: not tensor-translate --import-onnx %t.cut.onnx 2>&1 | FileCheck %s --check-prefix=EMPTY
// RUN: head -c 100 %inputs/mlp.onnx > %t.torn.onnx
// RUN: echo kept > %t.out
// RUN: not tensor-translate --import-onnx %t.torn.onnx -o %t.out 2>&1 | FileCheck %s --check-prefix=TORN
// RUN: FileCheck %s --check-prefix=KEPT < %t.out

// CHECK-LABEL: func.func @main(%arg0: tensor<2x4xf32>) -> tensor<2x8xf32>
// CHECK:         %[[W:.*]] = tg.constant dense<{{.*}}> : tensor<4x8xf32>
// CHECK:         %[[MM:.*]] = tg.matmul %arg0, %[[W]] : tensor<2x4xf32>, tensor<4x8xf32>
// CHECK:         %[[B:.*]] = tg.constant dense<{{.*}}> : tensor<8xf32>
// CHECK:         %[[ADD:.*]] = tg.add %[[MM]], %[[B]] : tensor<2x8xf32>, tensor<8xf32>
// CHECK:         %[[RELU:.*]] = tg.relu %[[ADD]] : tensor<2x8xf32>
// CHECK-NOT:     dropout
// CHECK:         %[[FLAT:.*]] = tg.reshape %[[RELU]] : tensor<2x8xf32> to tensor<2x8xf32>
// CHECK:         %[[Y:.*]] = tg.softmax %[[FLAT]] axis 1 : tensor<2x8xf32>
// CHECK:         return %[[Y]] : tensor<2x8xf32>

// LOC:         tg.matmul {{.*}} loc([[FC1:#loc[0-9]+]])
// LOC:         tg.add {{.*}} loc([[FC1]])
// LOC:         tg.relu {{.*}} loc([[ACT1:#loc[0-9]+]])
// LOC:         tg.reshape {{.*}} loc([[FLATTEN:#loc[0-9]+]])
// LOC:         tg.softmax {{.*}} loc([[PROB:#loc[0-9]+]])
// LOC-DAG:     [[FC1]] = loc("fc1")
// LOC-DAG:     [[ACT1]] = loc("act1")
// LOC-DAG:     [[FLATTEN]] = loc("flatten")
// LOC-DAG:     [[PROB]] = loc("prob")

// COMPILED:    llvm.func @main

// SYMBOLIC:    tensor-translate: error: {{.*}}mlp.onnx: input 'x': dimension 'N' is symbolic: give the shape with --input-shape x=...
// BADSHAPE:    tensor-translate: error: --input-shape 'x=2x0' is not NAME=D0xD1x... (positive sizes)
// MISSING:     tensor-translate: error: cannot read '{{.*}}missing.onnx'
// EMPTY:       tensor-translate: error: {{.*}}.onnx: the model has no graph (an empty or truncated file?)
// TORN:        tensor-translate: error: {{.*}}torn.onnx: not an ONNX model: failed to decode Protobuf message
// KEPT:        kept
