// RUN: tensor-opt %s --split-input-file | FileCheck %s
// RUN: tensor-opt %s --split-input-file --canonicalize | FileCheck %s --check-prefix=CANON

// --split-input-file cuts the input at marker lines and processes each
// chunk on its own: its own module, its own pipeline run, its own errors,
// reported with the line numbers of the whole file. The outputs are joined
// with the marker, as mlir-opt joins them.

// Without the flag, markers are comments: one module holds every function.
// RUN: tensor-opt %s | FileCheck %s --check-prefix=WHOLE
// WHOLE:     module {
// WHOLE:     func.func @first
// WHOLE-NOT: module
// WHOLE:     func.func @second
// WHOLE-NOT: module
// WHOLE:     func.func @third

// A custom input marker (in a copy without the RUN and CHECK lines, which
// name it), and a custom output marker.
// RUN: sed -e 's|^// [-]\{5\}$|// =====|' -e '/^\/\/ [A-Z]/d' %s > %t.custom.mlir
// RUN: tensor-opt %t.custom.mlir --split-input-file='// =====' | FileCheck %s
// RUN: tensor-opt %s --split-input-file --output-split-marker='// ===== next' | FileCheck %s --check-prefix=OUT-MARKER
// OUT-MARKER:      func.func @first
// OUT-MARKER:      // ===== next
// OUT-MARKER-NEXT: module {
// OUT-MARKER-NEXT:   func.func @second
// OUT-MARKER-NOT:  // {{-----}}

// The same output, errors, line numbers, exit code and debug locations as
// mlir-opt on an input it can read too (one chunk of it is invalid).
// RUN: not tensor-opt %S/Inputs/split-upstream.mlir --split-input-file > %t.ours 2> %t.ours.err
// RUN: not %mlir_opt %S/Inputs/split-upstream.mlir --split-input-file > %t.theirs 2> %t.theirs.err
// RUN: diff %t.theirs %t.ours
// RUN: diff %t.theirs.err %t.ours.err
// RUN: not tensor-opt %S/Inputs/split-upstream.mlir --split-input-file --output-split-marker='// next' --mlir-print-debuginfo > %t.ours 2>/dev/null
// RUN: not %mlir_opt %S/Inputs/split-upstream.mlir --split-input-file --output-split-marker='// next' --mlir-print-debuginfo > %t.theirs 2>/dev/null
// RUN: diff %t.theirs %t.ours

// With `-o -` too, the chunks that succeed are printed (stderr first, as
// mlir-opt writes its buffered stdout at the end).
// RUN: not tensor-opt %S/Inputs/split-upstream.mlir --split-input-file -o - > %t.ours 2>&1
// RUN: not %mlir_opt %S/Inputs/split-upstream.mlir --split-input-file -o - > %t.theirs 2>&1
// RUN: diff %t.theirs %t.ours

// A near miss of the marker (`// ----`, or the marker at the very end) does
// not split, and is warned about as mlir-opt does; so is a marker within a
// line, which splits it.
// RUN: tensor-opt %S/Inputs/split-near-miss-upstream.mlir --split-input-file > %t.ours 2> %t.ours.err
// RUN: %mlir_opt %S/Inputs/split-near-miss-upstream.mlir --split-input-file > %t.theirs 2> %t.theirs.err
// RUN: diff %t.theirs %t.ours
// RUN: diff %t.theirs.err %t.ours.err
// RUN: FileCheck %s --check-prefix=NEAR-MISS < %t.ours.err
// NEAR-MISS:      split-near-miss-upstream.mlir:7:7: warning: near miss with file split marker
// NEAR-MISS-NEXT: {{^}}// ----{{$}}
// NEAR-MISS-NEXT: {{^}}      ^{{$}}

// Each chunk is its own module.
// CHECK:      module {
// CHECK-NEXT:   func.func @first()
// CHECK-NEXT:     return
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-EMPTY:
// CHECK-NEXT: // {{-----}}
// CANON-LABEL: func.func @first
func.func @first() {
  return
}

// -----

// CHECK-NEXT: module {
// CHECK-NEXT:   func.func @second(
// CHECK-NEXT:     arith.constant
// CHECK-NEXT:     arith.addi
// CHECK-NEXT:     return
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-EMPTY:
// CHECK-NEXT: // {{-----}}
// CANON-LABEL: func.func @second(
// CANON-SAME:      %[[A:.*]]: i32)
// CANON-NEXT:    return %[[A]]
func.func @second(%a: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %r = arith.addi %a, %c0 : i32
  return %r : i32
}

// -----

// CHECK-NEXT: module {
// CHECK-NEXT:   func.func @third()
// CHECK-NEXT:     return
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-EMPTY:
// CHECK-NEXT: // {{-----}}
// CANON-LABEL: func.func @third
func.func @third() {
  return
}

// -----

// A chunk of comments only is an empty module (in the INVALID run, the lines
// below are uncommented).
// CHECK-NEXT: module {
// CHECK-NEXT: }
// CHECK-EMPTY:
// CHECK-NOT:  {{.}}

// One invalid chunk fails the run (exit code 1) but not the other chunks;
// its error has the line number of the whole file.
// RUN: sed 's|^// INVALID-CHUNK: ||' %s > %t.invalid.mlir
// RUN: not tensor-opt %t.invalid.mlir --split-input-file 2> %t.invalid.err | FileCheck %s --check-prefix=INVALID
// RUN: FileCheck %s --check-prefix=INVALID-ERR < %t.invalid.err
// RUN: tensor-opt %t.invalid.mlir --split-input-file > /dev/null 2>&1; test $? -eq 1
// INVALID:      func.func @first
// INVALID:      // {{-----}}
// INVALID:      func.func @second
// INVALID:      // {{-----}}
// INVALID:      func.func @third
// INVALID:      // {{-----}}
// INVALID-NOT:  {{.}}
// INVALID-ERR:  {{.*}}.invalid.mlir:[[# @LINE + 3]]:3: error: 'func.return' op has 1 operands, but enclosing function (@fourth) returns 0

// INVALID-CHUNK: func.func @fourth() { %c = arith.constant 0 : i32
// INVALID-CHUNK:   return %c : i32
// INVALID-CHUNK: }
