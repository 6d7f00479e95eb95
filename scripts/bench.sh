#!/usr/bin/env bash
# The benchmark suite (benches/run.py): tensor-run against numpy on W1-W5,
# with 1 thread and all cores. numpy comes from PyPI (OpenBLAS inside) in a
# virtualenv under target/, as users install it; Debian's python3-numpy uses
# the reference BLAS and would be a strawman. Arguments go to benches/run.py.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
cargo build -q --release -p tensor-run
venv=target/bench-venv
if ! "$venv/bin/python" -c "import numpy, threadpoolctl" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q numpy threadpoolctl
fi
exec "$venv/bin/python" benches/run.py "$@"
