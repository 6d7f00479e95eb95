#!/usr/bin/env bash
# Installs what tensor-opt needs on Debian 12, and only what is missing:
# LLVM/MLIR 22 (libraries, mlir-tblgen, FileCheck, lit), LLVM's OpenMP
# runtime, CMake, Ninja and numpy.
# Safe to run again; it does nothing once everything is there.
set -euo pipefail

packages=(
  libmlir-22-dev mlir-22-tools llvm-22-dev llvm-22-tools libpolly-22-dev
  libclang-22-dev clang-22 libz3-dev libzstd-dev libxml2-dev zlib1g-dev
  cmake ninja-build python3
  # LLVM's OpenMP runtime: code tg-compile parallelizes (threads > 1) calls it.
  libomp-22-dev
  # numpy for the python3 that runs lit: tensor-run's tests make and check .npy files.
  python3-numpy
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "bootstrap: cargo is required (https://rustup.rs); it is not an apt package here" >&2
  exit 1
fi
