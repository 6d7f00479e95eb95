// --mlir-very-unsafe-disable-verifier-on-parsing: invalid IR parses and is
// printed (generically, with mlir-opt's comment) instead of being rejected.

// RUN: tensor-opt --mlir-very-unsafe-disable-verifier-on-parsing %s | FileCheck %s
// RUN: tensor-opt --mlir-very-unsafe-disable-verifier-on-parsing %s > %t.ours
// RUN: %mlir_opt --mlir-very-unsafe-disable-verifier-on-parsing %s > %t.theirs
// RUN: cmp %t.ours %t.theirs
// RUN: not tensor-opt %s 2>&1 | FileCheck %s --check-prefix=VERIFIED

// CHECK: "builtin.module"() ({
// CHECK-NEXT: "func.func"() <{function_type = () -> tensor<10xi32>, sym_name = "foo"}> ({
// CHECK-NEXT: "func.return"() : () -> ()
// VERIFIED: error: 'func.return' op has 0 operands, but enclosing function (@foo) returns 1
func.func @foo() -> tensor<10xi32> { return }
