#!/usr/bin/env python3
"""The tensor language against tg, in one run: each pair is the same
workload written in .tc and in the tg dialect, compiled by tensor-run
(tg-compile opt-level=3) on the same .npy inputs, and timed in turns
(A B A B ...) with `tensor-run --bench ITERS --json`; the result of each
is checked against the other's first. Prints each round's medians and the
median of the per-round ratios (tc time / tg time: below 1, .tc is faster).

Usage: benches/tc.py [--rounds 7] [--iters 50] [--threads 1] [--tensor-run PATH]
"""

import argparse
import json
import statistics
import subprocess
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

MATMUL_TG = """func.func @main(%a: tensor<512x512xf32>, %b: tensor<512x512xf32>) -> tensor<512x512xf32> {
  %c = tg.matmul %a, %b : tensor<512x512xf32>, tensor<512x512xf32>
  return %c : tensor<512x512xf32>
}
"""

PAIRS = [
    {
        "name": "Conv -> Transpose -> batched Matmul (with its schedule)",
        "tc": ["examples/tc/convmatmul.tc"],
        "tg": ["examples/convmatmul.tg.mlir"],
        "inputs": [(8, 3, 32, 32), (16, 3, 3, 3), (8, 30, 16, 64)],
    },
    {
        "name": "matmul 512x512x512 (no schedule)",
        "tc": ["examples/tc/matmul.tc"],
        "tg": None,  # MATMUL_TG, written to a temporary file
        "inputs": [(512, 512), (512, 512)],
    },
]


def bench(tensor_run, program, inputs, iters, threads, out):
    args = [tensor_run, *program, *sum((["--input", str(p)] for p in inputs), [])]
    args += ["--threads", str(threads), "--bench", str(iters), "--json", "-o", str(out)]
    result = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])["median_ms"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--iters", type=int, default=50)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--tensor-run", default=str(ROOT / "target/release/tensor-run"))
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        tmp = Path(directory)
        (tmp / "matmul.tg.mlir").write_text(MATMUL_TG)
        rng = np.random.default_rng(0)
        for pair in PAIRS:
            inputs = []
            for i, shape in enumerate(pair["inputs"]):
                path = tmp / f"in{i}.npy"
                np.save(path, rng.uniform(-1, 1, shape).astype(np.float32))
                inputs.append(path)
            tc = [str(ROOT / pair["tc"][0])]
            tg = [str(ROOT / pair["tg"][0])] if pair["tg"] else [str(tmp / "matmul.tg.mlir")]
            ratios, tc_times, tg_times = [], [], []
            for _ in range(options.rounds):
                a = bench(options.tensor_run, tc, inputs, options.iters, options.threads, tmp / "tc.npy")
                b = bench(options.tensor_run, tg, inputs, options.iters, options.threads, tmp / "tg.npy")
                tc_times.append(a)
                tg_times.append(b)
                ratios.append(a / b)
            got, want = np.load(tmp / "tc.npy"), np.load(tmp / "tg.npy")
            np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4 * float(np.abs(want).max()))
            print(f"{pair['name']}, {options.threads} thread(s), {options.rounds} rounds of {options.iters} calls:")
            print("  .tc medians (ms): " + ", ".join(f"{t:.3f}" for t in tc_times))
            print("  tg  medians (ms): " + ", ".join(f"{t:.3f}" for t in tg_times))
            print(f"  .tc / tg: median ratio {statistics.median(ratios):.3f} "
                  f"(min {min(ratios):.3f}, max {max(ratios):.3f}); results agree")


main()
