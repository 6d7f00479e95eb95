// --log-actions-to logs every action MLIR runs, in MLIR's own words: to
// stdout in order with each chunk's output, or to a file.
// RUN: tensor-opt %s --log-actions-to=- --canonicalize --split-input-file | FileCheck %s
// RUN: tensor-opt %s --log-actions-to=%t.log --canonicalize --split-input-file | FileCheck %s --check-prefix=IR
// RUN: FileCheck %s --check-prefix=FILE < %t.log
// RUN: not tensor-opt %s --log-actions-to=%t.missing/dir/log --canonicalize 2>&1 | FileCheck %s --check-prefix=BAD

// CHECK:      [thread {{.*}}] begins (no breakpoint) Action `pass-execution` running `Canonicalizer` on Operation `builtin.module` (module {...})`
// CHECK:      completed `pass-execution`
// CHECK-NEXT: module {
// CHECK-NEXT:   func.func @first
// CHECK:      {{^}}// -{{-+}}
// CHECK-NEXT: [thread {{.*}}] begins (no breakpoint) Action `pass-execution` running `Canonicalizer`
// CHECK:      completed `pass-execution`
// CHECK-NEXT: module {
// CHECK-NEXT:   func.func @second

// IR-NOT:  Action
// IR:      func.func @first
// FILE:    running `Canonicalizer` on Operation `builtin.module`
// FILE:    running `Canonicalizer` on Operation `builtin.module`
// BAD:     error: cannot open '{{.*}}missing/dir/log' to log actions to

func.func @first() {
  return
}

// -----

func.func @second() {
  return
}
