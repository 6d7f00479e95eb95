// tg-distinct-results: a buffer returned twice is returned once and copied
// once, so buffer-results-to-out-params{hoist-static-allocs} (which crashes
// on a repeated buffer in LLVM 22.1) gets distinct buffers.

// RUN: tensor-opt %s --pass-pipeline='builtin.module(func.func(tg-distinct-results))' | FileCheck %s
// RUN: tensor-opt %s --pass-pipeline='builtin.module(func.func(tg-distinct-results),buffer-results-to-out-params{hoist-static-allocs=true modify-public-functions=true})' \
// RUN:   | FileCheck %s --check-prefix=OUT

// Each repeat gets its own copy.
// CHECK-LABEL: func.func @twice
// CHECK: %[[A:.*]] = memref.alloc() : memref<4xf32>
// CHECK: %[[COPY1:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT: memref.copy %[[A]], %[[COPY1]] : memref<4xf32> to memref<4xf32>
// CHECK-NEXT: %[[COPY2:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT: memref.copy %[[A]], %[[COPY2]] : memref<4xf32> to memref<4xf32>
// CHECK-NEXT: return %[[A]], %[[COPY1]], %arg0, %[[COPY2]] :
// CHECK-LABEL: func.func @distinct
// OUT-LABEL: func.func @twice(%arg0: memref<4xf32>, %arg1: memref<4xf32>, %arg2: memref<4xf32>
func.func @twice(%x: memref<4xf32>) -> (memref<4xf32>, memref<4xf32>, memref<4xf32>, memref<4xf32>) {
  %a = memref.alloc() : memref<4xf32>
  memref.copy %x, %a : memref<4xf32> to memref<4xf32>
  return %a, %a, %x, %a : memref<4xf32>, memref<4xf32>, memref<4xf32>, memref<4xf32>
}

// Nothing repeated: unchanged.
// CHECK-NEXT: return %arg0, %arg1 :
func.func @distinct(%x: memref<4xf32>, %y: memref<4xf32>) -> (memref<4xf32>, memref<4xf32>) {
  return %x, %y : memref<4xf32>, memref<4xf32>
}
