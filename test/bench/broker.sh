#!/usr/bin/env bash
# Embedded broker throughput and dispatch latency, journal on: in-process no-op subscriber and HTTP on loopback.
# Usage: test/bench.sh broker [inProcessEvents=100000] [httpEvents=20000] [publisherThreads=32] [GROUP_COMMIT|OS_ONLY]
set -euo pipefail
cd "$(dirname "$0")/../.."
cp_file="$PWD/platform/local/target-bench/bench.classpath"
# One reactor run: compile local's tests and write its test classpath (local is built last, so its file wins).
mvn -q -B -ntp -Da2a.target=target-bench -pl platform/local -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
java_bin=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[[ -x $java_bin ]] || java_bin=java
# Reactor siblings appear in the file as their class folders or are added here explicitly.
classpath="$PWD/platform/local/target-bench/test-classes:$PWD/platform/local/target-bench/classes"
classpath="$classpath:$PWD/events/target-bench/classes:$PWD/functions/support/target-bench/classes"
classpath="$classpath:$PWD/platform/core/target-bench/classes:$PWD/pack/target-bench/classes:$(cat "$cp_file")"
exec timeout 600 "$java_bin" -Xmx1g -cp "$classpath" dev.a2acloud.local.broker.bench.BrokerBench "$@"
