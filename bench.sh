#!/usr/bin/env bash
# The benchmark, one command: builds, starts the gateway and the Klarna sandbox on one Payara Micro
# (port 8181, a fresh database under target/bench), drives them over HTTP with the load driver in
# benchmark/, and writes docs/benchmark/results-h2.md (or results-postgres.md with BENCH_DB=postgres).
#   BENCH_SALES (400)   whole in-store sales to measure (create, approve, authorized)
#   BENCH_WORKERS (8)   concurrent tills
#   BENCH_SECONDS (10)  measured seconds per scenario, after BENCH_WARM_UP_SECONDS (3) not counted
#   BENCH_PACED_RATES (10,20,50,80)  sales per second for the steady-rate (open loop) sale scenarios
#   BENCH_DB (h2)       h2 or postgres (a fresh database gateway_bench on 127.0.0.1:5432, user postgres)
#   SKIP_BUILD=1        use what is already built
set -euo pipefail
cd "$(dirname "$0")"

PORT="${BENCH_PORT:-8181}"
DATA_DIR=target/bench
DB="${BENCH_DB:-h2}"

if [ "${SKIP_BUILD:-}" != "1" ]; then
  echo "Building..."
  mvn -B -q -DskipTests -Dspotless.check.skip=true package
fi
rm -rf "$DATA_DIR"
mkdir -p "$DATA_DIR"

# the benchmark measures the gateway, not the per-key rate limit (issue 30), which it would hit
export GATEWAY_RATE_LIMIT_PER_MINUTE="${GATEWAY_RATE_LIMIT_PER_MINUTE:-100000000}"
case "$DB" in
  h2) DB_LABEL="H2 (embedded, file)" ;;
  postgres)
    psql -h 127.0.0.1 -U postgres -d postgres -q \
      -c 'DROP DATABASE IF EXISTS gateway_bench WITH (FORCE)' -c 'CREATE DATABASE gateway_bench'
    export GATEWAY_DB_URL=jdbc:postgresql://127.0.0.1:5432/gateway_bench GATEWAY_DB_USER=postgres
    DB_LABEL="PostgreSQL $(psql -h 127.0.0.1 -U postgres -d postgres -Atc 'show server_version'), local"
    ;;
  *) echo "BENCH_DB is h2 or postgres" >&2; exit 2 ;;
esac

# the driver signs its own Klarna webhooks with a key the gateway accepts beside its registered one
WEBHOOK_KEY_ID="krn:partner:global:notification:signing-key:bench"
WEBHOOK_SECRET="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export KLARNA_WEBHOOK_SIGNING_KEYS="$WEBHOOK_KEY_ID=$WEBHOOK_SECRET"
# the server as the demo starts it (run-demo.sh's JVM options unless JAVA_OPTS says otherwise)
SERVER_OPTIONS="${JAVA_OPTS:-$(sed -n 's/^java \${JAVA_OPTS:-\([^}]*\)}.*/\1/p' run-demo.sh)}"
STARTED=$(date +%s.%N)
BENCH_FLOOR_WAR=benchmark-floor/target/bench-floor.war \
PORT="$PORT" DATA_DIR="$DATA_DIR" SKIP_BUILD=1 GATEWAY_DEMO=true ./run-demo.sh > "$DATA_DIR/server.log" 2>&1 &
SERVER=$!
trap 'status=$?; kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; exit $status' EXIT

echo "Waiting for the gateway (log: $DATA_DIR/server.log)..."
BOOT=""
for _ in $(seq 1 900); do
  # boot: from the command to the first ready answer (the gateway's own database check included)
  if [ -z "$BOOT" ] && curl -fs "http://localhost:$PORT/health/ready" 2>/dev/null | grep -q '"database"'; then
    BOOT=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $STARTED }")
  fi
  if grep -q 'Demo merchant .* ready' "$DATA_DIR/server.log" && grep -q 'Klarna webhook .* registered' "$DATA_DIR/server.log"; then
    break
  fi
  kill -0 $SERVER 2>/dev/null || { echo "The server stopped; see $DATA_DIR/server.log" >&2; exit 1; }
  sleep 0.2
done
JAVA_PID=$(pgrep -P "$SERVER" java || true)

java -cp "benchmark/target/classes:benchmark/target/lib/*" com.stepup.gateway.bench.BenchMain \
  --base "http://localhost:$PORT" --sandbox-base "http://localhost:$PORT/klarna-sandbox" \
  --partner-key "$(cat "$DATA_DIR/demo-partner-api-key")" --sandbox-key "$(cat "$DATA_DIR/sandbox-api-key")" \
  --sales "${BENCH_SALES:-400}" --workers "${BENCH_WORKERS:-8}" \
  --webhook-key-id "$WEBHOOK_KEY_ID" --webhook-secret "$WEBHOOK_SECRET" \
  --seconds "${BENCH_SECONDS:-10}" --warm-up-seconds "${BENCH_WARM_UP_SECONDS:-3}" \
  --paced-rates "${BENCH_PACED_RATES:-10,20,50,80}" --server-pid "${JAVA_PID:-0}" \
  --boot-seconds "$BOOT" --server-options "$SERVER_OPTIONS" \
  --database "$DB_LABEL" --out "docs/benchmark/results-$DB.md"
