#!/usr/bin/env bash
# The benchmark suite (benches/run.py): tensor-run against numpy on W1-W5,
# with 1 thread and all cores. numpy comes from PyPI (OpenBLAS inside) in a
# virtualenv under target/, as users install it; Debian's python3-numpy uses
# the reference BLAS and would be a strawman. Arguments go to benches/run.py.
#
# scripts/bench.sh --networks [ARGS]: the nine light ONNX networks against
# onnxruntime from PyPI instead (benches/networks.py, ARGS go to it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
if [ "${1:-}" = "--networks" ]; then
  shift
  cargo build -q --release -p tensor-run -p tensor-translate
  scripts/onnx-venv.sh
  venv=target/onnx-venv
  "$venv/bin/python" -c "import onnxruntime" 2>/dev/null || "$venv/bin/pip" install -q onnxruntime
  exec "$venv/bin/python" benches/networks.py "$@"
fi
cargo build -q --release -p tensor-run
venv=target/bench-venv
if ! "$venv/bin/python" -c "import numpy, threadpoolctl" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q numpy threadpoolctl
fi
exec "$venv/bin/python" benches/run.py "$@"
