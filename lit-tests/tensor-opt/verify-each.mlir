// RUN: tensor-opt %s --transform-interpreter --verify-diagnostics
// RUN: tensor-opt %s --transform-interpreter --verify-each --verify-diagnostics
// RUN: tensor-opt %s --transform-interpreter --verify-each=true --verify-diagnostics
// RUN: tensor-opt %s --transform-interpreter --verify-each=false | FileCheck %s --check-prefix=NO-VERIFY
// RUN: tensor-opt %s --transform-interpreter -verify-each=0 | FileCheck %s --check-prefix=NO-VERIFY

// --verify-each (on by default) runs the verifier after every pass: the
// transform script below makes the function invalid (llvm.data_layout must be
// a string), which fails the run with exit code 1 after the pass. With
// --verify-each=false the invalid IR goes on to the printer, which falls back
// on the generic form (no error, exit code 0). mlir-opt does the same (here
// without the expected-error comment, which mlir-opt 22 reports as "not
// produced" whenever it runs without --verify-diagnostics).
// RUN: sed '/expected-error/d' %s > %t.mlir

// RUN: not tensor-opt %t.mlir --transform-interpreter > /dev/null 2> %t.ours.err
// RUN: not %mlir_opt %t.mlir --transform-interpreter > /dev/null 2> %t.theirs.err
// RUN: diff %t.theirs.err %t.ours.err
// RUN: tensor-opt %t.mlir --transform-interpreter --verify-each=false > %t.ours 2>&1
// RUN: %mlir_opt %t.mlir --transform-interpreter --verify-each=false > %t.theirs 2>&1
// RUN: diff %t.theirs %t.ours

// A bad value is a command-line error (exit code 1).
// RUN: { tensor-opt %s --verify-each=maybe; echo "exit code $?"; } 2>&1 | FileCheck %s --check-prefix=BAD-VALUE
// BAD-VALUE: error: invalid value 'maybe' for '--verify-each[=<verify-each>]'
// BAD-VALUE: exit code 1

// NO-VERIFY:      "builtin.module"() ({
// NO-VERIFY-NEXT:   "func.func"() <{function_type = () -> (), sym_name = "f"}> ({
// NO-VERIFY-NEXT:     "func.return"() : () -> ()
// NO-VERIFY-NEXT:   }) {llvm.data_layout = 42 : i64} : () -> ()

module attributes {transform.with_named_sequence} {
  // expected-error @+1 {{'func.func' op expected 'llvm.data_layout' to be a string attributes}}
  func.func @f() {
    return
  }
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %f = transform.structured.match ops{["func.func"]} in %root : (!transform.any_op) -> !transform.any_op
    %p = transform.param.constant 42 : i64 -> !transform.any_param
    transform.annotate %f "llvm.data_layout" = %p : !transform.any_op, !transform.any_param
    transform.yield
  }
}
