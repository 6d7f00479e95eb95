// RUN: tensor-opt %s --cse --tg-simplify --mlir-timing -o /dev/null 2>&1 | FileCheck %s --check-prefix=TIMING
// RUN: tensor-opt %s --cse --tg-simplify --mlir-timing --mlir-disable-threading -o /dev/null 2>&1 | FileCheck %s --check-prefix=SERIAL
// RUN: tensor-opt %s --cse --tg-simplify --mlir-pass-statistics -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: tensor-opt %s --cse --tg-simplify --mlir-pass-statistics --mlir-timing -o /dev/null 2>&1 | FileCheck %s --check-prefix=BOTH

// --mlir-timing prints MLIR's execution time report of the passes, ours and
// upstream, to stderr when the run ends; --mlir-pass-statistics prints the
// pass statistics report (empty with this LLVM, built without statistics, as
// for mlir-opt); --mlir-disable-threading runs the context on one thread,
// which shows in the report: no user time apart from the wall time. Unlike
// mlir-opt's, the report has no Parser and Output lines. The output on stdout
// is the same with all of them.

// RUN: tensor-opt %s --cse --tg-simplify > %t.plain
// RUN: tensor-opt %s --cse --tg-simplify --mlir-timing --mlir-pass-statistics --mlir-disable-threading 2>/dev/null > %t.flags
// RUN: diff %t.plain %t.flags

// The statistics report is mlir-opt's.
// RUN: tensor-opt %S/Inputs/upstream.mlir --cse --canonicalize --mlir-pass-statistics -o /dev/null 2> %t.ours
// RUN: %mlir_opt %S/Inputs/upstream.mlir --cse --canonicalize --mlir-pass-statistics -o /dev/null 2> %t.theirs
// RUN: diff %t.theirs %t.ours

// TIMING:      ===-------------------------------------------------------------------------===
// TIMING-NEXT:                          ... Execution time report ...
// TIMING-NEXT: ===-------------------------------------------------------------------------===
// TIMING-NEXT:   Total Execution Time: {{[0-9]+\.[0-9]+}} seconds
// TIMING-EMPTY:
// TIMING-NEXT:   {{.*}}----Wall Time----  ----Name----
// TIMING-NEXT:   {{.*}}CSE
// TIMING:        {{.*}}'func.func' Pipeline
// TIMING-NEXT:   {{.*}}  TgSimplify
// TIMING-NEXT:   {{.*}}Rest
// TIMING-NEXT:   {{.*}}Total

// SERIAL:      Total Execution Time:
// SERIAL-NOT:  User Time
// SERIAL:      {{^}}  ----Wall Time----  ----Name----
// SERIAL-NEXT: {{^ +[0-9]+\.[0-9]+ \( *[0-9.]+%\)  CSE$}}

// STATS:      ===-------------------------------------------------------------------------===
// STATS-NEXT:                          ... Pass statistics report ...
// STATS-NEXT: ===-------------------------------------------------------------------------===
// STATS-NOT:  Execution time report

// BOTH: Pass statistics report
// BOTH: Execution time report

func.func @order(%x: tensor<2x3x4xf32>) -> (tensor<3x4x2xf32>, tensor<3x4x2xf32>) {
  %t1 = tg.transpose %x perm [1, 0, 2] : tensor<2x3x4xf32>
  %t2 = tg.transpose %t1 perm [0, 2, 1] : tensor<3x2x4xf32>
  %t3 = tg.transpose %x perm [1, 2, 0] : tensor<2x3x4xf32>
  return %t2, %t3 : tensor<3x4x2xf32>, tensor<3x4x2xf32>
}
