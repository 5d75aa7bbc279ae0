#!/usr/bin/env bash
# Agent runtime benchmark (issue 3): cold start of the template agent (process launch -> first 200 on the card) p50
# over >= 10 launches, without and with a JDK 25 AOT cache, and warm SendMessage throughput + p50/p99 on loopback.
# Goals on 2 cores: cold p50 < 400 ms, >= 5,000 req/s. Knobs: BENCH_LAUNCHES (12), BENCH_CONNECTIONS (8),
# BENCH_SECONDS (8). Prints a table, then one JSON line.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
java_home="${A2A_BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cpfile="$root/pack/target-bench/bench-classpath.txt"
mvn -q -B -ntp -Da2a.target=target-bench -pl pack -am -DskipTests package \
    dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test >&2
# The pack and its dependencies as jars (an AOT/CDS cache cannot include class folders), then the bench classes.
cp="$root/pack/target-bench/a2a-pack-0.1.0-SNAPSHOT.jar:$(cat "$cpfile"):$root/pack/target-bench/test-classes"
exec "$java_home/bin/java" -Dbench.launches="${BENCH_LAUNCHES:-12}" -Dbench.connections="${BENCH_CONNECTIONS:-8}" \
    -Dbench.seconds="${BENCH_SECONDS:-8}" -cp "$cp" dev.a2acloud.pack.bench.AgentBench
