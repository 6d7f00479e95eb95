// The entry function (--entry, default main) and its signature: read before
// anything is lowered; it must take and return statically shaped tensors
// (or identity-layout memrefs) of f32, f64, i32 or i64.

// RUN: tensor-run %s --entry second --random-inputs 1 | FileCheck %s --check-prefix=SECOND
// SECOND: result #0: tensor<3xf32> (3 elements)
// RUN: tensor-run %s --entry nothing | FileCheck %s --check-prefix=NOTHING
// NOTHING: @nothing returned no results

// RUN: not tensor-run %s --random-inputs 1 2>&1 | FileCheck %s --check-prefix=MAIN
// MAIN: tensor-run: error: no function @main; the input defines @second, @nothing, @dynamic, @half, @scalar, @strided, @bytes, @decl, @lowered (choose one with --entry NAME)
// RUN: not tensor-run %s --entry dynamic --random-inputs 1 2>&1 | FileCheck %s --check-prefix=DYNAMIC
// DYNAMIC: tensor-run: error: argument #0 (%a) of @dynamic has type tensor<?xf32>: its shape is not static; tensor-run takes and returns statically shaped tensors of f32, f64, i32 or i64
// RUN: not tensor-run %s --entry half --random-inputs 1 2>&1 | FileCheck %s --check-prefix=HALF
// HALF: tensor-run: error: argument #0 (%h) of @half has type tensor<2xf16>: unsupported element type
// RUN: not tensor-run %s --entry scalar --random-inputs 1 2>&1 | FileCheck %s --check-prefix=SCALAR
// SCALAR: tensor-run: error: argument #0 (%x) of @scalar has type f32: not a ranked tensor
// RUN: not tensor-run %s --entry strided --random-inputs 1 2>&1 | FileCheck %s --check-prefix=STRIDED
// STRIDED: tensor-run: error: argument #0 (%m) of @strided has type memref<2x2xf32, strided<[4, 1]>>: its layout is not the identity
// RUN: not tensor-run %s --entry bytes --random-inputs 1 2>&1 | FileCheck %s --check-prefix=BYTES
// BYTES: tensor-run: error: result #0 of @bytes has type tensor<2xi8>: unsupported element type
// RUN: not tensor-run %s --entry decl --random-inputs 1 2>&1 | FileCheck %s --check-prefix=DECL
// DECL: tensor-run: error: @decl is a declaration: it has no body to run
// RUN: not tensor-run %s --entry lowered --random-inputs 1 2>&1 | FileCheck %s --check-prefix=LOWERED
// LOWERED: tensor-run: error: @lowered is already an llvm.func: its arguments no longer say their tensors' shapes and element types

// The reference interpreter runs tg only.
// RUN: not tensor-run %shared_examples/convmatmul.linalg.mlir --reference --random-inputs 1 2>&1 | FileCheck %s --check-prefix=REFERENCE
// REFERENCE: tensor-run: error: the reference interpreter cannot evaluate @main: unsupported type memref<8x3x32x32xf32>

func.func @second(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = tg.relu %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}

func.func @nothing() {
  return
}

func.func @dynamic(%a: tensor<?xf32>) -> tensor<?xf32> {
  return %a : tensor<?xf32>
}

func.func @half(%h: tensor<2xf16>) -> tensor<2xf16> {
  return %h : tensor<2xf16>
}

func.func @scalar(%x: f32) -> f32 {
  return %x : f32
}

func.func @strided(%m: memref<2x2xf32, strided<[4, 1]>>) {
  return
}

func.func @bytes() -> tensor<2xi8> {
  %c = arith.constant dense<1> : tensor<2xi8>
  return %c : tensor<2xi8>
}

func.func private @decl(tensor<2xf32>) -> tensor<2xf32>

llvm.func @lowered() {
  llvm.return
}
