// RUN: tensor-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: tensor-opt %s --mlir-print-debuginfo | FileCheck %s --check-prefix=DEBUGINFO
// RUN: tensor-opt %s --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s --check-prefix=LOCAL-DEBUGINFO
// RUN: tensor-opt %s --mlir-print-local-scope | FileCheck %s --check-prefix=LOCAL
// RUN: tensor-opt %s --mlir-elide-elementsattrs-if-larger=2 | FileCheck %s --check-prefix=ELIDE
// RUN: tensor-opt %s --mlir-elide-elementsattrs-if-larger 4 | FileCheck %s --check-prefix=NO-ELIDE
// RUN: tensor-opt %s --mlir-print-unique-ssa-ids | FileCheck %s --check-prefix=UNIQUE
// RUN: tensor-opt %s --mlir-print-skip-regions | FileCheck %s --check-prefix=SKIP-REGIONS

// The printing flags change how the output is printed, as in mlir-opt: the
// generic op form (with the types tg infers spelled out), locations (as
// aliases, or inline with local scope), no attribute or type aliases with local
// scope, elided ElementsAttrs above N elements, SSA value numbers unique
// across functions, and ops without their regions.

// Printed byte for byte as mlir-opt prints an upstream-only input.
// RUN: for flags in --mlir-print-op-generic --mlir-print-debuginfo --mlir-print-local-scope '--mlir-print-debuginfo --mlir-print-local-scope' --mlir-elide-elementsattrs-if-larger=3 '--mlir-print-op-generic --mlir-print-debuginfo --mlir-print-local-scope' \
// RUN:     --mlir-print-unique-ssa-ids --mlir-print-skip-regions; do \
// RUN:   tensor-opt %S/Inputs/upstream.mlir $flags > %t.ours && \
// RUN:   %mlir_opt %S/Inputs/upstream.mlir $flags > %t.theirs && \
// RUN:   diff %t.theirs %t.ours || exit 1; \
// RUN: done

// A bad N is a command-line error: exit code 1.
// RUN: { tensor-opt %s --mlir-elide-elementsattrs-if-larger=-1; echo "exit code $?"; } 2>&1 | FileCheck %s --check-prefix=BAD-N
// BAD-N: error: invalid value '-1' for '--mlir-elide-elementsattrs-if-larger <N>'
// BAD-N: exit code 1

// GENERIC:       "builtin.module"() ({
// GENERIC-NEXT:    "func.func"() <{function_type = () -> (tensor<4xf32>, tensor<2xf32>), sym_name = "consts"}> ({
// GENERIC-NEXT:      %[[BIG:.*]] = "tg.constant"() <{value = dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>}> : () -> tensor<4xf32>
// GENERIC-NEXT:      %[[SMALL:.*]] = "tg.constant"() <{value = dense<[5.000000e+00, 6.000000e+00]> : tensor<2xf32>}> : () -> tensor<2xf32>
// GENERIC-NEXT:      "func.return"(%[[BIG]], %[[SMALL]]) : (tensor<4xf32>, tensor<2xf32>) -> ()
// GENERIC:         "func.func"() <{function_type = (tensor<1x3x8x8xf32>) -> tensor<1x8x8x3xf32>, sym_name = "transpose"}> ({
// GENERIC-NEXT:    ^bb0(%[[X:.*]]: tensor<1x3x8x8xf32>):
// GENERIC-NEXT:      %[[T:.*]] = "tg.transpose"(%[[X]]) <{perm = array<i64: 0, 2, 3, 1>}> : (tensor<1x3x8x8xf32>) -> tensor<1x8x8x3xf32>
// GENERIC-NEXT:      "func.return"(%[[T]]) : (tensor<1x8x8x3xf32>) -> ()

// Each function numbers its values on from the others'.
// UNIQUE-LABEL: func.func @consts()
// UNIQUE-NEXT:    %2 = tg.constant
// UNIQUE-NEXT:    %3 = tg.constant
// UNIQUE-LABEL: func.func @transpose(%arg1:
// UNIQUE-NEXT:    %1 = tg.transpose %arg1
// UNIQUE-LABEL: func.func @shift(%arg0:
// UNIQUE-NEXT:    %0 = affine.apply

// SKIP-REGIONS:     {{^}}module {...}
// SKIP-REGIONS-NOT: func.func

// DEBUGINFO:      #map = affine_map<(d0) -> (d0 + 1)>
// DEBUGINFO:      module {
// DEBUGINFO-NEXT:   func.func @consts() -> (tensor<4xf32>, tensor<2xf32>) {
// DEBUGINFO-NEXT:     tg.constant {{.*}} loc(#[[BIG:loc[0-9]*]])
// DEBUGINFO:        } loc(#[[CONSTS:loc[0-9]*]])
// DEBUGINFO:      {{^}}} loc(#[[MODULE:loc[0-9]*]])
// DEBUGINFO-DAG:  #[[MODULE]] = loc("{{.*}}print-flags.mlir":0:0)
// DEBUGINFO-DAG:  #[[CONSTS]] = loc("{{.*}}print-flags.mlir":[[# @LINE + 23]]:1)
// DEBUGINFO-DAG:  #[[BIG]] = loc("{{.*}}print-flags.mlir":[[# @LINE + 23]]:10)

// LOCAL-DEBUGINFO-NOT: #map
// LOCAL-DEBUGINFO:     func.func @consts() -> (tensor<4xf32>, tensor<2xf32>) {
// LOCAL-DEBUGINFO-NEXT:  tg.constant {{.*}} loc("{{.*}}print-flags.mlir":[[# @LINE + 19]]:10)
// LOCAL-DEBUGINFO:     affine.apply affine_map<(d0) -> (d0 + 1)>(%{{.*}}) loc("{{.*}}print-flags.mlir":[[# @LINE + 31]]:8)
// LOCAL-DEBUGINFO:     } loc("{{.*}}print-flags.mlir":0:0)
// LOCAL-DEBUGINFO-NOT: #loc

// LOCAL-NOT: #map
// LOCAL:     affine.apply affine_map<(d0) -> (d0 + 1)>(%{{.*}})
// LOCAL-NOT: loc(

// ELIDE-LABEL: func.func @consts()
// ELIDE-NEXT:    tg.constant dense_resource<__elided__> : tensor<4xf32>
// ELIDE-NEXT:    tg.constant dense<[5.000000e+00, 6.000000e+00]> : tensor<2xf32>

// NO-ELIDE-LABEL: func.func @consts()
// NO-ELIDE-NEXT:    tg.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>
// NO-ELIDE-NEXT:    tg.constant dense<[5.000000e+00, 6.000000e+00]> : tensor<2xf32>

// Two constants, one above the elision limit of 2 and one not.
func.func @consts() -> (tensor<4xf32>, tensor<2xf32>) {
  %big = tg.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %small = tg.constant dense<[5.0, 6.0]> : tensor<2xf32>
  return %big, %small : tensor<4xf32>, tensor<2xf32>
}

// A tg op whose result type the custom form leaves to inference.
func.func @transpose(%x: tensor<1x3x8x8xf32>) -> tensor<1x8x8x3xf32> {
  %t = tg.transpose %x perm [0, 2, 3, 1] : tensor<1x3x8x8xf32>
  return %t : tensor<1x8x8x3xf32>
}

// An affine map, printed as an alias unless the scope is local.
func.func @shift(%i: index) -> index {
  %0 = affine.apply affine_map<(d0) -> (d0 + 1)>(%i)
  return %0 : index
}
