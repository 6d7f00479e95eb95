// tensor-run's errors: one line `tensor-run: error: ...` naming what is
// wrong (or MLIR's FILE:LINE:COL form for problems in the IR or the
// pipeline), exit code 1 for bad input and 2 for a bad command line, and
// nothing runs: every input is checked against the signature first.

// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/lhs.npy', np.ones((2, 3), np.float32)); np.save('%t/rhs.npy', np.ones((3, 4), np.float32)); np.save('%t/rhs-shape.npy', np.ones((4, 3), np.float32)); np.save('%t/rhs-f64.npy', np.ones((3, 4))); np.save('%t/rhs-u8.npy', np.ones((3, 4), np.uint8)); open('%t/garbage.npy', 'w').write('not an npy file')"

// The inputs are fine: it runs.
// RUN: tensor-run %s --input %t/lhs.npy --input %t/rhs.npy | FileCheck %s --check-prefix=OK
// OK: result #0: tensor<2x4xf32> (8 elements)
// OK-NEXT: min 3 max 3 mean 3

// Wrong number of inputs.
// RUN: not tensor-run %s --input %t/lhs.npy 2>&1 | FileCheck %s --check-prefix=COUNT
// COUNT: tensor-run: error: @main takes 2 arguments (tensor<2x3xf32>, tensor<3x4xf32>), got 1 --input file
// RUN: not tensor-run %s --input %t/lhs.npy --input %t/rhs.npy --input %t/rhs.npy 2>&1 | FileCheck %s --check-prefix=COUNT3
// COUNT3: tensor-run: error: @main takes 2 arguments (tensor<2x3xf32>, tensor<3x4xf32>), got 3 --input files
// RUN: not tensor-run %s 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: tensor-run: error: @main takes 2 arguments (tensor<2x3xf32>, tensor<3x4xf32>): give one --input FILE.npy per argument, or --random-inputs SEED

// Wrong shape, wrong dtype, a dtype tensor-run does not take, a missing
// file, not an .npy file: each names the argument and both types.
// RUN: not tensor-run %s --input %t/lhs.npy --input %t/rhs-shape.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: tensor-run: error: argument #1 (%rhs) of @main expects tensor<3x4xf32>, but '{{.*}}rhs-shape.npy' holds tensor<4x3xf32>
// RUN: not tensor-run %s --input %t/lhs.npy --input %t/rhs-f64.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: tensor-run: error: argument #1 (%rhs) of @main expects tensor<3x4xf32>, but '{{.*}}rhs-f64.npy' holds tensor<3x4xf64>
// RUN: not tensor-run %s --input %t/lhs.npy --input %t/rhs-u8.npy 2>&1 | FileCheck %s --check-prefix=UINT8
// UINT8: tensor-run: error: argument #1 (%rhs) of @main expects tensor<3x4xf32>, but '{{.*}}rhs-u8.npy' holds a uint8 array of shape [3, 4]
// RUN: not tensor-run %s --input %t/no-such.npy --input %t/rhs.npy 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: tensor-run: error: argument #0 (%lhs) of @main (tensor<2x3xf32>): cannot read '{{.*}}no-such.npy': No such file or directory
// RUN: not tensor-run %s --input %t/garbage.npy --input %t/rhs.npy 2>&1 | FileCheck %s --check-prefix=GARBAGE
// GARBAGE: tensor-run: error: argument #0 (%lhs) of @main (tensor<2x3xf32>): '{{.*}}garbage.npy' is not a valid .npy file

// Results and -o files.
// RUN: not tensor-run %s --random-inputs 1 -o %t/a.npy -o %t/b.npy 2>&1 | FileCheck %s --check-prefix=OUTPUTS
// OUTPUTS: tensor-run: error: @main returns 1 result (tensor<2x4xf32>), got 2 -o files
// RUN: not tensor-run %s --random-inputs 1 -o %t/no-such-dir/out.npy 2>&1 | FileCheck %s --check-prefix=UNWRITABLE
// UNWRITABLE: tensor-run: error: cannot write '{{.*}}no-such-dir/out.npy':

// The entry function.
// RUN: not tensor-run %s --entry nope --random-inputs 1 2>&1 | FileCheck %s --check-prefix=ENTRY
// ENTRY: tensor-run: error: no function @nope; the input defines @main, @other (choose one with --entry NAME)

// The input file: missing, not MLIR.
// RUN: not tensor-run %t/no-such.mlir 2>&1 | FileCheck %s --check-prefix=NOFILE
// NOFILE: tensor-run: error: cannot read '{{.*}}no-such.mlir': No such file or directory
// RUN: printf 'func.func @main() {\n  func.retrun\n}\n' | not tensor-run - 2>&1 | FileCheck %s --check-prefix=PARSE
// PARSE: <stdin>:2:3: error: custom op 'func.retrun' is unknown
// PARSE-NEXT: {{^}}  func.retrun
// PARSE-NEXT: {{^}}  ^

// The pipeline: bad syntax, an unknown pass, a bad option, a wrong anchor
// (all exit 2, before the input is read), a pass that fails, and one that
// does not reach the LLVM dialect (exit 1).
// RUN: not tensor-run %s --random-inputs 1 --pipeline='builtin.module(tg-compile' 2>&1 | FileCheck %s --check-prefix=SYNTAX
// SYNTAX: <pipeline>:1:15: error: expected ')' to close the pipeline of 'builtin.module' opened here
// RUN: not tensor-run %s --random-inputs 1 --pipeline='builtin.module(tg-compil)' 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: <pipeline>:1:16: error: 'tg-compil' does not refer to a registered pass or pass pipeline
// UNKNOWN-NEXT: builtin.module(tg-compil)
// UNKNOWN-NEXT: {{^}}               ^
// UNKNOWN-NEXT: <pipeline>:1:16: note: help: did you mean 'tg-compile'?
// RUN: not tensor-run %t/no-such.mlir --pipeline='builtin.module(tg-compile{opt-level=9})' 2>&1 | FileCheck %s --check-prefix=OPTION
// OPTION: <pipeline>:1:37: error: option 'opt-level' of 'tg-compile' expects an integer from 0 to 3, got '9'
// RUN: not tensor-run %s --random-inputs 1 --pipeline='builtin.module(tg-compile{opt-level=3 opt-level=0})' 2>&1 | FileCheck %s --check-prefix=TWICE
// TWICE: <pipeline>:1:39: error: option 'opt-level' of 'tg-compile' is given twice
// TWICE: help: keep one of 'opt-level=3' and 'opt-level=0'
// RUN: not tensor-run %s --random-inputs 1 --pipeline='builtin.module(func.func(tg-compile))' 2>&1 | FileCheck %s --check-prefix=NESTED
// NESTED: <pipeline>:1:26: error: 'tg-compile' runs on 'builtin.module' and cannot run inside 'func.func'

// More threads than OpenMP can start is a command-line error, not an abort.
// RUN: not tensor-run %s --random-inputs 1 --threads 100000 2>&1 | FileCheck %s --check-prefix=THREADS
// THREADS: error: invalid value '100000' for '--threads <N>': 100000 is not in 1..=1024

// RUN: not tensor-run %s --random-inputs 1 --pipeline='func.func(tg-compile)' 2>&1 | FileCheck %s --check-prefix=ANCHOR
// ANCHOR: <pipeline>:1:1: error: the pipeline is anchored on 'func.func', but the input's top-level op is 'builtin.module'
// RUN: not tensor-run %s --random-inputs 1 --pipeline='builtin.module(one-shot-bufferize)' 2>&1 | FileCheck %s --check-prefix=PASSFAIL
// PASSFAIL: errors.mlir:{{[0-9]+}}:8: error: op was not bufferized
// PASSFAIL-NEXT: %0 = tg.matmul %lhs, %rhs
// RUN: not tensor-run %s --random-inputs 1 --pipeline='builtin.module(func.func(tg-to-linalg))' 2>&1 | FileCheck %s --check-prefix=NOTLLVM
// NOTLLVM: tensor-run: error: the pipeline left 'func.func' (from {{.*}}errors.mlir:{{[0-9]+}}:1): tensor-run needs a module in the LLVM dialect

// The command line.
// RUN: not tensor-run %s --no-such-flag 2>&1 | FileCheck %s --check-prefix=FLAG
// FLAG: tensor-run: error: unexpected argument '--no-such-flag' found (see tensor-run --help)
// RUN: not tensor-run %s --input %t/lhs.npy --random-inputs 1 2>&1 | FileCheck %s --check-prefix=CONFLICT
// CONFLICT: tensor-run: error: the argument '--input <FILE.npy|FILE.pb>' cannot be used with '--random-inputs <SEED>'
// RUN: not tensor-run %s --random-inputs 1 --json 2>&1 | FileCheck %s --check-prefix=JSON
// JSON: tensor-run: error: the following required arguments were not provided: --bench <ITERS>
// RUN: not tensor-run %s --random-inputs 1 --bench 0 2>&1 | FileCheck %s --check-prefix=ITERS
// ITERS: tensor-run: error: invalid value '0' for '--bench <ITERS>'
// RUN: not tensor-run %s --reference --pipeline='builtin.module(tg-compile)' 2>&1 | FileCheck %s --check-prefix=REFPIPE
// REFPIPE: tensor-run: error: the argument '--reference' cannot be used with '--pipeline <PIPELINE>'

// Exit codes: 1 for bad input, 2 for a bad command line.
// RUN: tensor-run %s --input %t/lhs.npy 2> /dev/null; test $? -eq 1
// RUN: tensor-run %s --input %t/lhs.npy --input %t/rhs-f64.npy 2> /dev/null; test $? -eq 1
// RUN: tensor-run %t/no-such.mlir 2> /dev/null; test $? -eq 1
// RUN: tensor-run %s --random-inputs 1 --pipeline='builtin.module(func.func(tg-to-linalg))' 2> /dev/null; test $? -eq 1
// RUN: tensor-run %s --no-such-flag 2> /dev/null; test $? -eq 2
// RUN: tensor-run %s --random-inputs 1 --pipeline='builtin.module(no-such-pass)' 2> /dev/null; test $? -eq 2
// RUN: tensor-run 2> /dev/null; test $? -eq 2

// Errors go to stderr alone: nothing on stdout.
// RUN: not tensor-run %s --input %t/lhs.npy 2> /dev/null | count 0

func.func @main(%lhs: tensor<2x3xf32>, %rhs: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = tg.matmul %lhs, %rhs : tensor<2x3xf32>, tensor<3x4xf32>
  return %0 : tensor<2x4xf32>
}

func.func @other() {
  return
}
