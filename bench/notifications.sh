#!/usr/bin/env bash
# Sending benchmark. Usage: bench/notifications.sh [customers]   (default 10,000)
# An incident whose audience is N generated customers: time from the declaration until every notice is handed to
# the outbox and until the local SMTP server (GreenMail on loopback) has every mail; notices/s, seconds, peak heap.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ]; then
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-*; do
    [ -x "$candidate/bin/java" ] && JAVA_HOME="$candidate" && break
  done
fi
export JAVA_HOME
./mvnw -q -DskipTests compile
./mvnw -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-notifications.classpath
"$JAVA_HOME/bin/java" -Xmx${BENCH_HEAP:-1g} -cp "target/classes:$(cat target/bench-notifications.classpath)" \
  bench/NotificationBench.java "${1:-10000}"
