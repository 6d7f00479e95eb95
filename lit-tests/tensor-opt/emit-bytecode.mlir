// RUN: tensor-opt %s --emit-bytecode -o %t.mlirbc
// RUN: tensor-opt %t.mlirbc | FileCheck %s
// RUN: tensor-opt %s --emit-bytecode | tensor-opt --tg-simplify | FileCheck %s --check-prefix=SIMPLIFY
// RUN: tensor-opt %t.mlirbc --mlir-print-debuginfo | FileCheck %s --check-prefix=LOCATIONS

// --emit-bytecode writes MLIR bytecode instead of text, and tensor-opt reads
// bytecode back as mlir-opt does (recognized by its magic number, from a file
// or stdin): the round trip gives the same module, tg ops and source
// locations included.

// RUN: head -c 4 %t.mlirbc | od -An -c | FileCheck %s --check-prefix=MAGIC
// MAGIC: M   L 357   R

// The text printed from the bytecode is the text printed from the source.
// RUN: tensor-opt %s > %t.from-text
// RUN: tensor-opt %t.mlirbc > %t.from-bytecode
// RUN: diff %t.from-text %t.from-bytecode

// On an upstream-only input, the same bytes as mlir-opt writes, and each tool
// reads the other's bytecode.
// RUN: tensor-opt %S/Inputs/upstream.mlir --emit-bytecode -o %t.ours.mlirbc
// RUN: %mlir_opt %S/Inputs/upstream.mlir --emit-bytecode -o %t.theirs.mlirbc
// RUN: cmp %t.theirs.mlirbc %t.ours.mlirbc
// RUN: %mlir_opt %t.ours.mlirbc --mlir-print-debuginfo > %t.theirs
// RUN: tensor-opt %t.theirs.mlirbc --mlir-print-debuginfo > %t.ours
// RUN: diff %t.theirs %t.ours

// Bytecode has no chunks: --split-input-file reads it whole, as mlir-opt does.
// RUN: tensor-opt %t.mlirbc --split-input-file | FileCheck %s

// Broken bytecode is invalid input (exit code 1), reported as mlir-opt does.
// RUN: printf 'ML\357R' > %t.truncated.mlirbc
// RUN: not tensor-opt %t.truncated.mlirbc 2> %t.ours.err
// RUN: not %mlir_opt %t.truncated.mlirbc 2> %t.theirs.err
// RUN: diff %t.theirs.err %t.ours.err
// RUN: FileCheck %s --check-prefix=TRUNCATED < %t.ours.err
// RUN: tensor-opt %t.truncated.mlirbc 2>/dev/null; test $? -eq 1
// TRUNCATED: error: attempting to parse a byte at the end of the bytecode

// Bytecode output cannot be split into chunks: a command-line error.
// RUN: { tensor-opt %s --emit-bytecode --split-input-file; echo "exit code $?"; } 2>&1 | FileCheck %s --check-prefix=SPLIT
// SPLIT: error: --emit-bytecode cannot be combined with --split-input-file
// SPLIT: exit code 1

// CHECK-LABEL: func.func @chain(
// CHECK-NEXT:    %[[T0:.*]] = tg.transpose %{{.*}} perm [1, 0] : tensor<2x3xf32>
// CHECK-NEXT:    %[[T1:.*]] = tg.transpose %[[T0]] perm [1, 0] : tensor<3x2xf32>
// CHECK-NEXT:    %[[C:.*]] = tg.constant dense<{{.*}}> : tensor<2x3xf32>
// CHECK-NEXT:    %[[S:.*]] = tg.add %[[T1]], %[[C]] : tensor<2x3xf32>, tensor<2x3xf32>
// CHECK-NEXT:    return %[[S]] : tensor<2x3xf32>

// SIMPLIFY-LABEL: func.func @chain(
// SIMPLIFY-SAME:      %[[X:.*]]: tensor<2x3xf32>)
// SIMPLIFY-NEXT:    %[[C:.*]] = tg.constant
// SIMPLIFY-NEXT:    tg.add %[[X]], %[[C]]

// LOCATIONS: #{{loc[0-9]*}} = loc("{{.*}}emit-bytecode.mlir":[[# @LINE + 4]]:9)

// A function of tg ops, with a constant.
func.func @chain(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %t0 = tg.transpose %x perm [1, 0] : tensor<2x3xf32>
  %t1 = tg.transpose %t0 perm [1, 0] : tensor<3x2xf32>
  %c = tg.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %s = tg.add %t1, %c : tensor<2x3xf32>, tensor<2x3xf32>
  return %s : tensor<2x3xf32>
}
