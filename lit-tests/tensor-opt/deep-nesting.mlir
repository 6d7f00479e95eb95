// Deeply nested input parses and prints: tensor-opt works on a thread with a
// large stack. Should a stack still overflow, the crash handler runs on its
// own signal stack and reports an internal error (exit code 70) instead of
// the process dying silently of SIGSEGV.

// An attribute nested 10000 deep.
// RUN: python3 -c "n = 10000; print('func.func @f() attributes {a = ' + '[' * n + ']' * n + '} { return }')" > %t.attr.mlir
// RUN: tensor-opt %t.attr.mlir | FileCheck %s --check-prefix=ATTR
// ATTR: func.func @f() attributes {a = {{\[\[\[\[}}

// Regions nested 3000 deep, printed and canonicalized.
// RUN: python3 -c "n = 3000; print('func.func @f() {\n' + 'scf.execute_region {\n' * n + 'scf.yield\n' + '}\nscf.yield\n' * (n - 1) + '}\nreturn\n}')" > %t.regions.mlir
// RUN: tensor-opt %t.regions.mlir | grep -c scf.execute_region | FileCheck %s --check-prefix=REGIONS
// REGIONS: {{^}}3000{{$}}
// RUN: tensor-opt %t.regions.mlir --canonicalize | FileCheck %s --check-prefix=FOLDED
// FOLDED:     func.func @f() {
// FOLDED-NOT: scf.execute_region

// A stack too small for the attribute (RUST_MIN_STACK sets it) overflows:
// the report, and exit code 70.
// RUN: { env RUST_MIN_STACK=1048576 tensor-opt %t.attr.mlir; echo "exit code $?"; } 2>&1 | FileCheck %s --check-prefix=OVERFLOW
// OVERFLOW:      tensor-opt: internal error: crashed inside MLIR (fatal signal); please report this with the input and command line
// OVERFLOW-NEXT: exit code 70
