#!/usr/bin/env bash
# Benchmarks: test/bench.sh <suite>. Each suite prints a readable table and, last, one JSON line with its figures.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
suites=$(cd "$here/bench" && ls *.sh 2>/dev/null | sed 's/\.sh$//' | tr '\n' ' ')
if [[ $# -lt 1 ]]; then
  echo "usage: test/bench.sh <suite>   suites: ${suites:-none yet}" >&2
  exit 2
fi
suite="$1"; shift
if [[ ! -f "$here/bench/$suite.sh" ]]; then
  echo "unknown suite '$suite'; choose one of: ${suites:-none yet}" >&2
  exit 2
fi
exec bash "$here/bench/$suite.sh" "$@"
