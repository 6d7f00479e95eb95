// RUN: not tensor-opt %s --diagnostics=plain 2>&1 | FileCheck %s --strict-whitespace --check-prefix=PLAIN
// RUN: not tensor-opt %s 2>&1 | FileCheck %s --strict-whitespace --check-prefix=PLAIN
// RUN: not tensor-opt %s --diagnostics=auto 2>&1 | FileCheck %s --strict-whitespace --check-prefix=PLAIN
// RUN: not tensor-opt %s --diagnostics=fancy 2>&1 | FileCheck %s --strict-whitespace --check-prefix=FANCY

// --diagnostics picks how errors look: plain is mlir-opt's
// `FILE:LINE:COL: error: MESSAGE` with the source line and a caret (byte for
// byte); fancy is a miette report with a snippet, the token underlined, help
// and notes nested under it; auto (the default) is fancy on a terminal and
// plain otherwise. Colors only on a terminal, and never with NO_COLOR set
// (lit sets it). Either way the exit code is the same.

// PLAIN:      {{^}}{{.*}}diagnostics.mlir:[[# @LINE + 70]]:8: error: 'tg.matmul' op inner dimensions differ: lhs has 3 columns, rhs has 4 rows
// PLAIN-NEXT: {{^}}  %c = tg.matmul %a, %b : tensor<2x3xf32>, tensor<4x5xf32>
// PLAIN-NEXT: {{^}}       ^
// PLAIN-NOT:  {{.}}

// FANCY:      {{^}}  × 'tg.matmul' op inner dimensions differ: lhs has 3 columns, rhs has 4 rows
// FANCY-NEXT: {{^}}    ╭─[{{.*}}diagnostics.mlir:[[# @LINE + 64]]:8]
// FANCY-NEXT: {{^}} {{[0-9]+}} │ func.func @bad_matmul(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
// FANCY-NEXT: {{^}} {{[0-9]+}} │   %c = tg.matmul %a, %b : tensor<2x3xf32>, tensor<4x5xf32>
// FANCY-NEXT: {{^}}    ·        ─────────
// FANCY-NEXT: {{^}} {{[0-9]+}} │   return
// FANCY-NEXT: {{^}}    ╰────
// FANCY-NOT:  {{.}}

// The plain form is mlir-opt's, notes included.
// RUN: not tensor-opt %S/Inputs/type-mismatch-upstream.mlir --diagnostics=plain 2> %t.ours
// RUN: not %mlir_opt %S/Inputs/type-mismatch-upstream.mlir 2> %t.theirs
// RUN: diff %t.theirs %t.ours

// A note is nested under the error, with its own snippet.
// RUN: not tensor-opt %S/Inputs/type-mismatch-upstream.mlir --diagnostics=fancy 2>&1 | FileCheck %s --strict-whitespace --check-prefix=FANCY-NOTE
// FANCY-NOTE:      {{^}}  × use of value '%c' expects different type than prior uses: 'i32' vs 'i64'
// FANCY-NOTE-NEXT: {{^}}   ╭─[{{.*}}type-mismatch-upstream.mlir:3:19]
// FANCY-NOTE:      {{^}}   ·                   ──
// FANCY-NOTE:      {{^}}  ╰─▶   ☞ note: prior use here
// FANCY-NOTE-NEXT: {{^}}         ╭─[{{.*}}type-mismatch-upstream.mlir:2:3]

// However deep the checkout, a nested note's source header stays on one line
// (miette used to re-wrap it at 100 columns, splitting the path).
// RUN: rm -rf %t.deep && mkdir -p %t.deep/a-directory-name-long-enough/that-the-whole-path-passes/one-hundred-columns
// RUN: cp %S/Inputs/type-mismatch-upstream.mlir %t.deep/a-directory-name-long-enough/that-the-whole-path-passes/one-hundred-columns/
// RUN: not tensor-opt %t.deep/a-directory-name-long-enough/that-the-whole-path-passes/one-hundred-columns/type-mismatch-upstream.mlir --diagnostics=fancy 2>&1 | FileCheck %s --strict-whitespace --check-prefix=FANCY-DEEP
// FANCY-DEEP:      {{^}}  ╰─▶   ☞ note: prior use here
// FANCY-DEEP-NEXT: {{^}}         ╭─[{{.*}}/one-hundred-columns/type-mismatch-upstream.mlir:2:3]{{$}}
// FANCY-DEEP-NEXT: {{^}}       1 │ func.func @f() {

// A pipeline error points into the pipeline, with its help.
// RUN: not tensor-opt %S/Inputs/upstream.mlir --pass-pipeline='builtin.module(func.func(tg-simplfy))' --diagnostics=fancy 2>&1 | FileCheck %s --strict-whitespace --check-prefix=FANCY-PIPELINE
// FANCY-PIPELINE:      {{^}}  × 'tg-simplfy' does not refer to a registered pass or pass pipeline
// FANCY-PIPELINE-NEXT: {{^}}   ╭─[<pass-pipeline>:1:26]
// FANCY-PIPELINE-NEXT: {{^}} 1 │ builtin.module(func.func(tg-simplfy))
// FANCY-PIPELINE-NEXT: {{^}}   ·                          ──────────
// FANCY-PIPELINE-NEXT: {{^}}   ╰────
// FANCY-PIPELINE-NEXT: {{^}}  help: did you mean 'tg-simplify'?

// An error without a location (here a missing file) has no snippet. Long
// messages are not re-wrapped (the terminal wraps), so a path is never split.
// RUN: not tensor-opt %t.a-missing-input-with-a-long-name-well-past-one-hundred-columns-of-terminal-width.mlir --diagnostics=fancy 2>&1 | FileCheck %s --check-prefix=FANCY-NO-LOCATION
// FANCY-NO-LOCATION:      × cannot read '{{.*}}a-missing-input-with-a-long-name-well-past-one-hundred-columns-of-terminal-width.mlir': No such file or directory (os error 2)
// FANCY-NO-LOCATION-NOT:  ╭

// On a terminal (a pseudo-terminal from `script`), auto is fancy, in color
// unless NO_COLOR is set; plain stays plain.
// RUN: { env -u NO_COLOR script -qec "tensor-opt %s" /dev/null < /dev/null || true; } | FileCheck %s --check-prefix=TERMINAL-COLOR
// RUN: { env NO_COLOR=1 script -qec "tensor-opt %s" /dev/null < /dev/null || true; } | FileCheck %s --check-prefix=TERMINAL-NO-COLOR
// RUN: { env -u NO_COLOR script -qec "tensor-opt %s --diagnostics=plain" /dev/null < /dev/null || true; } | FileCheck %s --check-prefix=TERMINAL-PLAIN
// TERMINAL-COLOR:        {{.\[31m}}×{{.\[0m}} 'tg.matmul' op inner dimensions differ
// TERMINAL-NO-COLOR-NOT: {{.\[[0-9;]*m}}
// TERMINAL-NO-COLOR:     × 'tg.matmul' op inner dimensions differ
// TERMINAL-NO-COLOR-NOT: {{.\[[0-9;]*m}}
// TERMINAL-PLAIN:        diagnostics.mlir:{{[0-9]+}}:8: error: 'tg.matmul' op inner dimensions differ

// A bad value is a command-line error: exit code 1, as in mlir-opt.
// RUN: { tensor-opt %s --diagnostics=colorful; echo "exit code $?"; } 2>&1 | FileCheck %s --check-prefix=BAD-VALUE
// BAD-VALUE: error: invalid value 'colorful' for '--diagnostics <diagnostics>'
// BAD-VALUE: [possible values: auto, plain, fancy]
// BAD-VALUE: exit code 1

// A tg shape error while parsing.
func.func @bad_matmul(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  %c = tg.matmul %a, %b : tensor<2x3xf32>, tensor<4x5xf32>
  return
}
