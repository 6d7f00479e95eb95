#!/usr/bin/env python3
"""The nine light networks of the PyPI `onnx` package, timed end to end by
tensor-tools and by onnxruntime in the same run.

For each network: tensor-translate's import time, tensor-run's compile time
(import + tg-compile opt-level=3 + LLVM, as `--bench` reports it) and its
median latency, and onnxruntime's (CPUExecutionProvider,
intra_op_num_threads = the same count, inter_op 1, all graph optimizations)
median latency on the same input, with 1 thread and with all cores. The
input is ONNX's runner's (`arange(n) / n`); each tensor-run result is
checked against onnxruntime's before its time counts.

Usage: benches/networks.py [--iters N] [--only resnet50,vgg19] [--threads 1,2]
                       [--random-weights SEED]
                       [--json FILE] [--tensor-run PATH] [--tensor-translate PATH]

The light models' weights are ConstantOfShape splats, which compile to
splat constants (loads from them fold away). `--random-weights SEED` makes
every Conv's and Gemm's weight a dense initializer of random values instead
(uniform, scaled by its fan-in so that activations stay bounded), in the
model both tools run: the case a trained model is.

Prints a Markdown table with the ratios (onnxruntime's time / ours: above 1
is faster than onnxruntime) and their geometric mean; writes every number to
the JSON file (default target/bench/onnx.json). scripts/bench.sh --networks
runs it with the Python it needs (onnxruntime from PyPI).
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort

ROOT = Path(__file__).resolve().parent.parent
NETWORKS = [
    "bvlc_alexnet", "densenet121", "inception_v1", "inception_v2", "resnet50",
    "shufflenet", "squeezenet", "vgg19", "zfnet512",
]


def light_dir():
    return Path(onnx.__file__).parent / "backend/test/data/light"


def runner_input(model):
    """ONNX's runner's input: arange(n) / n in the input's shape (symbolic dims 1)."""
    init = {i.name for i in model.graph.initializer}
    graph_input = next(i for i in model.graph.input if i.name not in init)
    shape = [d.dim_value or 1 for d in graph_input.type.tensor_type.shape.dim]
    n = int(np.prod(shape))
    return graph_input.name, (np.arange(n, dtype=np.float64) / n).astype(np.float32).reshape(shape)


def with_random_weights(model, seed):
    """`model` with each Conv's and Gemm's weight (input 1), when a
    ConstantOfShape makes it, replaced by an initializer of random values of
    its shape: uniform in +-sqrt(3 / fan_in)."""
    from onnx import numpy_helper
    rng = np.random.default_rng(seed)
    producers = {n.output[0]: n for n in model.graph.node if n.op_type == "ConstantOfShape"}
    constants = {n.output[0]: numpy_helper.to_array(n.attribute[0].t) for n in model.graph.node
                 if n.op_type == "Constant" and n.attribute and n.attribute[0].name == "value"}
    constants.update({i.name: numpy_helper.to_array(i) for i in model.graph.initializer})
    weights = {n.input[1] for n in model.graph.node if n.op_type in ("Conv", "Gemm") and len(n.input) > 1}
    replaced = []
    for name in sorted(weights & producers.keys()):
        shape_name = producers[name].input[0]
        if shape_name not in constants:
            continue
        shape = [int(d) for d in constants[shape_name]]
        fan_in = int(np.prod(shape[1:])) if len(shape) > 1 else 1
        bound = np.sqrt(3.0 / max(fan_in, 1))
        values = rng.uniform(-bound, bound, shape).astype(np.float32)
        model.graph.initializer.append(numpy_helper.from_array(values, name))
        replaced.append(producers[name])
    for node in replaced:
        model.graph.node.remove(node)
    return model, len(replaced)


def onnxruntime_time(path, name, x, threads, iters):
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    for _ in range(3):
        out = session.run(None, {name: x})[0]
    times = []
    for _ in range(iters):
        start = time.perf_counter()
        session.run(None, {name: x})
        times.append((time.perf_counter() - start) * 1000)
    return float(np.median(times)), out


def tensor_run_time(tensor_run, mlir, x_path, out_path, threads, iters):
    command = [str(tensor_run), str(mlir), "--input", str(x_path), "-o", str(out_path),
               "--threads", str(threads), "--bench", str(iters), "--json"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"tensor-run failed on {mlir}:\n{done.stderr}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["median_ms"], report.get("compile_ms")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--iters", type=int, default=10)
    parser.add_argument("--only", default="")
    parser.add_argument("--threads", default="")
    parser.add_argument("--random-weights", type=int, default=None, metavar="SEED")
    parser.add_argument("--json", default=str(ROOT / "target/bench/onnx.json"))
    parser.add_argument("--tensor-run", default=str(ROOT / "target/release/tensor-run"))
    parser.add_argument("--tensor-translate", default=str(ROOT / "target/release/tensor-translate"))
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    thread_counts = [int(t) for t in args.threads.split(",")] if args.threads else sorted({1, cores})
    networks = [n for n in NETWORKS if not args.only or n in args.only.split(",")]
    weights = "splat weights (as shipped)" if args.random_weights is None else f"random weights (seed {args.random_weights})"
    print(f"onnxruntime {ort.__version__}, {cores} cores, {args.iters} iterations per median, {weights}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for network in networks:
            path = light_dir() / f"light_{network}.onnx"
            model = onnx.load(str(path))
            if args.random_weights is not None:
                model, count = with_random_weights(model, args.random_weights)
                path = tmp / f"{network}_random.onnx"
                onnx.save(model, str(path))
                print(f"{network}: {count} weights made random", flush=True)
            name, x = runner_input(model)
            x_path = tmp / f"{network}_in.npy"
            np.save(x_path, x)
            mlir = tmp / f"{network}.mlir"
            start = time.perf_counter()
            subprocess.run([args.tensor_translate, "--import-onnx", str(path), "-o", str(mlir)], check=True)
            import_ms = (time.perf_counter() - start) * 1000
            row = {"network": network, "import_ms": import_ms, "threads": {}}
            for threads in thread_counts:
                out_path = tmp / f"{network}_out.npy"
                ours, compile_ms = tensor_run_time(args.tensor_run, mlir, x_path, out_path, threads, args.iters)
                theirs, expected = onnxruntime_time(path, name, x, threads, args.iters)
                got = np.load(out_path)
                if got.shape != expected.shape or not np.allclose(got, expected, rtol=1e-3, atol=1e-5):
                    sys.exit(f"{network}: tensor-run's output differs from onnxruntime's "
                             f"(max abs difference {np.max(np.abs(got - expected))})")
                row["threads"][threads] = {"tensor_run_ms": ours, "onnxruntime_ms": theirs, "ratio": theirs / ours,
                                           "compile_ms": compile_ms}
                print(f"{network}: {threads} thread(s): tensor-run {ours:.2f} ms, onnxruntime {theirs:.2f} ms, "
                      f"x{theirs / ours:.2f}; compile {compile_ms / 1000 if compile_ms else float('nan'):.1f} s",
                      flush=True)
            rows.append(row)
    print()
    # The compile time depends on the thread count (the pipeline differs), so
    # each count has its own column.
    header = "| network | import |" + "".join(
        f" compile {t}t | tensor-run {t}t | onnxruntime {t}t | ratio {t}t |" for t in thread_counts)
    print(header)
    print("|---" * (2 + 4 * len(thread_counts)) + "|")
    for row in rows:
        cells = [row["network"], f"{row['import_ms']:.0f} ms"]
        for t in thread_counts:
            r = row["threads"][t]
            compile_s = f"{r['compile_ms'] / 1000:.1f} s" if r.get("compile_ms") else "?"
            cells += [compile_s, f"{r['tensor_run_ms']:.1f} ms", f"{r['onnxruntime_ms']:.1f} ms", f"{r['ratio']:.2f}x"]
        print("| " + " | ".join(cells) + " |")
    means = {}
    for t in thread_counts:
        ratios = [row["threads"][t]["ratio"] for row in rows]
        means[t] = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print(f"\ngeometric mean of the ratios, {t} thread(s): {means[t]:.2f}x (lowest {min(ratios):.2f}x)")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps({"onnxruntime": ort.__version__, "cores": cores, "rows": rows,
                                           "geomean": means, "random_weights": args.random_weights}, indent=2))


if __name__ == "__main__":
    main()
