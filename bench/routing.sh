#!/usr/bin/env bash
# Routing benchmark and demo-day simulation. Usage: bench/routing.sh [agents] [contacts] [iterations]
# Prints assignment-decision percentiles and assignments/s, then routing versus round robin on a simulated demo day.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ]; then
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-*; do
    [ -x "$candidate/bin/java" ] && JAVA_HOME="$candidate" && break
  done
fi
export JAVA_HOME
./mvnw -q -DskipTests compile
"$JAVA_HOME/bin/java" -Xmx2g -cp target/classes bench/RoutingBench.java "${1:-1000}" "${2:-100000}" "${3:-200000}"
"$JAVA_HOME/bin/java" -cp target/classes bench/RoutingSimulation.java
