#!/usr/bin/env bash
# Builds the gateway and the Klarna sandbox, then runs both on one Payara Micro at
# http://localhost:8080/ (gateway) and http://localhost:8080/klarna-sandbox (sandbox), with an H2
# database under ./data and demo mode on. State survives a restart. Ctrl-C stops it.
set -euo pipefail
# what the demo writes (database, keys) is for this user only
umask 077
cd "$(dirname "$0")"

PORT="${PORT:-8080}"
# DATA_DIR (default data/) keeps the database; DATA_DIR/payara is the server's scratch space, fresh
# each start (a kept one would redeploy yesterday's WAR beside today's).
DATA_DIR="${DATA_DIR:-data}"
rm -rf "$DATA_DIR/payara"
mkdir -p "$DATA_DIR/payara" "$DATA_DIR/logs"
DATA_ABS="$(cd "$DATA_DIR" && pwd)"

if [ "${SKIP_BUILD:-}" != "1" ]; then
  echo "Building (tests are the other command: see README.md)..."
  mvn -B -q -DskipTests -Dspotless.check.skip=true package
fi

# One sandbox API key per checkout, kept with the data so a restart keeps talking to the same sandbox.
if [ ! -s "$DATA_DIR/sandbox-api-key" ]; then
  echo "klarna_test_api_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" > "$DATA_DIR/sandbox-api-key"
fi
SANDBOX_KEY="$(cat "$DATA_DIR/sandbox-api-key")"

# and one key that seals the secrets the gateway stores (webhook secrets, Klarna signing keys)
if [ ! -s "$DATA_DIR/secrets-key" ]; then
  (umask 077; head -c 32 /dev/urandom | base64 > "$DATA_DIR/secrets-key")
fi
export GATEWAY_SECRETS_KEY="${GATEWAY_SECRETS_KEY:-$(cat "$DATA_DIR/secrets-key")}"

export GATEWAY_DEMO="${GATEWAY_DEMO:-true}"
export GATEWAY_DEMO_KEY_FILE="${GATEWAY_DEMO_KEY_FILE:-$DATA_DIR/demo-partner-api-key}"
export GATEWAY_DEMO_WEBHOOK_SECRET_FILE="${GATEWAY_DEMO_WEBHOOK_SECRET_FILE:-$DATA_DIR/demo-webhook-secret}"
export GATEWAY_DB_URL="${GATEWAY_DB_URL:-jdbc:h2:file:$DATA_ABS/gateway;DB_CLOSE_ON_EXIT=FALSE}"
export GATEWAY_ADMIN_USERNAME="${GATEWAY_ADMIN_USERNAME:-admin}"
export GATEWAY_ADMIN_PASSWORD="${GATEWAY_ADMIN_PASSWORD:-admin-demo}"
export GATEWAY_PUBLIC_BASE_URL="${GATEWAY_PUBLIC_BASE_URL:-http://localhost:${PORT}}"
export KLARNA_BASE_URL="${KLARNA_BASE_URL:-http://localhost:${PORT}/klarna-sandbox}"
export KLARNA_API_KEY="${KLARNA_API_KEY:-$SANDBOX_KEY}"
export SANDBOX_API_KEYS="${SANDBOX_API_KEYS:-$SANDBOX_KEY}"
# the demo's partner receivers run on this machine: let notifications reach local addresses
export WEBHOOKS_DELIVERY_ALLOW_PRIVATE_TARGETS="${WEBHOOKS_DELIVERY_ALLOW_PRIVATE_TARGETS:-true}"
# the gateway registers its own webhook at the sandbox, so completions arrive at once
export KLARNA_WEBHOOK_SELF_REGISTER="${KLARNA_WEBHOOK_SELF_REGISTER:-true}"

# glibc gives every thread that allocates its own malloc arena (64 MiB each, hundreds of MiB of
# memory in all under load); two are plenty for a JVM, whose objects live on its own heap
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# The sandbox is deployed first (Payara Micro deploys in the order given), so it is there when the
# gateway registers its webhook a second after its own start.
# jakarta.json.provider: JSON-P finds its implementation by name instead of a ServiceLoader scan
# of the class path on every lookup (the server's JSON log formatter looks it up per line)
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
java ${JAVA_OPTS:--Xms64m -Xmx320m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl} -Djava.io.tmpdir="$DATA_ABS/payara" \
  -jar gateway-app/target/payara-micro.jar \
  --nohazelcast --port "$PORT" --rootdir "$DATA_DIR/payara" --logproperties config/demo-logging.properties \
  --prebootcommandfile config/payara/preboot.asadmin --postdeploycommandfile config/payara/postdeploy.asadmin \
  --deploy "gateway-app/target/klarna-sandbox.war:/klarna-sandbox" \
  --deploy "gateway-app/target/gateway.war:/" \
  ${BENCH_FLOOR_WAR:+--deploy "$BENCH_FLOOR_WAR:/floor"} &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' INT TERM EXIT

# the banner names where the keys are, never the keys: what it prints ends up in logs (bench.sh,
# a service manager's journal); the well-known demo password alone is shown
if [ "$GATEWAY_ADMIN_PASSWORD" = admin-demo ]; then ADMIN_PASSWORD_SHOWN=admin-demo; else ADMIN_PASSWORD_SHOWN='(GATEWAY_ADMIN_PASSWORD)'; fi
# demo mode alone makes the platform admins' second factor optional (ADR 0026); say so
if [ "${GATEWAY_TWO_FACTOR_PLATFORM_ADMINS:-}" = required ] || { [ -z "${GATEWAY_TWO_FACTOR_PLATFORM_ADMINS:-}" ] && [ "$GATEWAY_DEMO" != true ]; }; then
  TWO_FACTOR_SHOWN="required for platform admins: enrol at the first login (QR code)"
else
  TWO_FACTOR_SHOWN="OPTIONAL for platform admins in demo mode (production requires it; set
                    GATEWAY_TWO_FACTOR_PLATFORM_ADMINS=required to try); enrol at /login/enrol"
fi
# Whether the gateway's webhook is registered at the demo's own sandbox (always true when the
# gateway does not register one, or talks to another Klarna): until then an approved payment is
# only learned of by the janitor's read, not within a second.
webhook_registered() {
  if [ "$KLARNA_WEBHOOK_SELF_REGISTER" != "true" ] \
    || [ "$KLARNA_BASE_URL" != "http://localhost:${PORT}/klarna-sandbox" ]; then
    return 0
  fi
  curl -fs -H "Authorization: Basic $SANDBOX_KEY" "$KLARNA_BASE_URL/v2/notification/webhooks" 2>/dev/null \
    | grep -q "\"url\":\"${GATEWAY_PUBLIC_BASE_URL}/webhooks/klarna\""
}

STARTED=$SECONDS
for _ in $(seq 1 180); do
  # ready only once the gateway's own database check is there (the server alone reports UP too),
  # and its webhook is registered at the sandbox (or 60 s have passed: then the banner says so)
  if curl -fs "http://localhost:${PORT}/health/ready" 2>/dev/null | grep -q '"database"'; then
    for _ in $(seq 1 60); do
      webhook_registered && break
      sleep 1
    done
    if webhook_registered; then
      STATE="is ready ($((SECONDS - STARTED)) s; Klarna webhook registered)"
    else
      STATE="is up, but its Klarna webhook is still registering: until then approved payments
  are finished by the janitor's read (within a minute), not within a second"
    fi
    cat <<BANNER

  Klarna step-up gateway ${STATE}.
    Console:        http://localhost:${PORT}/console
    Admin login:    ${GATEWAY_ADMIN_USERNAME} / ${ADMIN_PASSWORD_SHOWN}
    Second factor:  ${TWO_FACTOR_SHOWN}
    Klarna sandbox: ${KLARNA_BASE_URL}  (API key in ${DATA_DIR}/sandbox-api-key)
    Demo merchant:  store store-001, terminal till-7 (onboarding to the sandbox a few seconds
                    after start); partner API key in ${GATEWAY_DEMO_KEY_FILE}, webhook
                    signing secret (whsec_…) in ${GATEWAY_DEMO_WEBHOOK_SECRET_FILE}; set its
                    notification URL with PUT /api/v1/webhook-endpoint
    Try:            curl -H "Authorization: Bearer \$(cat $GATEWAY_DEMO_KEY_FILE)" http://localhost:${PORT}/api/v1/stores
    API:            http://localhost:${PORT}/docs/api  (OpenAPI: /openapi)    Metrics: /metrics
    Health:         http://localhost:${PORT}/health/ready
    Log:            ${DATA_DIR}/logs/gateway0.log (JSON); below, one line per noteworthy event

BANNER
    wait $SERVER
    exit $?
  fi
  if ! kill -0 $SERVER 2>/dev/null; then
    echo "The server stopped during start; the end of its log ($DATA_DIR/logs/gateway0.log):" >&2
    tail -n 20 "$DATA_DIR/logs/gateway0.log" >&2 || true
    exit 1
  fi
  sleep 1
done
echo "The server did not become ready within 180 s." >&2
exit 1
