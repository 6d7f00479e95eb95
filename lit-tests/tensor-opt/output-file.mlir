// `-o FILE` writes the output there, whole or not at all: the file is
// written beside FILE under a temporary name and renamed over it only after
// a successful run, so a failing run leaves an existing FILE untouched and
// no temporary file behind. `-o -` is standard output.

// RUN: rm -rf %t.d && mkdir %t.d
// RUN: tensor-opt %s -o %t.d/out.mlir > %t.d/stdout
// RUN: FileCheck %s < %t.d/out.mlir
// RUN: count 0 < %t.d/stdout
// RUN: tensor-opt %s -o - | FileCheck %s

// A successful run replaces an existing file.
// RUN: echo untouched > %t.d/out.mlir
// RUN: tensor-opt %s --canonicalize -o %t.d/out.mlir
// RUN: FileCheck %s --check-prefix=CANON < %t.d/out.mlir

// A failing pass (canonicalize cannot converge in one iteration): exit code 1,
// the old file stays as it was, and nothing else is left in the directory.
// RUN: echo untouched > %t.d/out.mlir
// RUN: not tensor-opt %s --pass-pipeline='builtin.module(canonicalize{max-iterations=1 test-convergence=true})' -o %t.d/out.mlir
// RUN: FileCheck %s --check-prefix=UNTOUCHED < %t.d/out.mlir
// RUN: ls -A %t.d | FileCheck %s --check-prefix=LS

// The same for invalid input, ...
// RUN: printf 'func.func @f() {\n  func.retrun\n}\n' > %t.d/bad.mlir
// RUN: not tensor-opt %t.d/bad.mlir -o %t.d/out.mlir 2>/dev/null
// RUN: FileCheck %s --check-prefix=UNTOUCHED < %t.d/out.mlir

// ... a bad pipeline (exit code 1) ...
// RUN: not tensor-opt %s --pass-pipeline='builtin.module(cse' -o %t.d/out.mlir 2>/dev/null
// RUN: FileCheck %s --check-prefix=UNTOUCHED < %t.d/out.mlir

// ... and a --verify-diagnostics mismatch (no expected-* comment here).
// RUN: not tensor-opt %t.d/bad.mlir --verify-diagnostics -o %t.d/out.mlir 2>/dev/null
// RUN: FileCheck %s --check-prefix=UNTOUCHED < %t.d/out.mlir
// RUN: ls -A %t.d | FileCheck %s --check-prefix=LS

// With --split-input-file, one failing chunk is enough to keep the old file.
// RUN: printf 'func.func @ok() {\n  return\n}\n// -----\nfunc.func @f() {\n  func.retrun\n}\n' > %t.d/split.mlir
// RUN: not tensor-opt %t.d/split.mlir --split-input-file -o %t.d/out.mlir 2>/dev/null
// RUN: FileCheck %s --check-prefix=UNTOUCHED < %t.d/out.mlir

// A file that cannot be written: exit code 1, and the error names FILE, not
// the temporary file.
// RUN: not tensor-opt %s -o %t.d/no-such-dir/out.mlir 2>&1 | FileCheck %s --check-prefix=UNWRITABLE -DDIR=%t.d
// RUN: tensor-opt %s -o %t.d/no-such-dir/out.mlir 2>/dev/null; test $? -eq 1
// UNWRITABLE:     error: cannot write '[[DIR]]/no-such-dir/out.mlir': No such file or directory
// UNWRITABLE-NOT: .tensor-opt-

// UNTOUCHED:      untouched
// UNTOUCHED-NOT:  module

// LS-NOT: .tensor-opt-
// LS:     out.mlir
// LS-NOT: .tensor-opt-

// CHECK-LABEL: func.func @add_zero(
// CHECK-NEXT:    %[[C0:.*]] = arith.constant 0 : i32
// CHECK-NEXT:    %[[SUM:.*]] = arith.addi %{{.*}}, %[[C0]] : i32
// CHECK-NEXT:    return %[[SUM]] : i32

// CANON-LABEL: func.func @add_zero(
// CANON-SAME:      %[[ARG:.*]]: i32)
// CANON-NEXT:    return %[[ARG]] : i32
func.func @add_zero(%a: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %r = arith.addi %a, %c0 : i32
  return %r : i32
}

// -o to a device writes to it; the atomic rename must not replace it with a
// regular file (it once turned /dev/null into one, when run as root).
// RUN: tensor-opt %s -o /dev/null
// RUN: test -c /dev/null
// A symbolic link to the output is followed, not replaced.
// RUN: rm -f %t.target %t.link && echo old > %t.target && ln -s %t.target %t.link
// RUN: tensor-opt %s -o %t.link
// RUN: test -L %t.link
// RUN: FileCheck %s --check-prefix=VIA-LINK < %t.target
// VIA-LINK: module
