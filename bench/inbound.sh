#!/usr/bin/env bash
# Inbound throughput benchmark on H2 and PostgreSQL. Usage: bench/inbound.sh [clients] [seconds]
# Prints acknowledged messages/s, p50 and p99 latency, and the plain-JDBC insert+commit floor of each database.
set -euo pipefail
command -v wrk >/dev/null || { echo "bench needs wrk (Debian: apt-get install wrk)" >&2; exit 1; }
cd "$(dirname "$0")/.."
clients="${1:-32}"
seconds="${2:-20}"
if [ -z "${JAVA_HOME:-}" ]; then
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-*; do
    [ -x "$candidate/bin/java" ] && JAVA_HOME="$candidate" && break
  done
fi
export JAVA_HOME
./mvnw -q -DskipTests package
./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
for database in h2 postgres; do
  "$JAVA_HOME/bin/java" -cp "$(cat target/bench.classpath)" bench/InboundLoad.java "$database" "$clients" "$seconds"
done
