#!/usr/bin/env bash
# Runs every test: Rust unit tests, the snapshot tests and the lit suite
# (through the `lit` harness in tools/tensor-opt/tests), after bootstrapping.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
# The ONNX test data: the PyPI onnx package in target/onnx-venv.
scripts/onnx-venv.sh
# The ci profile is release code with debug assertions and overflow checks
# (Cargo.toml): the tests run the code users run.
cargo test --workspace --profile ci "$@"
