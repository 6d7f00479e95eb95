// The command line reads like LLVM's: long options take one dash or two, and
// a repeated option is no error (the last one wins), as in mlir-opt.

// One dash.
// RUN: tensor-opt %s -split-input-file -mlir-print-op-generic -tg-simplify | FileCheck %s --check-prefix=GENERIC
// GENERIC: "tg.transpose"(%{{.*}}) <{perm = array<i64: 1, 2, 0>}>
// GENERIC: // {{-----}}

// The last -o wins; the first file is not written.
// RUN: rm -f %t.first %t.second
// RUN: tensor-opt %s -o %t.first -o %t.second
// RUN: not test -e %t.first
// RUN: FileCheck %s < %t.second

// Repeated flags and values: the last value wins.
// RUN: tensor-opt %s --mlir-print-op-generic --mlir-print-op-generic | FileCheck %s --check-prefix=TWICE
// TWICE: "tg.transpose"(%{{.*}}) <{perm = array<i64: 1, 0, 2>}>
// RUN: tensor-opt %s --split-input-file='// =====' --split-input-file | FileCheck %s --check-prefix=SPLIT
// RUN: tensor-opt %s --mlir-elide-elementsattrs-if-larger=1 --mlir-elide-elementsattrs-if-larger=100 | FileCheck %s --check-prefix=NOT-ELIDED
// RUN: %mlir_opt %S/Inputs/upstream.mlir --verify-each=false --verify-each --mlir-print-op-generic -mlir-print-op-generic > %t.theirs
// RUN: tensor-opt %S/Inputs/upstream.mlir --verify-each=false --verify-each --mlir-print-op-generic -mlir-print-op-generic > %t.ours
// RUN: diff %t.theirs %t.ours

// SPLIT:      module {
// SPLIT:      // {{-----}}
// SPLIT-NEXT: module {

// NOT-ELIDED: tg.constant dense<[1.000000e+00, 2.000000e+00]>

// CHECK-LABEL: func.func @order(
// CHECK-NEXT:    tg.transpose
// CHECK-NEXT:    tg.transpose
func.func @order(%x: tensor<2x3x4xf32>) -> tensor<3x4x2xf32> {
  %t1 = tg.transpose %x perm [1, 0, 2] : tensor<2x3x4xf32>
  %t2 = tg.transpose %t1 perm [0, 2, 1] : tensor<3x2x4xf32>
  return %t2 : tensor<3x4x2xf32>
}

// -----

func.func @constant() -> tensor<2xf32> {
  %c = tg.constant dense<[1.0, 2.0]> : tensor<2xf32>
  return %c : tensor<2xf32>
}
