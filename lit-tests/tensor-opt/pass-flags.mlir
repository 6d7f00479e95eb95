// One flag per pass, ours and upstream, run in command-line order: the flags
// build the same pass manager a bare `--pass-pipeline` list would, with
// passes anchored on func.func nested implicitly. `-name` works as `--name`,
// and options follow `=`, as in mlir-opt.

// RUN: tensor-opt %s --canonicalize | FileCheck %s --check-prefix=CANON
// RUN: tensor-opt %s -canonicalize | FileCheck %s --check-prefix=CANON
// RUN: tensor-opt %s --cse | FileCheck %s --check-prefix=CSE
// RUN: tensor-opt %s --tg-simplify | FileCheck %s --check-prefix=SIMPLIFY
// RUN: tensor-opt %s -tg-simplify=fold-reshapes=false | FileCheck %s --check-prefix=NO-RESHAPES
// RUN: tensor-opt %s --tg-simplify='fold-reshapes=false fold-transposes=false' | FileCheck %s --check-prefix=NOTHING

// Order matters: tg-simplify turns the transpose chain into a copy of the
// other transpose, which cse merges only when it runs after.
// RUN: tensor-opt %s --tg-simplify --cse | FileCheck %s --check-prefix=SIMPLIFY-CSE
// RUN: tensor-opt %s --cse --tg-simplify | FileCheck %s --check-prefix=CSE-SIMPLIFY

// The pass manager the flags build, in their order, repeated flags included;
// upstream-only flags build what mlir-opt builds.
// RUN: tensor-opt %s -cse --tg-simplify=fold-reshapes=false --canonicalize=top-down=false --cse --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=DUMP
// DUMP:      Pass Manager with 4 passes:
// DUMP-NEXT: builtin.module(
// DUMP-NEXT:   cse,
// DUMP-NEXT:   func.func(
// DUMP-NEXT:     tg-simplify
// DUMP-NEXT:   ),
// DUMP-NEXT:   canonicalize{{{.*}} top-down=false},
// DUMP-NEXT:   cse
// DUMP-NEXT: )
// RUN: tensor-opt %S/Inputs/upstream.mlir --canonicalize='top-down=false max-iterations=3' -cse --dump-pass-pipeline -o /dev/null 2> %t.ours
// RUN: %mlir_opt %S/Inputs/upstream.mlir --canonicalize='top-down=false max-iterations=3' -cse --dump-pass-pipeline -o /dev/null 2> %t.theirs
// RUN: diff %t.theirs %t.ours

// A bad option is reported in the pipeline the flags stand for: exit code 1.
// RUN: { tensor-opt %s --tg-simplify=fold-reshapes=maybe; echo "exit code $?"; } 2>&1 | FileCheck %s --strict-whitespace --check-prefix=BAD-OPTION
// BAD-OPTION:      <pass-pipeline>:1:27: error: option 'fold-reshapes' of 'tg-simplify' expects true or false, got 'maybe'
// BAD-OPTION-NEXT: tg-simplify{fold-reshapes=maybe}
// BAD-OPTION-NEXT: {{^}}                          ^
// BAD-OPTION-NEXT: exit code 1
// RUN: { tensor-opt %s --cse=foo; echo "exit code $?"; } 2>&1 | FileCheck %s --check-prefix=NO-OPTIONS
// NO-OPTIONS:      <pass-pipeline>:1:5: error: 'cse' has no option 'foo'
// NO-OPTIONS:      note: help: 'cse' takes no options
// NO-OPTIONS-NEXT: exit code 1

// An unknown flag is a command-line error: exit code 1, with a suggestion,
// in LLVM's words (as mlir-opt says it), the flag as typed.
// RUN: { tensor-opt %s -canonicalise=max-iterations=2; echo "exit code $?"; } 2>&1 | FileCheck %s --check-prefix=UNKNOWN-FLAG
// UNKNOWN-FLAG:      tensor-opt: Unknown command line argument '-canonicalise=max-iterations=2'.  Try: '{{.*}}tensor-opt --help'
// UNKNOWN-FLAG-NEXT: tensor-opt: Did you mean '--canonicalize=max-iterations=2'?
// UNKNOWN-FLAG-NEXT: exit code 1

// Without any pass, the input is printed as parsed.
// RUN: tensor-opt %s | FileCheck %s --check-prefix=NOTHING

// CANON-LABEL: func.func @order(
// CANON-NEXT:    tg.transpose
// CANON-NEXT:    tg.transpose
// CANON-NEXT:    tg.transpose
// CANON-LABEL: func.func @add_zero(
// CANON-SAME:      %[[A:.*]]: i32)
// CANON-NEXT:    return %[[A]], %[[A]] : i32, i32

// CSE-LABEL: func.func @add_zero(
// CSE-NEXT:    %[[C:.*]] = arith.constant 0 : i32
// CSE-NEXT:    %[[S:.*]] = arith.addi %{{.*}}, %[[C]]
// CSE-NEXT:    return %[[S]], %[[S]] : i32, i32

// SIMPLIFY-LABEL: func.func @order(
// SIMPLIFY-SAME:      %[[X:.*]]: tensor<2x3x4xf32>)
// SIMPLIFY-NEXT:    %[[T2:.*]] = tg.transpose %[[X]] perm [1, 2, 0] : tensor<2x3x4xf32>
// SIMPLIFY-NEXT:    %[[T3:.*]] = tg.transpose %[[X]] perm [1, 2, 0] : tensor<2x3x4xf32>
// SIMPLIFY-NEXT:    return %[[T2]], %[[T3]]
// SIMPLIFY-LABEL: func.func @reshapes(
// SIMPLIFY-SAME:      %[[X:.*]]: tensor<2x3xf32>)
// SIMPLIFY-NEXT:    %[[R:.*]] = tg.reshape %[[X]] : tensor<2x3xf32> to tensor<6xf32>
// SIMPLIFY-NEXT:    return %[[R]]
// tg-simplify folds no other op (no arith folding, no constant hoisting).
// SIMPLIFY-LABEL: func.func @add_zero(
// SIMPLIFY-NEXT:    arith.constant
// SIMPLIFY-NEXT:    arith.addi
// SIMPLIFY-NEXT:    arith.addi

// NO-RESHAPES-LABEL: func.func @order(
// NO-RESHAPES-NEXT:    tg.transpose %{{.*}} perm [1, 2, 0]
// NO-RESHAPES-NEXT:    tg.transpose %{{.*}} perm [1, 2, 0]
// NO-RESHAPES-LABEL: func.func @reshapes(
// NO-RESHAPES-NEXT:    tg.reshape
// NO-RESHAPES-NEXT:    tg.reshape

// NOTHING-LABEL: func.func @order(
// NOTHING-NEXT:    tg.transpose %{{.*}} perm [1, 0, 2]
// NOTHING-NEXT:    tg.transpose %{{.*}} perm [0, 2, 1]
// NOTHING-NEXT:    tg.transpose %{{.*}} perm [1, 2, 0]
// NOTHING-LABEL: func.func @reshapes(
// NOTHING-NEXT:    tg.reshape
// NOTHING-NEXT:    tg.reshape
// NOTHING-LABEL: func.func @add_zero(
// NOTHING-NEXT:    arith.constant
// NOTHING-NEXT:    arith.addi
// NOTHING-NEXT:    arith.addi

// SIMPLIFY-CSE-LABEL: func.func @order(
// SIMPLIFY-CSE-NEXT:    %[[T:.*]] = tg.transpose %{{.*}} perm [1, 2, 0]
// SIMPLIFY-CSE-NEXT:    return %[[T]], %[[T]]

// CSE-SIMPLIFY-LABEL: func.func @order(
// CSE-SIMPLIFY-NEXT:    %[[T2:.*]] = tg.transpose %{{.*}} perm [1, 2, 0]
// CSE-SIMPLIFY-NEXT:    %[[T3:.*]] = tg.transpose %{{.*}} perm [1, 2, 0]
// CSE-SIMPLIFY-NEXT:    return %[[T2]], %[[T3]]

// transpose(transpose(x)) composes into what the third transpose computes.
func.func @order(%x: tensor<2x3x4xf32>) -> (tensor<3x4x2xf32>, tensor<3x4x2xf32>) {
  %t1 = tg.transpose %x perm [1, 0, 2] : tensor<2x3x4xf32>
  %t2 = tg.transpose %t1 perm [0, 2, 1] : tensor<3x2x4xf32>
  %t3 = tg.transpose %x perm [1, 2, 0] : tensor<2x3x4xf32>
  return %t2, %t3 : tensor<3x4x2xf32>, tensor<3x4x2xf32>
}

// Two reshapes merge into one.
func.func @reshapes(%x: tensor<2x3xf32>) -> tensor<6xf32> {
  %0 = tg.reshape %x : tensor<2x3xf32> to tensor<3x2xf32>
  %1 = tg.reshape %0 : tensor<3x2xf32> to tensor<6xf32>
  return %1 : tensor<6xf32>
}

// Canonicalization folds x + 0; cse merges the two identical additions.
func.func @add_zero(%a: i32) -> (i32, i32) {
  %c0 = arith.constant 0 : i32
  %r = arith.addi %a, %c0 : i32
  %s = arith.addi %a, %c0 : i32
  return %r, %s : i32, i32
}
