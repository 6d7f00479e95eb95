// RUN: tensor-opt %s --tg-outline-loops --split-input-file | FileCheck %s
// RUN: tensor-opt %s --tg-outline-loops --split-input-file --mlir-print-op-generic | tensor-opt --split-input-file | FileCheck %s
// RUN: tensor-opt %s --split-input-file --pass-pipeline='builtin.module(tg-outline-loops,canonicalize,convert-scf-to-cf,convert-to-llvm)' | FileCheck %s --check-prefix=LLVM

// In tg-compile (opt-level >= 1; `outline=false` turns it off): each nest a
// noinline function of internal linkage in the LLVM IR, and the results unchanged.
// RUN: tensor-opt %S/Inputs/two-nests.mlir --tg-compile=opt-level=3 | mlir-translate --mlir-to-llvmir \
// RUN:   | FileCheck %s --check-prefix=COMPILED
// RUN: tensor-opt %S/Inputs/two-nests.mlir --tg-compile=opt-level=1 | mlir-translate --mlir-to-llvmir \
// RUN:   | FileCheck %s --check-prefix=COMPILED
// RUN: tensor-opt %S/Inputs/two-nests.mlir --pass-pipeline='builtin.module(tg-compile{opt-level=3 outline=false})' \
// RUN:   | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=WHOLE
// RUN: tensor-opt %S/Inputs/two-nests.mlir --tg-compile=opt-level=0 | mlir-translate --mlir-to-llvmir \
// RUN:   | FileCheck %s --check-prefix=WHOLE
// COMPILED: define internal void @main_nest({{.*}}) #[[NOINLINE:[0-9]+]]
// COMPILED: define internal void @main_nest_0(
// COMPILED: define {{.*}} @main(
// COMPILED: call void @main_nest(
// COMPILED: attributes #[[NOINLINE]] = { noinline }
// WHOLE-NOT: define internal
// WHOLE: define {{.*}} @main(
// WHOLE-NOT: call void @main_nest

// Two top-level loops: each moves into a private noinline function with
// internal linkage, the values it uses defined outside become arguments
// (index constants of its bounds are cloned in), and the loop becomes a call
// (in an scf.execute_region, which canonicalize inlines).
// CHECK-LABEL: func.func private @twice_nest(
// CHECK-SAME: %[[A:.*]]: memref<16xf32>, %[[C:.*]]: f32, %[[B:.*]]: memref<16xf32>
// CHECK-SAME: attributes {llvm.linkage = #llvm.linkage<internal>, passthrough = ["noinline"]}
// CHECK: scf.for
// CHECK: arith.mulf %{{.*}}, %[[C]]
// CHECK-NOT: tg.outline
// CHECK-LABEL: func.func private @twice_nest_0(
// CHECK: arith.addf
// CHECK-LABEL: func.func @twice(
// CHECK-NOT: scf.for
// CHECK: call @twice_nest(
// CHECK: call @twice_nest_0(
// CHECK-NOT: scf.for
// CHECK: return

// LLVM: llvm.func internal @twice_nest({{.*}}) attributes {{{.*}}passthrough = ["noinline"]
// LLVM: llvm.func internal @twice_nest_0(
// LLVM: llvm.func @twice(
// LLVM: llvm.call @twice_nest(
// LLVM: llvm.call @twice_nest_0(
func.func @twice(%a: memref<16xf32>, %b: memref<16xf32>) {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c1 = arith.constant 1 : index
  %cst = arith.constant 2.0 : f32
  scf.for %i = %c0 to %c16 step %c1 {
    %x = memref.load %a[%i] : memref<16xf32>
    %y = arith.mulf %x, %cst : f32
    memref.store %y, %b[%i] : memref<16xf32>
  }
  scf.for %i = %c0 to %c16 step %c1 {
    %x = memref.load %b[%i] : memref<16xf32>
    %y = arith.addf %x, %cst : f32
    memref.store %y, %a[%i] : memref<16xf32>
  }
  return
}

// -----

// A loop with a result: the outlined function returns it.
// CHECK-LABEL: func.func private @sum_nest(
// CHECK-SAME: -> f32
// CHECK: %[[R:.*]] = scf.for
// CHECK: return %[[R]] : f32
// CHECK-LABEL: func.func @sum(
// CHECK: %[[S:.*]] = scf.execute_region -> f32
// CHECK-NEXT: %[[R:.*]] = func.call @sum_nest(
// CHECK-NEXT: scf.yield %[[R]] : f32
// CHECK: call @sum_nest_0(
// CHECK: return %[[S]] : f32
func.func @sum(%a: memref<16xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %s = scf.for %i = %c0 to %c16 step %c1 iter_args(%acc = %zero) -> f32 {
    %x = memref.load %a[%i] : memref<16xf32>
    %y = arith.addf %acc, %x : f32
    scf.yield %y : f32
  }
  scf.for %i = %c0 to %c16 step %c1 {
    memref.store %s, %a[%i] : memref<16xf32>
  }
  return %s : f32
}

// -----

// One top-level loop (nested loops do not count): nothing to gain, nothing changes.
// CHECK-LABEL: func.func @once(
// CHECK-NOT: call
// CHECK: scf.for
// CHECK: scf.for
// CHECK-NOT: call
// CHECK: return
func.func @once(%a: memref<4x4xf32>) {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c1 = arith.constant 1 : index
  %cst = arith.constant 1.0 : f32
  scf.for %i = %c0 to %c4 step %c1 {
    scf.for %j = %c0 to %c4 step %c1 {
      memref.store %cst, %a[%i, %j] : memref<4x4xf32>
    }
  }
  return
}
