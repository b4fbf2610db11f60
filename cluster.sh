#!/usr/bin/env bash
# Several gateway instances, one command each (README "Running several instances"):
#   ./cluster.sh        two gateway instances behind HAProxy on one PostgreSQL, the Klarna sandbox
#                       on a server of its own: whole in-store sales through the balancer and to one
#                       instance, and how fast a change on one instance reaches a stream on the other
#                       -> docs/benchmark/cluster.md
#   ./cluster.sh kill   in-store sales through the balancer while one instance is killed (kill -9)
#                       and started again; every payment followed to its end; lost and doubled
#                       counted at the gateway and at the sandbox -> docs/benchmark/cluster-kill.md
#   ./cluster.sh chaos  (or ./chaos.sh) random sales, captures, refunds, releases, cancels and replays
#                       under sandbox faults while instances are killed (kill -9, A and B in turn) and
#                       started again; then quiet, and every payment compared with the sandbox
#                       -> docs/benchmark/chaos.md; exits non-zero on any violation
#   CLUSTER_SALES (300), CLUSTER_WORKERS (8), CLUSTER_KILL_SECONDS (40), SKIP_BUILD=1
#   CHAOS_SEED (random), CHAOS_SECONDS (240), CHAOS_WORKERS (6), CHAOS_KILLS (at most 8),
#   CHAOS_QUIET_SECONDS (300), CHAOS_PAUSE_MS (150, each worker's pause between steps),
#   CHAOS_KILL_WAIT_SECONDS (60, the longest wait for a restarted instance before the next kill),
#   CHAOS_OUT (docs/benchmark/chaos.md)
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres) and HAProxy (installed from Debian if missing).
set -euo pipefail
cd "$(dirname "$0")"
MODE="${1:-bench}"
LB=8180 A=8181 B=8182 SANDBOX=8190
DIR=target/cluster
DB=gateway_cluster

if ! command -v haproxy >/dev/null 2>&1; then
  echo "Installing HAProxy..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
fi
if [ "${SKIP_BUILD:-}" != "1" ]; then
  echo "Building..."
  mvn -B -q -DskipTests -Dspotless.check.skip=true package
fi
rm -rf "$DIR"
mkdir -p "$DIR"/{a,b,sandbox,logs}
DIR_ABS="$(cd "$DIR" && pwd)"
psql -h 127.0.0.1 -U postgres -d postgres -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

SANDBOX_KEY="klarna_test_api_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
JAVA=(java -Xms64m -Xmx320m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl)
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

# what every instance must share: the database, the key that seals secrets, the public address
export GATEWAY_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" GATEWAY_DB_USER=postgres
export GATEWAY_SECRETS_KEY="$(head -c 32 /dev/urandom | base64)"
export GATEWAY_PUBLIC_BASE_URL="http://localhost:$LB"
export KLARNA_BASE_URL="http://localhost:$SANDBOX/klarna-sandbox" KLARNA_API_KEY="$SANDBOX_KEY"
export GATEWAY_DEMO=true GATEWAY_DEMO_KEY_FILE="$DIR_ABS/demo-partner-api-key"
export GATEWAY_ADMIN_USERNAME=admin GATEWAY_ADMIN_PASSWORD=admin-demo
# the HAProxy below is the instances' only trusted proxy: its X-Forwarded-For names the client, so
# login throttling counts per real address, not one address for everyone behind the balancer
export GATEWAY_HTTP_TRUSTED_PROXIES=127.0.0.1
# the benchmark and chaos drivers send far more than a till: no per-key rate limit in their way
export GATEWAY_RATE_LIMIT_PER_MINUTE="${GATEWAY_RATE_LIMIT_PER_MINUTE:-100000000}"
export WEBHOOKS_DELIVERY_ALLOW_PRIVATE_TARGETS=true KLARNA_WEBHOOK_SELF_REGISTER=true
if [ "$MODE" = chaos ]; then
  # the janitor short, so what a kill or a fault leaves is finished within the run
  export PAYMENTS_JANITOR_INTERVAL_SECONDS=1 PAYMENTS_JANITOR_AUTHORIZE_RETRY_SECONDS=5
  export PAYMENTS_JANITOR_READ_AFTER_SECONDS=15
fi

SANDBOX_API_KEYS="$SANDBOX_KEY" "${JAVA[@]}" -Djava.io.tmpdir="$DIR_ABS/sandbox" -jar gateway-app/target/payara-micro.jar \
  --nohazelcast --port $SANDBOX --rootdir "$DIR/sandbox" \
  --deploy "gateway-app/target/klarna-sandbox.war:/klarna-sandbox" > "$DIR/logs/sandbox.log" 2>&1 &
PIDS+=($!)

start_gateway() { # name port
  "${JAVA[@]}" -Djava.io.tmpdir="$DIR_ABS/$1" -jar gateway-app/target/payara-micro.jar \
    --nohazelcast --port "$2" --rootdir "$DIR/$1" --deploy "gateway-app/target/gateway.war:/" \
    --prebootcommandfile config/payara/preboot.asadmin --postdeploycommandfile config/payara/postdeploy.asadmin \
    >> "$DIR/logs/gateway-$1.log" 2>&1 &
  echo $!
}
await_ready() { # port seconds
  for _ in $(seq 1 "$2"); do
    curl -fs "http://localhost:$1/health/ready" 2>/dev/null | grep -q '"database"' && return 0
    sleep 1
  done
  echo "The instance on port $1 did not become ready; see $DIR/logs" >&2
  return 1
}

for _ in $(seq 1 120); do curl -fs "http://localhost:$SANDBOX/klarna-sandbox/" >/dev/null 2>&1 && break; sleep 1; done
A_PID=$(start_gateway a $A); PIDS+=("$A_PID")
await_ready $A 180
for _ in $(seq 1 60); do [ -s "$GATEWAY_DEMO_KEY_FILE" ] && break; sleep 1; done
B_PID=$(start_gateway b $B); PIDS+=("$B_PID")
await_ready $B 180

cat > "$DIR/haproxy.cfg" <<CFG
global
  maxconn 4096
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  option redispatch
  # the client's address for the gateway (trusted there through gateway.http.trusted-proxies)
  option forwardfor
  retries 3
  retry-on conn-failure
frontend gateway
  bind 127.0.0.1:$LB
  http-request del-header X-Forwarded-For
  default_backend gateways
backend gateways
  balance roundrobin
  option httpchk
  # Payara answers /health/ready UP before the gateway is deployed (no checks yet): only a 200 that
  # carries the gateway's own checks means ready, so a restarting instance gets no request (and
  # can never answer 404 for a payment that exists) until it is deployed
  http-check send meth GET uri /health/ready
  http-check expect status 200
  http-check expect string database
  default-server inter 1s fall 2 rise 2
  server a 127.0.0.1:$A check
  server b 127.0.0.1:$B check
CFG
haproxy -f "$DIR/haproxy.cfg" > "$DIR/logs/haproxy.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 30); do curl -fs "http://localhost:$LB/health/ready" >/dev/null 2>&1 && break; sleep 1; done
# the demo store onboards to the sandbox a few seconds after the first start
for _ in $(seq 1 60); do grep -q 'Demo merchant .* ready' "$DIR/logs/gateway-a.log" && break; sleep 1; done

DRIVER=(java -cp "benchmark/target/classes:benchmark/target/lib/*" com.stepup.gateway.bench.BenchMain
  --base "http://localhost:$LB" --sandbox-base "http://localhost:$SANDBOX/klarna-sandbox"
  --partner-key "$(cat "$GATEWAY_DEMO_KEY_FILE")" --sandbox-key "$SANDBOX_KEY"
  --workers "${CLUSTER_WORKERS:-8}" --sales "${CLUSTER_SALES:-300}" --database "PostgreSQL, shared")

case "$MODE" in
  bench)
    "${DRIVER[@]}" --mode cluster --instance-a "http://localhost:$A" --instance-b "http://localhost:$B" \
      --out docs/benchmark/cluster.md
    ;;
  kill)
    SECONDS_LOAD="${CLUSTER_KILL_SECONDS:-40}"
    "${DRIVER[@]}" --mode kill --seconds "$SECONDS_LOAD" --kill-log "$DIR/kills.txt" \
      --out docs/benchmark/cluster-kill.md &
    DRIVER_PID=$!
    : > "$DIR/kills.txt"
    sleep $((SECONDS_LOAD / 4))
    kill -9 "$B_PID"
    echo "kill -9 instance B $((SECONDS_LOAD / 4)) s into the load" >> "$DIR/kills.txt"
    sleep $((SECONDS_LOAD / 4))
    B_PID=$(start_gateway b $B); PIDS+=("$B_PID")
    started=$SECONDS
    await_ready $B 180
    echo "instance B started again $((SECONDS_LOAD / 2)) s in, ready $((SECONDS - started)) s later" >> "$DIR/kills.txt"
    wait "$DRIVER_PID"
    ;;
  chaos)
    SECONDS_LOAD="${CHAOS_SECONDS:-240}" KILLS="${CHAOS_KILLS:-8}"
    SEED="${CHAOS_SEED:-$RANDOM$RANDOM}"
    KILL_LOG="$DIR/kills.txt"
    : > "$KILL_LOG"
    java -Xmx256m -XX:+UseSerialGC -cp "benchmark/target/classes:benchmark/target/lib/*" \
      com.stepup.gateway.bench.chaos.ChaosRun \
      --base "http://localhost:$LB" --sandbox-base "http://localhost:$SANDBOX/klarna-sandbox" \
      --partner-key "$(cat "$GATEWAY_DEMO_KEY_FILE")" --sandbox-key "$SANDBOX_KEY" \
      --seed "$SEED" --seconds "$SECONDS_LOAD" --workers "${CHAOS_WORKERS:-6}" \
      --pause-ms "${CHAOS_PAUSE_MS:-150}" \
      --quiet-seconds "${CHAOS_QUIET_SECONDS:-300}" --kill-log "$KILL_LOG" \
      --out "${CHAOS_OUT:-docs/benchmark/chaos.md}" > >(tee "$DIR/logs/chaos-driver.log") 2>&1 &
    DRIVER_PID=$!
    # kill -9 A, start it again, wait until it is ready, a few seconds more, then B, and so on
    # while the load runs (a restart takes 20 to 120 s on two busy cores)
    T0=$SECONDS
    sleep 15
    for k in $(seq 1 "$KILLS"); do
      [ $((SECONDS - T0)) -lt "$SECONDS_LOAD" ] || break
      kill -0 "$DRIVER_PID" 2>/dev/null || break
      if [ $((k % 2)) -eq 1 ]; then name=a port=$A pid=$A_PID; else name=b port=$B pid=$B_PID; fi
      kill -9 "$pid"
      echo "kill -9 instance ${name^^} $((SECONDS - T0)) s into the load" >> "$KILL_LOG"
      sleep $((1 + RANDOM % 4))
      pid=$(start_gateway "$name" "$port"); PIDS+=("$pid")
      if [ "$name" = a ]; then A_PID=$pid; else B_PID=$pid; fi
      started=$SECONDS
      # the other is killed next once this one is ready, or after CHAOS_KILL_WAIT_SECONDS anyway
      # (then both are down for a while: the balancer answers 503)
      if await_ready "$port" "${CHAOS_KILL_WAIT_SECONDS:-60}" 2>/dev/null; then
        echo "instance ${name^^} started again $((started - T0)) s in, ready $((SECONDS - started)) s later" >> "$KILL_LOG"
      else
        echo "instance ${name^^} started again $((started - T0)) s in, not ready after $((SECONDS - started)) s (the next kill goes ahead)" >> "$KILL_LOG"
      fi
      sleep $((2 + RANDOM % 5))
    done
    wait "$DRIVER_PID"
    ;;
  *) echo "usage: ./cluster.sh [kill|chaos]" >&2; exit 2 ;;
esac
