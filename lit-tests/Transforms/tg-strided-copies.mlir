// RUN: tensor-opt %s --tg-strided-copies | FileCheck %s

// A copy between strided views becomes a linalg.copy (loops, not a call of
// memrefCopy); a copy between identity-layout buffers (a memcpy) stays.
// CHECK-LABEL: func.func @copies
// CHECK: linalg.copy ins(%{{.*}} : memref<4x2xf32, strided<[8, 1], offset: 2>>) outs(%{{.*}} : memref<4x2xf32, strided<[4, 1], offset: 1>>)
// CHECK-NOT: memref.copy %{{.*}} : memref<4x2xf32, strided
// CHECK: memref.copy %arg2, %arg3 : memref<4x8xf32> to memref<4x8xf32>
func.func @copies(%a: memref<4x8xf32>, %b: memref<4x4xf32>, %c: memref<4x8xf32>, %d: memref<4x8xf32>) {
  %s = memref.subview %a[0, 2] [4, 2] [1, 1] : memref<4x8xf32> to memref<4x2xf32, strided<[8, 1], offset: 2>>
  %t = memref.subview %b[0, 1] [4, 2] [1, 1] : memref<4x4xf32> to memref<4x2xf32, strided<[4, 1], offset: 1>>
  memref.copy %s, %t : memref<4x2xf32, strided<[8, 1], offset: 2>> to memref<4x2xf32, strided<[4, 1], offset: 1>>
  memref.copy %c, %d : memref<4x8xf32> to memref<4x8xf32>
  return
}
