#!/usr/bin/env bash
# KPI benchmark on generated history. Usage: bench/kpis.sh [contacts] [days] [database-url]
#   defaults: 1,000,000 contacts over 90 days into a fresh H2 file database under target/bench-kpis.
#   10 million contacts: bench/kpis.sh 10000000 365 'jdbc:postgresql://localhost:5432/baken?reWriteBatchedInserts=true'
#   (with BENCH_DB_USER / BENCH_DB_PASSWORD; on PostgreSQL give the JVM room: BENCH_HEAP=8g).
# Writes the history with `generate-history`, starts the server on the same database, and prints the time of each
# KPI over the last day and the last week of the history, as the API computes it (curl).
# An empty database is first seeded with the demo organisation (for its API token); on a database that is not
# empty, give a token with analytics:read in BENCH_TOKEN.
set -euo pipefail
cd "$(dirname "$0")/.."
contacts="${1:-1000000}"
days="${2:-90}"
url="${3:-}"
heap="${BENCH_HEAP:-3g}"
port="${BENCH_PORT:-18088}"
if [ -z "${JAVA_HOME:-}" ]; then
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-*; do
    [ -x "$candidate/bin/java" ] && JAVA_HOME="$candidate" && break
  done
fi
export JAVA_HOME
java="$JAVA_HOME/bin/java"
[ -f target/baken.jar ] || ./mvnw -q -DskipTests package
if [ -z "$url" ]; then
  rm -rf target/bench-kpis && mkdir -p target/bench-kpis
  url="jdbc:h2:file:$PWD/target/bench-kpis/baken;DB_CLOSE_ON_EXIT=FALSE"
fi
db=("--spring.datasource.url=$url" "--spring.datasource.username=${BENCH_DB_USER:-baken}"
    "--spring.datasource.password=${BENCH_DB_PASSWORD:-}")
start=$(date -u -d "$days days ago" +%F)
server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null || true' EXIT
start_server() {
  "$java" -Xmx"$heap" -jar target/baken.jar "${db[@]}" --server.port="$port" --baken.demo.enabled=true \
    --baken.knowledge.index-dir=memory --logging.level.root=warn >> target/bench-kpis-server.log 2>&1 &
  server=$!
  for _ in $(seq 1 300); do
    curl -sf "http://localhost:$port/actuator/health" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "the server did not start; see target/bench-kpis-server.log" >&2
  exit 1
}
stop_server() {
  kill "$server" && wait "$server" 2>/dev/null || true
  server=""
}

# an empty database gets the demo organisation first: its teams, brands and API token baken-demo-token
echo "== seeding the demo organisation"
: > target/bench-kpis-server.log
start_server
stop_server

echo "== generate-history --contacts $contacts --days $days --seed 1 --start $start"
"$java" -Xmx"$heap" -jar target/baken.jar generate-history --contacts "$contacts" --days "$days" --seed 1 \
  --start "$start" "${db[@]}"

echo "== starting the server on the history"
start_server
token="Authorization: Bearer ${BENCH_TOKEN:-baken-demo-token}"
week_from=$(date -u -d "$start + $((days - 7)) days" +%F)
week_to=$(date -u -d "$start + $days days" +%F)
day_from=$(date -u -d "$start + $((days - 1)) days" +%F)
names=$(curl -sf -H "$token" "http://localhost:$port/api/v1/kpis" | grep -o '"name":"[a-z-]*","version"' | cut -d'"' -f4)
for range in "day $day_from $week_to" "week $week_from $week_to"; do
  set -- $range
  echo "== $1: $2 to $3 (dates in Europe/Amsterdam)"
  printf '%-26s %10s %14s %12s\n' kpi seconds value denominator
  for name in $names; do
    body=$(curl -s -w '\n%{time_total}' -H "$token" "http://localhost:$port/api/v1/kpis/$name?from=$2&to=$3")
    seconds=$(echo "$body" | tail -n1)
    value=$(echo "$body" | head -n1 | grep -o '"value":[^,]*' | cut -d: -f2)
    denominator=$(echo "$body" | head -n1 | grep -o '"denominator":[^,]*' | cut -d: -f2)
    printf '%-26s %10s %14s %12s\n' "$name" "$seconds" "${value:-?}" "${denominator:-?}"
  done
done
