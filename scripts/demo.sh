#!/usr/bin/env bash
# The main demo, end to end: bootstrap, build tensor-opt, read the tg version
# of the Conv2d -> Transpose -> batched Matmul workload (types inferred and
# verified), run a mixed Rust + upstream pipeline on it, compile it to LLVM
# IR with tg-compile, run it in the JIT on .npy inputs and check the result
# against numpy and the reference interpreter, and check that
# tensor-opt and mlir-opt print the same bytes for the upstream linalg version.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
cargo build -q --release -p tensor-opt -p tensor-run
opt=target/release/tensor-opt
run=target/release/tensor-run
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

echo "== examples/convmatmul.tg.mlir through builtin.module(func.func(tg-simplify,canonicalize),cse)"
$opt examples/convmatmul.tg.mlir --pass-pipeline='builtin.module(func.func(tg-simplify,canonicalize),cse)'

echo "== compiled by tg-compile (tg -> linalg -> bufferized -> affine -> LLVM dialect) to LLVM IR"
$opt examples/convmatmul.tg.mlir --tg-compile --emit=llvm-ir | grep -E "^define" || exit 1
$opt examples/convmatmul.tg.mlir --tg-compile --emit=llvm-ir | wc -l | sed 's/$/ lines of LLVM IR/'

echo "== compiled and run in the JIT on .npy inputs, checked against numpy and the reference interpreter"
check=lit-tests/tensor-run/Inputs/convmatmul.py
/usr/bin/python3 $check gen "$tmp" 42
inputs=(--input "$tmp/input.npy" --input "$tmp/filter.npy" --input "$tmp/rhs.npy")
$run examples/convmatmul.tg.mlir "${inputs[@]}" -o "$tmp/jit.npy" --print
/usr/bin/python3 $check check "$tmp" "$tmp/jit.npy"
$run examples/convmatmul.tg.mlir "${inputs[@]}" -o "$tmp/ref.npy" --reference
/usr/bin/python3 lit-tests/tensor-run/Inputs/compare.py "$tmp/jit.npy" "$tmp/ref.npy" 1e-5
$run examples/convmatmul.tg.mlir "${inputs[@]}" --bench 10

echo "== the same workload in upstream linalg, lowered to affine loops and fused, by tensor-opt and by mlir-opt"
pipeline='builtin.module(convert-linalg-to-affine-loops,func.func(affine-loop-fusion))'
$opt lit-tests/Inputs/convmatmul.linalg.mlir --pass-pipeline="$pipeline" -o "$tmp/ours.mlir"
/usr/lib/llvm-22/bin/mlir-opt lit-tests/Inputs/convmatmul.linalg.mlir --pass-pipeline="$pipeline" -o "$tmp/theirs.mlir"
if cmp -s "$tmp/ours.mlir" "$tmp/theirs.mlir"; then
  echo "identical: $(wc -l < "$tmp/ours.mlir") lines, $(wc -c < "$tmp/ours.mlir") bytes"
else
  diff "$tmp/theirs.mlir" "$tmp/ours.mlir"; exit 1
fi
