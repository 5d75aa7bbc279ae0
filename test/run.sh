#!/usr/bin/env bash
# The test command: installs what the tests need on a Debian/Ubuntu host (as root), then runs the whole build.
# bubblewrap is the sandbox the tests run generated code in; curl posts the end-to-end suite's CloudEvent exactly as
# the README shows it.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if (( ${#missing[@]} > 0 )); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "test/run.sh: installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "test/run.sh: ${missing[*]} missing; install first: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
exec mvn -B -ntp verify "$@"
