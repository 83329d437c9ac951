#!/usr/bin/env bash
# Unnecessary-contact KPIs on generated history in an embedded PostgreSQL, with the same queries in DuckDB.
# Usage: bench/kpis-pg.sh [contacts] [days] [requests]   (defaults: 1,000,000 contacts over 90 days, 10 requests)
# requests 0: generation and the facts' catch-up only.
# Prints generation rows/s, the facts' catch-up and recompute times, p50/max of the unnecessary-contact page and of
# the three KPI endpoints (warm), and PostgreSQL / DuckDB times of the same KPI queries on the same facts.
# Server and generator heap: BENCH_HEAP (default 2g).
set -euo pipefail
cd "$(dirname "$0")/.."
contacts="${1:-1000000}"
days="${2:-90}"
requests="${3:-10}"
if [ -z "${JAVA_HOME:-}" ]; then
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-*; do
    [ -x "$candidate/bin/java" ] && JAVA_HOME="$candidate" && break
  done
fi
export JAVA_HOME
./mvnw -q -DskipTests package
./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
"$JAVA_HOME/bin/java" -cp "$(cat target/bench.classpath)" bench/KpiBench.java "$contacts" "$days" "$requests"
