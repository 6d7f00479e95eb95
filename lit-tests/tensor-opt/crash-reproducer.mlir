// A crash inside an upstream pass (LLVM 22's linalg-specialize-generic-ops
// crashes on a scalar operand) loses none of the chunks printed before it,
// and with --mlir-pass-pipeline-crash-reproducer it is a failed pass with a
// reproducer, as in mlir-opt.

// Without a reproducer: an internal error (exit code 70); stdout holds what
// mlir-opt prints before it crashes, the first chunk and a marker. (mlir-opt
// itself is not run here: its crash is undefined behaviour, and a few runs
// in a hundred do not crash.)
// RUN: { tensor-opt %s --split-input-file --linalg-specialize-generic-ops > %t.ours; echo "exit code $?"; } 2>&1 | FileCheck %s --check-prefix=CRASH
// CRASH: tensor-opt: internal error: crashed inside MLIR (fatal signal)
// CRASH: exit code 70
// RUN: FileCheck %s --check-prefix=BEFORE-CRASH < %t.ours
// BEFORE-CRASH:      func.func @before(
// BEFORE-CRASH:      {{^// [-]{5}$}}
// BEFORE-CRASH-NOT:  func.func

// With a reproducer: the pass fails (exit code 1), the other chunks are
// printed, and the reproducer holds the chunk and the pipeline.
// RUN: rm -f %t.repro.mlir
// RUN: { tensor-opt %s --split-input-file --linalg-specialize-generic-ops --mlir-pass-pipeline-crash-reproducer=%t.repro.mlir > %t.ours; echo "exit code $?"; } 2>&1 | FileCheck %s --check-prefix=REPRO -DREPRO=%t.repro.mlir
// REPRO:      crash-reproducer.mlir:{{[0-9]+}}:9: error: Failures have been detected while processing an MLIR pass pipeline
// REPRO:      note: Pipeline failed while executing [`LinalgSpecializeGenericOpsPass` on 'builtin.module' operation]: reproducer generated at `[[REPRO]]`
// REPRO-NEXT: exit code 1
// RUN: FileCheck %s --check-prefix=REPRO-FILE < %t.repro.mlir
// REPRO-FILE: func.func @scalar_operand(
// REPRO-FILE: pipeline: "builtin.module(linalg-specialize-generic-ops)"
// RUN: FileCheck %s --check-prefix=REPRO-OUT < %t.ours
// REPRO-OUT:      func.func @before(
// REPRO-OUT:      {{^// [-]{5}$}}
// REPRO-OUT-NEXT: {{^// [-]{5}$}}
// REPRO-OUT-NEXT: module {
// REPRO-OUT-NEXT:   func.func @after(

// A local reproducer (of the failing pass alone) needs --mlir-disable-threading.
// RUN: tensor-opt %s --split-input-file --linalg-specialize-generic-ops --mlir-pass-pipeline-crash-reproducer=%t.local.mlir --mlir-pass-pipeline-local-reproducer --mlir-disable-threading > /dev/null 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPRO-FILE < %t.local.mlir
// RUN: { tensor-opt %s --mlir-pass-pipeline-crash-reproducer=%t.local.mlir --mlir-pass-pipeline-local-reproducer; echo "exit code $?"; } 2>&1 | FileCheck %s --check-prefix=LOCAL-THREADS
// LOCAL-THREADS:      error: --mlir-pass-pipeline-local-reproducer needs --mlir-disable-threading
// LOCAL-THREADS-NEXT: exit code 1

func.func @before(%a: i32) -> i32 {
  return %a : i32
}

// -----

func.func @scalar_operand(%a: tensor<4xi32>, %s: i32) -> tensor<4xi32> {
  %init = tensor.empty() : tensor<4xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> ()>, affine_map<(i) -> (i)>],
                       iterator_types = ["parallel"]}
      ins(%a, %s : tensor<4xi32>, i32) outs(%init : tensor<4xi32>) {
  ^bb0(%x: i32, %y: i32, %out: i32):
    %sum = arith.addi %x, %y : i32
    linalg.yield %sum : i32
  } -> tensor<4xi32>
  return %r : tensor<4xi32>
}

// -----

func.func @after(%a: i32) -> i32 {
  return %a : i32
}
