// A forward reference to result 2147483648 made MLIR's parser allocate that
// many results and abort (mlir-opt too): it is a located error, exit 1.

// RUN: not tensor-opt %s 2>&1 | FileCheck %s
// CHECK: huge-result-number.mlir:[[# @LINE + 4]]:10: error: result number 2147483648 is out of range (at most 1048576)
// CHECK-NOT: internal error

func.func @main() -> tensor<f32> {
  return %r#2147483648 : tensor<f32>
}
