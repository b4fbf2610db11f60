#!/usr/bin/env bash
# The settlement import benchmark (issue 27), one command: builds, starts the gateway and the Klarna
# sandbox on one Payara Micro as the demo does (its heap bounded by run-demo.sh's -Xmx320m unless
# JAVA_OPTS says otherwise; -XX:+ExitOnOutOfMemoryError), has the sandbox settle one payout of
# BENCH_LINES lines for a new merchant, times the gateway's import of it (paged, 500 lines a page),
# samples the server's used heap meanwhile, and writes docs/benchmark/settlement-import-<db>.md.
#   BENCH_LINES (100000)  lines in the payout (half SALE, half FEE: captures nobody made through the
#                         gateway, so every line is also an unknown_line item: the heaviest import)
#   BENCH_DB (h2)         h2 or postgres (a fresh database gateway_settle_bench on 127.0.0.1:5432)
#   SKIP_BUILD=1          use what is already built
# Starts Payara Micro: on a shared machine, run it under the ITs' lock (flock /tmp/it.lock ...).
set -euo pipefail
cd "$(dirname "$0")"

PORT="${BENCH_PORT:-8183}"
DATA_DIR=target/settlement-bench
DB="${BENCH_DB:-h2}"
LINES="${BENCH_LINES:-100000}"
BASE="http://localhost:$PORT"
ADMIN=admin:admin-demo

if [ "${SKIP_BUILD:-}" != "1" ]; then
  echo "Building..."
  mvn -B -q -o -DskipTests -Dspotless.check.skip=true package -pl gateway-app -am
fi
rm -rf "$DATA_DIR"
mkdir -p "$DATA_DIR"

case "$DB" in
  h2) DB_LABEL="H2 (embedded, file)" ;;
  postgres)
    psql -h 127.0.0.1 -U postgres -d postgres -q \
      -c 'DROP DATABASE IF EXISTS gateway_settle_bench WITH (FORCE)' -c 'CREATE DATABASE gateway_settle_bench'
    export GATEWAY_DB_URL=jdbc:postgresql://127.0.0.1:5432/gateway_settle_bench GATEWAY_DB_USER=postgres
    DB_LABEL="PostgreSQL $(psql -h 127.0.0.1 -U postgres -d postgres -Atc 'show server_version'), local"
    ;;
  *) echo "BENCH_DB is h2 or postgres" >&2; exit 2 ;;
esac

SERVER_OPTIONS="${JAVA_OPTS:-$(sed -n 's/^java \${JAVA_OPTS:-\([^}]*\)}.*/\1/p' run-demo.sh)}"
# no daily import while we measure: the benchmark asks for the one import it times
export SETTLEMENTS_IMPORT_INTERVAL_MINUTES=100000
PORT="$PORT" DATA_DIR="$DATA_DIR" SKIP_BUILD=1 ./run-demo.sh > "$DATA_DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; true' EXIT
echo "Waiting for the gateway (log: $DATA_DIR/server.log)..."
for _ in $(seq 1 900); do
  if curl -fs "$BASE/health/ready" 2>/dev/null | grep -q '"database"'; then break; fi
  kill -0 $SERVER 2>/dev/null || { echo "The server stopped; see $DATA_DIR/server.log" >&2; exit 1; }
  sleep 0.2
done
JAVA_PID=$(pgrep -P "$SERVER" java || true)
SANDBOX_KEY="$(cat "$DATA_DIR/sandbox-api-key")"

ACCOUNT="krn:partner:global:account:test:bench-$(date +%s)"
curl -fs -u "$ADMIN" -H 'Content-Type: application/json' "$BASE/api/v1/admin/merchants" \
  -d "{\"name\":\"Settlement bench\",\"klarna_partner_account_id\":\"$ACCOUNT\"}" > "$DATA_DIR/merchant.json"
PARTNER_KEY=$(sed -n 's/.*"api_key":"\([^"]*\)".*/\1/p' "$DATA_DIR/merchant.json")

SALES=$((LINES / 2))
echo "The sandbox writes $SALES sales with their fees and settles them into one payout..."
curl -fs -H "Authorization: Basic $SANDBOX_KEY" -H 'Content-Type: application/json' \
  "$BASE/klarna-sandbox/sandbox/settlements/bulk-lines" \
  -d "{\"partner_account_id\":\"$ACCOUNT\",\"currency\":\"USD\",\"sales\":$SALES}" > "$DATA_DIR/bulk.json"
curl -fs -X POST -H "Authorization: Basic $SANDBOX_KEY" "$BASE/klarna-sandbox/sandbox/settlements/run" > "$DATA_DIR/run.json"

# the server's used heap, sampled every half second while the import runs (from /metrics)
heap() {
  curl -fs "$BASE/metrics" 2>/dev/null \
    | awk '/^(base_)?memory_usedHeap_bytes/ {printf "%.0f\n", $NF; exit}'
}
: > "$DATA_DIR/heap.txt"
( while :; do heap >> "$DATA_DIR/heap.txt" || true; sleep 0.5; done ) &
SAMPLER=$!
trap 'kill $SAMPLER 2>/dev/null; kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; true' EXIT

echo "The gateway imports it..."
CPU_BEFORE=$(awk '{print $14 + $15}' "/proc/$JAVA_PID/stat" 2>/dev/null || echo 0)
START=$(date +%s.%N)
curl -fs --max-time 900 -X POST -u "$ADMIN" "$BASE/api/v1/admin/settlements/import" > "$DATA_DIR/import.json"
END=$(date +%s.%N)
CPU_AFTER=$(awk '{print $14 + $15}' "/proc/$JAVA_PID/stat" 2>/dev/null || echo 0)
kill $SAMPLER 2>/dev/null || true
SECONDS_TAKEN=$(awk "BEGIN { printf \"%.1f\", $END - $START }")
CPU_SECONDS=$(awk "BEGIN { printf \"%.1f\", ($CPU_AFTER - $CPU_BEFORE) / $(getconf CLK_TCK) }")
PEAK_HEAP=$(sort -n "$DATA_DIR/heap.txt" | tail -1)
PEAK_MB=$(awk "BEGIN { printf \"%.0f\", ${PEAK_HEAP:-0} / 1048576 }")
PAYOUT=$(curl -fs -H "Authorization: Bearer $PARTNER_KEY" "$BASE/api/v1/payouts")
LINE_COUNT=$(echo "$PAYOUT" | sed -n 's/.*"line_count":\([0-9]*\).*/\1/p')
OPEN=$(curl -fs -H "Authorization: Bearer $PARTNER_KEY" "$BASE/api/v1/reconciliation/items?state=open&size=1" \
  | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
AGAIN=$(curl -fs -X POST -u "$ADMIN" "$BASE/api/v1/admin/settlements/import")
RATE=$(awk "BEGIN { printf \"%.0f\", ${LINE_COUNT:-0} / $SECONDS_TAKEN }")

OUT="docs/benchmark/settlement-import-$DB.md"
cat > "$OUT" <<MD
# Settlement import benchmark ($DB)

Written by \`./settlement-bench.sh\` on $(date -u +%Y-%m-%dT%H:%M:%SZ) ($(nproc) cores, $(java -version 2>&1 | head -1)).
Database: $DB_LABEL. Server JVM options: \`$SERVER_OPTIONS\`.

One payout of $LINES lines ($SALES sales and their fees, for captures nobody made through the gateway,
so every line is also an \`unknown_line\` reconciliation item: the heaviest import) settled by the sandbox
and imported by the gateway through Klarna's Settlements API v1, 500 lines a page, each page and its
items in one transaction.

| figure | value |
| --- | --- |
| lines imported (the payout's \`line_count\`) | ${LINE_COUNT:-?} |
| open reconciliation items after it | ${OPEN:-?} |
| import time (the admin call, wall clock) | **$SECONDS_TAKEN s** |
| lines per second | $RATE |
| server CPU during the import | $CPU_SECONDS s |
| peak used heap sampled during the import (every 0.5 s, /metrics) | $PEAK_MB MB |
| a second import at once | \`$AGAIN\` |

The import holds one page (500 lines) and its matches in memory at a time; the heap stays bounded by
the server's \`-Xmx\` above, with \`-XX:+ExitOnOutOfMemoryError\` (the run would fail, not slow down,
if it did not). The heap figure is the whole server's: the sandbox runs in the same JVM and holds the
payout's lines in memory too.
MD
echo "Wrote $OUT:"
cat "$OUT"
exit 0
