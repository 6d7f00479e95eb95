// The input: a file named on the command line, `-`, or standard input when
// none is given; every form prints the same module. A missing or unreadable
// input is an error with exit code 1.

// RUN: tensor-opt %s | FileCheck %s
// RUN: tensor-opt - < %s | FileCheck %s
// RUN: tensor-opt < %s | FileCheck %s
// RUN: cat %s | tensor-opt | FileCheck %s

// The same bytes as mlir-opt prints for this upstream-only input.
// RUN: tensor-opt %s > %t.ours
// RUN: %mlir_opt %s > %t.theirs
// RUN: diff %t.theirs %t.ours

// A missing input file: exit code 1 and the file named.
// RUN: not tensor-opt %t.does-not-exist.mlir 2>&1 >/dev/null | FileCheck %s --check-prefix=MISSING -DFILE=%t.does-not-exist.mlir
// RUN: tensor-opt %t.does-not-exist.mlir 2>/dev/null; test $? -eq 1
// MISSING: error: cannot read '[[FILE]]': No such file or directory

// A directory is not an input either.
// RUN: not tensor-opt %S 2>&1 >/dev/null | FileCheck %s --check-prefix=DIR
// RUN: tensor-opt %S 2>/dev/null; test $? -eq 1
// DIR: error: cannot read '{{.*}}': Is a directory

// Text must be UTF-8 (here a Latin-1 byte in a comment), unless it is MLIR
// bytecode (see emit-bytecode.mlir): exit code 1, and the offset of the byte.
// RUN: printf 'func.func @f() {\n  return // caf\351\n}\n' > %t.latin1.mlir
// RUN: not tensor-opt %t.latin1.mlir 2>&1 | FileCheck %s --check-prefix=NOT-UTF8 -DFILE=%t.latin1.mlir
// RUN: tensor-opt %t.latin1.mlir 2>/dev/null; test $? -eq 1
// RUN: not tensor-opt < %t.latin1.mlir 2>&1 | FileCheck %s --check-prefix=NOT-UTF8 -DFILE='<stdin>'
// NOT-UTF8: error: '[[FILE]]' is neither UTF-8 text nor MLIR bytecode (invalid UTF-8 at byte offset 32)

// Empty input is an empty module, as in mlir-opt.
// RUN: tensor-opt < /dev/null | FileCheck %s --check-prefix=EMPTY
// EMPTY:      module {
// EMPTY-NEXT: }

// Diagnostics in standard input name it <stdin>, as mlir-opt's do.
// RUN: printf 'func.func @f() {\n  func.retrun\n}\n' | not tensor-opt 2>&1 >/dev/null | FileCheck %s --strict-whitespace --check-prefix=STDIN
// STDIN:      <stdin>:2:3: error: custom op 'func.retrun' is unknown
// STDIN-NEXT: {{^}}  func.retrun
// STDIN-NEXT: {{^}}  ^

// CHECK-LABEL: func.func @identity(
// CHECK-SAME:      %[[ARG:.*]]: i32) -> i32
// CHECK-NEXT:    return %[[ARG]] : i32
func.func @identity(%a: i32) -> i32 {
  return %a : i32
}
