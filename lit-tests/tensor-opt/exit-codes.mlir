// tensor-opt's exit codes, as mlir-opt's: 0 success; 1 a bad command line,
// invalid input, a failed pass or a --verify-diagnostics mismatch; 70 an
// internal error.

// 0: a valid input, passes that succeed, expected diagnostics that match.
// RUN: tensor-opt %s --canonicalize > /dev/null
// RUN: printf 'func.func @f() {\n  // expected-error @+1 {{custom op}}\n  func.retrun\n}\n' | tensor-opt --verify-diagnostics

// 1: invalid input, a missing input, a pass that fails, a mismatch of
// expected diagnostics, an output that cannot be written.
// RUN: printf 'func.func @f() {\n  func.retrun\n}\n' | tensor-opt 2> /dev/null; test $? -eq 1
// RUN: tensor-opt %t.no-such-file 2> /dev/null; test $? -eq 1
// RUN: tensor-opt %s --pass-pipeline='builtin.module(canonicalize{max-iterations=1 test-convergence=true})' > /dev/null 2>&1; test $? -eq 1
// RUN: printf 'func.func @f() {\n  // expected-error @+1 {{something else}}\n  func.retrun\n}\n' | tensor-opt --verify-diagnostics 2> /dev/null; test $? -eq 1
// RUN: tensor-opt %s -o %t.no-such-dir/out.mlir 2> /dev/null; test $? -eq 1

// 1 as well: an unknown flag, a missing or bad flag value, a second input, a
// bad pipeline, flags that do not go together. Nothing reaches stdout.
// RUN: tensor-opt %s --no-such-flag 2> /dev/null; test $? -eq 1
// RUN: tensor-opt %s -o 2> /dev/null; test $? -eq 1
// RUN: tensor-opt %s --mlir-elide-elementsattrs-if-larger=many 2> /dev/null; test $? -eq 1
// RUN: tensor-opt %s %s 2> /dev/null; test $? -eq 1
// RUN: tensor-opt %s --pass-pipeline='builtin.module(cse' 2> /dev/null; test $? -eq 1
// RUN: tensor-opt %s --pass-pipeline='builtin.module(no-such-pass)' 2> /dev/null; test $? -eq 1
// RUN: tensor-opt %s --cse --pass-pipeline='builtin.module(cse)' 2> /dev/null; test $? -eq 1
// RUN: tensor-opt %s --emit-bytecode --split-input-file 2> /dev/null; test $? -eq 1
// RUN: not tensor-opt %s --no-such-flag 2> /dev/null | count 0
// RUN: not %mlir_opt %s --no-such-flag 2> /dev/null | count 0

// 70: an internal error. A crash inside MLIR is caught by tensor-opt's signal
// handler; here the signal comes from outside (SIGABRT, once tensor-opt has
// installed its handler and while it waits to open a FIFO).
// RUN: sh %S/Inputs/crash.sh %t.fifo 2>&1 | FileCheck %s --check-prefix=CRASH
// CRASH: tensor-opt: internal error: crashed inside MLIR (fatal signal); please report this with the input and command line
// CRASH: exit code 70

// canonicalize folds x + 0, which takes it two iterations.
func.func @add_zero(%a: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %r = arith.addi %a, %c0 : i32
  return %r : i32
}
