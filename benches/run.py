#!/usr/bin/env python3
"""The benchmark suite: each workload compiled by tensor-run (tg-compile
opt-level=3) and timed with 1 thread and with all cores, beside numpy's time
for the same computation on the same .npy inputs, in the same run.

Usage: benches/run.py [--iters N] [--only W2,W3] [--json FILE] [--tensor-run PATH]

numpy runs in a child process per thread count, with OPENBLAS_NUM_THREADS /
OMP_NUM_THREADS set before it is imported (that is the only way to pin
OpenBLAS's threads), and without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, so OpenBLAS
uses the kernel it detects for this CPU (threadpoolctl's report of it is printed
and saved). Each tensor-run result is checked against numpy's
before its time is reported. Prints a Markdown table; writes every number
to the JSON file (default target/bench/results.json).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

# name, file, inputs (shape per argument), work, unit, numpy expression.
# `work` is FLOPs (GFLOP/s) or bytes moved (GB/s) per call.
WORKLOADS = [
    {
        "id": "W1",
        "name": "convmatmul",
        "file": "examples/convmatmul.tg.mlir",
        "inputs": [(8, 3, 32, 32), (16, 3, 3, 3), (8, 30, 16, 64)],
        "work": 2 * 8 * 16 * 30 * 30 * 3 * 9 + 2 * 8 * 30 * 30 * 16 * 64,
        "unit": "GFLOP/s",
        "numpy": """
            win = np.lib.stride_tricks.sliding_window_view(a0, (3, 3), axis=(2, 3))
            conv = np.einsum('nchwij,fcij->nfhw', win, a1, optimize=True)
            out = np.matmul(conv.transpose(0, 2, 3, 1), a2)
        """,
    },
    {
        "id": "W2",
        "name": "gemm1024",
        "file": "benches/workloads/gemm1024.tg.mlir",
        "inputs": [(1024, 1024), (1024, 1024)],
        "work": 2 * 1024**3,
        "unit": "GFLOP/s",
        "numpy": "out = a0 @ a1",
    },
    {
        "id": "W3",
        "name": "eltwise",
        "file": "benches/workloads/eltwise.tg.mlir",
        "inputs": [(4096, 4096)] * 3,
        "work": 4 * 4096 * 4096 * 4,
        "unit": "GB/s",
        "numpy": "out = np.maximum(a0 * a1 + a2, 0)",
    },
    {
        "id": "W4",
        "name": "mlp",
        "file": "benches/workloads/mlp.tg.mlir",
        "inputs": [(256, 1024), (1024, 1024), (1024,)],
        "work": 2 * 256 * 1024 * 1024,
        "unit": "GFLOP/s",
        "numpy": "out = np.maximum(a0 @ a1 + a2, 0)",
    },
    {
        "id": "W5",
        "name": "cnn-block",
        "file": "benches/workloads/cnn-block.tg.mlir",
        "inputs": [(1, 64, 56, 56), (64, 64, 3, 3), (64, 1, 1)],
        "work": 2 * 64 * 64 * 9 * 56 * 56,
        "unit": "GFLOP/s",
        "numpy": """
            xp = np.pad(a0, ((0, 0), (0, 0), (1, 1), (1, 1)))
            win = np.lib.stride_tricks.sliding_window_view(xp, (3, 3), axis=(2, 3))
            conv = np.einsum('nchwij,fcij->nfhw', win, a1, optimize=True)
            act = np.maximum(conv + a2, 0)
            out = act.reshape(1, 64, 28, 2, 28, 2).max(axis=(3, 5))
        """,
    },
]

NUMPY_TIMER = """
import json, sys, time
import numpy as np
paths, iters, out_path = sys.argv[1].split(','), int(sys.argv[2]), sys.argv[3]
args = [np.load(p) for p in paths]
a0, a1, a2 = (args + [None] * 3)[:3]
def run():
{body}
    return out
out = run()  # warm-up
times = []
for _ in range(iters):
    start = time.perf_counter()
    run()
    times.append(time.perf_counter() - start)
np.save(out_path, out)
times.sort()
print(json.dumps({{"median_ms": times[len(times) // 2] * 1e3, "min_ms": times[0] * 1e3}}))
"""


# Variables that pin OpenBLAS to a kernel other than the one it detects for this CPU
# (this workplace sets OPENBLAS_CORETYPE=Haswell, the AVX2 kernel: sgemm 1.8x slower
# on an AVX-512 machine). numpy's process runs without them, as a user's would.
OPENBLAS_OVERRIDES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


def numpy_env():
    return {k: v for k, v in os.environ.items() if k not in OPENBLAS_OVERRIDES}


def blas_info():
    """What threadpoolctl reports of numpy's BLAS in that environment (kernel, version)."""
    probe = ("import json, numpy, threadpoolctl; "
             "print(json.dumps([{k: i.get(k) for k in ('internal_api', 'version', 'architecture', 'num_threads')} "
             "for i in threadpoolctl.threadpool_info() if i.get('user_api') == 'blas']))")
    proc = subprocess.run([sys.executable, "-c", probe], env=numpy_env(), capture_output=True, text=True)
    if proc.returncode != 0:
        return [{"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "threadpoolctl failed"}]
    return json.loads(proc.stdout)


def numpy_time(workload, inputs, iters, threads, out_path):
    body = textwrap.indent(textwrap.dedent(workload["numpy"]).strip(), "    ")
    env = numpy_env()
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = str(threads)
    proc = subprocess.run(
        [sys.executable, "-c", NUMPY_TIMER.format(body=body), ",".join(map(str, inputs)), str(iters), str(out_path)],
        env=env, capture_output=True, text=True, check=True,
    )
    return json.loads(proc.stdout)


def tensor_run_time(tensor_run, workload, inputs, iters, threads, out_path):
    command = [tensor_run, str(ROOT / workload["file"]), "--threads", str(threads), "--bench", str(iters), "--json"]
    for path in inputs:
        command += ["--input", str(path)]
    command += ["-o", str(out_path)]
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"tensor-run failed on {workload['name']}:\n{proc.stderr}")
    return json.loads(proc.stdout)


def rate(workload, ms):
    return workload["work"] / (ms * 1e-3) / 1e9


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iters", type=int, default=20, help="timed runs after one warm-up (default 20)")
    parser.add_argument("--only", help="comma-separated workload ids or names (default: all)")
    parser.add_argument("--json", default=str(ROOT / "target/bench/results.json"))
    parser.add_argument("--tensor-run", default=str(ROOT / "target/release/tensor-run"),
                        help="the tensor-run to time (the JIT compiles the same code in any Rust profile)")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    blas = blas_info()
    print("numpy BLAS:", ", ".join(f"{b.get('internal_api')} {b.get('version')} kernel {b.get('architecture')}" for b in blas)
          if blas and "error" not in blas[0] else blas, flush=True)
    selected = [w for w in WORKLOADS if not args.only or w["id"] in args.only.split(",") or w["name"] in args.only.split(",")]
    rng = np.random.default_rng(0)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for w in selected:
            inputs = []
            for i, shape in enumerate(w["inputs"]):
                path = tmp / f"{w['name']}-{i}.npy"
                np.save(path, rng.uniform(-1, 1, size=shape).astype(np.float32))
                inputs.append(path)
            row = {"id": w["id"], "name": w["name"], "unit": w["unit"], "work": w["work"], "iters": args.iters}
            for threads in sorted({1, cores}):
                ours = tensor_run_time(args.tensor_run, w, inputs, args.iters, threads, tmp / "ours.npy")
                theirs = numpy_time(w, inputs, args.iters, threads, tmp / "numpy.npy")
                got, want = np.load(tmp / "ours.npy"), np.load(tmp / "numpy.npy")
                if got.shape != want.shape or not np.allclose(got, want, rtol=1e-3, atol=1e-3):
                    raise SystemExit(f"{w['name']}: tensor-run's result differs from numpy's "
                                     f"(max abs diff {np.max(np.abs(got - want)) if got.shape == want.shape else 'shape'})")
                row[f"t{threads}"] = {
                    "ms": ours["median_ms"], "compile_ms": ours.get("compile_ms"),
                    "numpy_ms": theirs["median_ms"], "rate": rate(w, ours["median_ms"]),
                    "numpy_rate": rate(w, theirs["median_ms"]), "speedup_vs_numpy": theirs["median_ms"] / ours["median_ms"],
                }
            rows.append(row)
            print_row(row, cores, flush=True)
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps({"cores": cores, "iters": args.iters, "numpy_blas": blas, "workloads": rows,
                                           "when": time.strftime("%Y-%m-%d %H:%M:%S")}, indent=2) + "\n")
    print()
    print(table(rows, cores))
    print(f"\n(JSON: {args.json})")


def print_row(row, cores, flush):
    one = row["t1"]
    print(f"{row['id']} {row['name']}: 1 thread {one['ms']:.2f} ms ({one['rate']:.1f} {row['unit']}), "
          f"numpy {one['numpy_ms']:.2f} ms, x{one['speedup_vs_numpy']:.2f}", flush=flush)


def table(rows, cores):
    header = (f"| workload | tensor-run 1 thread | numpy 1 thread | ratio | tensor-run {cores} threads "
              f"| numpy {cores} threads | ratio | ours {cores}t / 1t | compile |")
    lines = [header, "|" + "---|" * 9]
    for r in rows:
        one, all_ = r["t1"], r[f"t{cores}"]
        unit = r["unit"]
        lines.append(
            f"| {r['id']} {r['name']} | {one['ms']:.2f} ms ({one['rate']:.1f} {unit}) | {one['numpy_ms']:.2f} ms "
            f"({one['numpy_rate']:.1f}) | {one['speedup_vs_numpy']:.2f}x | {all_['ms']:.2f} ms ({all_['rate']:.1f}) "
            f"| {all_['numpy_ms']:.2f} ms ({all_['numpy_rate']:.1f}) | {all_['speedup_vs_numpy']:.2f}x "
            f"| {one['ms'] / all_['ms']:.2f}x | {one['compile_ms']:.0f} ms |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
