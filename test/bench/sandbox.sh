#!/usr/bin/env bash
# Sandbox benchmark: `exec true` in the local sandbox vs on the host (p50, p99) and the full validation of the
# template agent. Goals: < 15 ms p50 overhead; template validation < 5 s. Usage: test/bench.sh sandbox [iterations] [validations]
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v bwrap >/dev/null 2>&1; then
  echo "bubblewrap is missing; install it first: sudo apt-get install -y bubblewrap" >&2
  exit 1
fi
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
# One reactor run: compile core's tests and write its test classpath (core is built last, so its file wins).
mvn -q -B -ntp -Da2a.target=target-bench -pl platform/core -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[[ -x "$JAVA" ]] || JAVA=java
# Absolute paths: the sandbox binds the pack classpath at the same paths.
# Our own modules come from this build's class folders, never from jars another build installed in ~/.m2.
deps="$(tr ':' '\n' < "$cp_file" | grep -v '/dev/a2acloud/' | grep -v '/target-bench/' | paste -sd: -)"
classpath="$PWD/platform/core/target-bench/test-classes:$PWD/platform/core/target-bench/classes"
classpath="$classpath:$PWD/pack/target-bench/classes:$PWD/events/target-bench/classes:$deps"
exec timeout 300 "$JAVA" -cp "$classpath" dev.a2acloud.core.sandbox.bench.SandboxBench "${1:-200}" "${2:-3}"
