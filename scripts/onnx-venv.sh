#!/usr/bin/env bash
# A Python with the PyPI `onnx` package (its shipped models, node test
# generators and reference outputs are tensor-opt's ONNX test data) in
# target/onnx-venv. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/onnx-venv
if ! "$venv/bin/python" -c "import onnx, numpy" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "onnx==1.23.2" numpy
fi
