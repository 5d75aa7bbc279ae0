#!/usr/bin/env bash
# Model gateway benchmark (issue 7): latency the embedded gateway adds (grant check, budget reservation, forward,
# usage settlement) over calling an instant loopback upstream directly, p50/p99 over sequential requests, and
# requests/s with concurrent clients. Goal: < 1 ms added at p50 (LiteLLM publishes 2-12 ms median overhead).
# Knobs: BENCH_REQUESTS (3000), BENCH_CONCURRENCY (8), BENCH_SECONDS (5). Prints a table, then one JSON line.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
cp_file="$root/platform/core/target-bench/gateway.classpath"
mvn -q -B -ntp -Da2a.target=target-bench -pl platform/core -am -DskipTests test-compile \
  dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2
java="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
[[ -x "$java" ]] || java=java
cp="platform/core/target-bench/test-classes:platform/core/target-bench/classes:$(cat "$cp_file")"
exec timeout 600 "$java" -Dbench.requests="${BENCH_REQUESTS:-3000}" -Dbench.concurrency="${BENCH_CONCURRENCY:-8}" \
  -Dbench.seconds="${BENCH_SECONDS:-5}" -Djava.util.logging.config.file=/dev/null \
  -cp "$cp" dev.a2acloud.core.llm.gateway.bench.GatewayBench
