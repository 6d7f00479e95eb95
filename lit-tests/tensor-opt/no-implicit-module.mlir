// RUN: tensor-opt %s --split-input-file --no-implicit-module | FileCheck %s --strict-whitespace
// RUN: tensor-opt %s --split-input-file --no-implicit-module --tg-simplify --cse | FileCheck %s --strict-whitespace --check-prefix=FLAGS
// RUN: sed '/^\/\/ -----$/,$d' %s > %t.first.mlir
// RUN: tensor-opt %t.first.mlir --no-implicit-module --pass-pipeline='func.func(tg-simplify,cse)' | FileCheck %s --strict-whitespace --check-prefix=PIPELINE
// RUN: { tensor-opt %s --split-input-file --no-implicit-module --pass-pipeline='func.func(tg-simplify,cse)'; echo "exit code $?"; } 2>&1 | FileCheck %s --check-prefix=MISMATCH

// --no-implicit-module takes the input's single top-level op as it is,
// without wrapping it in a builtin.module: the output has no module, and
// passes and pipelines are anchored on that op. A module written in the input
// stays. More than one top-level op is an error in the input.

// The same output and errors as mlir-opt's on upstream-only inputs.
// RUN: tensor-opt %S/Inputs/single-func-upstream.mlir --no-implicit-module --canonicalize > %t.ours
// RUN: %mlir_opt %S/Inputs/single-func-upstream.mlir --no-implicit-module --canonicalize > %t.theirs
// RUN: diff %t.theirs %t.ours
// RUN: tensor-opt %S/Inputs/single-func-upstream.mlir --no-implicit-module --pass-pipeline='func.func(canonicalize)' > %t.ours
// RUN: %mlir_opt %S/Inputs/single-func-upstream.mlir --no-implicit-module --pass-pipeline='func.func(canonicalize)' > %t.theirs
// RUN: diff %t.theirs %t.ours
// RUN: not tensor-opt %S/Inputs/upstream.mlir --no-implicit-module 2> %t.ours
// RUN: not %mlir_opt %S/Inputs/upstream.mlir --no-implicit-module 2> %t.theirs
// RUN: diff %t.theirs %t.ours

// A function alone is the top-level op.
// CHECK-NOT:   module
// CHECK-LABEL: {{^}}func.func @order(
// CHECK-NEXT:  {{^}}  %0 = tg.transpose
// CHECK:       // {{-----}}
// FLAGS-LABEL: {{^}}func.func @order(
// FLAGS-NEXT:  {{^}}  %[[T:.*]] = tg.transpose %{{.*}} perm [1, 2, 0]
// FLAGS-NEXT:  {{^}}  return %[[T]], %[[T]]
// PIPELINE-LABEL: {{^}}func.func @order(
// PIPELINE-NEXT:  {{^}}  %[[T:.*]] = tg.transpose %{{.*}} perm [1, 2, 0]
// PIPELINE-NEXT:  {{^}}  return %[[T]], %[[T]]
func.func @order(%x: tensor<2x3x4xf32>) -> (tensor<3x4x2xf32>, tensor<3x4x2xf32>) {
  %t1 = tg.transpose %x perm [1, 0, 2] : tensor<2x3x4xf32>
  %t2 = tg.transpose %t1 perm [0, 2, 1] : tensor<3x2x4xf32>
  %t3 = tg.transpose %x perm [1, 2, 0] : tensor<2x3x4xf32>
  return %t2, %t3 : tensor<3x4x2xf32>, tensor<3x4x2xf32>
}

// -----

// A module in the input is the top-level op; a func.func pipeline does not
// fit it: that chunk fails (exit code 1), as in mlir-opt, and the other
// chunks' output is printed.
// CHECK-LABEL: {{^}}module @explicit {
// CHECK-NEXT:  {{^}}  func.func @in_module()
// FLAGS-LABEL: {{^}}module @explicit {
// MISMATCH:       error: the pipeline is anchored on 'func.func', but the input's top-level op is 'builtin.module'
// MISMATCH:       {{^}}func.func @order(
// MISMATCH:       {{^}}// {{-----}}
// MISMATCH-NOT:   func.func @in_module
// MISMATCH:       exit code 1
module @explicit {
  func.func @in_module() {
    return
  }
}
