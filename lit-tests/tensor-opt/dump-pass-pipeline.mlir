// RUN: tensor-opt %s --pass-pipeline='builtin.module(func.func(tg-simplify{fold-transposes=false},canonicalize{top-down=false}),cse)' --dump-pass-pipeline 2>&1 >/dev/null | FileCheck %s --strict-whitespace --check-prefix=MIXED
// RUN: tensor-opt %s --tg-simplify --cse --tg-simplify --dump-pass-pipeline 2>&1 >/dev/null | FileCheck %s --strict-whitespace --check-prefix=FLAGS
// RUN: tensor-opt %s --dump-pass-pipeline 2>&1 >/dev/null | FileCheck %s --strict-whitespace --check-prefix=EMPTY
// RUN: tensor-opt %s --split-input-file --cse --dump-pass-pipeline 2>&1 >/dev/null | FileCheck %s --check-prefix=SPLIT

// --dump-pass-pipeline prints, to stderr and before running it, the pass
// manager the pipeline or the pass flags built, as mlir-opt does: nested pass
// managers indented, upstream passes with all their options. A Rust pass
// shows with every option's value too, in declaration order (MLIR prints it
// by its name alone; tensor-opt fills in the options it assembled). It is
// printed for each chunk that parses; the output on stdout is unchanged.

// The same as mlir-opt for upstream passes, pipelines and flags.
// RUN: for pipeline in 'builtin.module(func.func(canonicalize{top-down=false}),cse)' 'builtin.module()' 'builtin.module(inline,sparsifier)' 'builtin.module(builtin.module(func.func(cse)),func.func(loop-invariant-code-motion))'; do \
// RUN:   tensor-opt %S/Inputs/upstream.mlir --pass-pipeline="$pipeline" --dump-pass-pipeline -o /dev/null 2> %t.ours && \
// RUN:   %mlir_opt %S/Inputs/upstream.mlir --pass-pipeline="$pipeline" --dump-pass-pipeline -o /dev/null 2> %t.theirs && \
// RUN:   diff %t.theirs %t.ours || exit 1; \
// RUN: done
// RUN: tensor-opt %S/Inputs/upstream.mlir --cse -canonicalize=max-iterations=3 --cse --dump-pass-pipeline -o /dev/null 2> %t.ours
// RUN: %mlir_opt %S/Inputs/upstream.mlir --cse -canonicalize=max-iterations=3 --cse --dump-pass-pipeline -o /dev/null 2> %t.theirs
// RUN: diff %t.theirs %t.ours
// RUN: tensor-opt %S/Inputs/split-upstream.mlir --split-input-file --cse --dump-pass-pipeline -o /dev/null 2> %t.ours || true
// RUN: %mlir_opt %S/Inputs/split-upstream.mlir --split-input-file --cse --dump-pass-pipeline -o /dev/null 2> %t.theirs || true
// RUN: diff %t.theirs %t.ours

// MIXED:      {{^}}Pass Manager with 2 passes:
// MIXED-NEXT: {{^}}builtin.module(
// MIXED-NEXT: {{^}}  func.func(
// MIXED-NEXT: {{^}}    tg-simplify{fold-transposes=false fold-reshapes=true fold-splats=true},
// MIXED-NEXT: {{^}}    canonicalize{  max-iterations=10 max-num-rewrites=-1 region-simplify=normal test-convergence=false top-down=false}
// MIXED-NEXT: {{^}}  ),
// MIXED-NEXT: {{^}}  cse
// MIXED-NEXT: {{^}})
// MIXED-EMPTY:
// MIXED-NOT:  {{.}}

// Each tg-simplify flag gets its own nesting on func.func.
// FLAGS:      {{^}}Pass Manager with 3 passes:
// FLAGS-NEXT: {{^}}builtin.module(
// FLAGS-NEXT: {{^}}  func.func(
// FLAGS-NEXT: {{^}}    tg-simplify{fold-transposes=true fold-reshapes=true fold-splats=true}
// FLAGS-NEXT: {{^}}  ),
// FLAGS-NEXT: {{^}}  cse,
// FLAGS-NEXT: {{^}}  func.func(
// FLAGS-NEXT: {{^}}    tg-simplify{fold-transposes=true fold-reshapes=true fold-splats=true}
// FLAGS-NEXT: {{^}}  )
// FLAGS-NEXT: {{^}})

// tg-compile expands into Rust passes with their options, upstream ones with theirs.
// RUN: tensor-opt %s --tg-compile='opt-level=3 threads=2 kc=64' --dump-pass-pipeline 2>&1 >/dev/null | FileCheck %s --check-prefix=COMPILE
// COMPILE:      {{^}}  tg-runtime-checks,
// COMPILE:      {{^}}    tg-fuse{max-group-size=16 fuse-reductions=true}
// COMPILE:      {{^}}    tg-to-linalg{conv-channels-last=true}
// COMPILE:      {{^}}  tg-schedule{vector-width=0 threads=1 kc=1024 file= emit=false embedded-only=true},
// COMPILE:      {{^}}  linalg-fuse-elementwise-ops,
// COMPILE:      {{^}}  tg-schedule{vector-width=0 threads=2 kc=64 file= emit=false embedded-only=false},
// COMPILE:      {{^}}  convert-scf-to-openmp{num-threads=2}

// EMPTY:      {{^}}Pass Manager with 0 passes:
// EMPTY-NEXT: {{^}}builtin.module(
// EMPTY-EMPTY:
// EMPTY-NEXT: {{^}})

// SPLIT-COUNT-2: Pass Manager with 1 passes:
// SPLIT-NOT:     Pass Manager

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tg.relu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @g() {
  return
}
