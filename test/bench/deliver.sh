#!/usr/bin/env bash
# test/bench.sh deliver — build.committed → build.live (argo-sync + card-probe over the embedded reconciler with a
# real pack agent), cold start through the activator (first request after scale-to-zero) and warm requests through
# the activator vs direct to the instance. Goals: < 500 ms cold; < 0.5 ms added warm p50 (DESIGN goals; the
# build.validated → build.live < 3 s goal needs package + git-commit, which this suite does not run).
# Knobs: BENCH_VERSIONS (4), BENCH_COLD (10), BENCH_WARM (3000).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
cp_file="$root/functions/card-probe/target-bench/deliver.classpath"
mvn -q -B -ntp -Da2a.target=target-bench -pl functions/card-probe -am -DskipTests test-compile \
  dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2
java="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
[[ -x "$java" ]] || java=java
cp="functions/card-probe/target-bench/test-classes:functions/card-probe/target-bench/classes:$(cat "$cp_file")"
exec timeout 900 "$java" -Dbench.versions="${BENCH_VERSIONS:-4}" -Dbench.cold="${BENCH_COLD:-10}" \
  -Dbench.warm="${BENCH_WARM:-3000}" -cp "$cp" dev.a2acloud.functions.cardprobe.bench.DeliverBench 2>/dev/null
