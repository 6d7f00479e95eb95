#!/usr/bin/env bash
# The benchmark suite (benches/run.py): tensor-run against numpy on W1-W5,
# with 1 thread and all cores. numpy comes from PyPI (OpenBLAS inside) in a
# virtualenv under target/, as users install it; Debian's python3-numpy uses
# the reference BLAS and would be a strawman. Arguments go to benches/run.py.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
cargo build -q -p tensor-run
venv=target/bench-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q numpy
fi
exec "$venv/bin/python" benches/run.py "$@"
