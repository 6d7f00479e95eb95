#!/usr/bin/env bash
# A long fuzzing campaign (tools/tensor-opt/tests/fuzz): mutants of every
# user-facing input through the release-profile tools, and random valid tg
# programs compiled at opt-levels 0 and 3 on 1 and 2 threads against the
# reference interpreter. Every failure is saved, minimized, under
# tools/tensor-opt/tests/fuzz/regressions/ (replayed by the test suite).
# Usage: scripts/fuzz.sh [--minutes N] [--seed S] [--mutants M] [--programs P]
# (stops after N minutes, or once M mutants and P programs are done)
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=10 seed="" mutants="" programs=""
while (($#)); do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --mutants) mutants="$2"; shift 2 ;;
    --programs) programs="$2"; shift 2 ;;
    *) echo "usage: scripts/fuzz.sh [--minutes N] [--seed S] [--mutants M] [--programs P]" >&2; exit 2 ;;
  esac
done
scripts/bootstrap.sh
export FUZZ_MINUTES="$minutes"
[ -n "$seed" ] && export FUZZ_SEED="$seed"
[ -n "$mutants" ] && export FUZZ_MUTANTS="$mutants"
[ -n "$programs" ] && export FUZZ_PROGRAMS="$programs"
exec cargo test --profile ci -p tensor-opt --test suite fuzz::campaign -- --ignored --exact --nocapture
