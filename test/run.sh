#!/usr/bin/env bash
# The test command: installs what the tests need on a Debian/Ubuntu host (as root), then runs the whole build.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v bwrap >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "test/run.sh: installing bubblewrap (the sandbox the tests run generated code in)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null
  else
    echo "test/run.sh: bubblewrap is missing; install it first: sudo apt-get install -y bubblewrap" >&2
    exit 1
  fi
fi
exec mvn -B -ntp verify "$@"
