#!/usr/bin/env bash
# Serves the Klarna sandbox alone over HTTPS at https://localhost:8443/klarna-sandbox, requiring a
# client certificate as Klarna requires mutual TLS of an Acquiring Partner. On first use it makes
# test-only key material with the JDK's keytool under data/tls/ (a CA, the sandbox's server
# certificate, the gateway's client certificate, a trust store), then prints the KLARNA_* settings
# that point the gateway at it (also written to data/tls/gateway.env). Ctrl-C stops it.
#
#   ./sandbox-https.sh                      # terminal 1
#   set -a; . data/tls/gateway.env; set +a  # terminal 2
#   ./run-demo.sh                           # the gateway, now calling the sandbox over mutual TLS
set -euo pipefail
# what this writes (keys, passwords) is for this user only
umask 077
cd "$(dirname "$0")"

HTTPS_PORT="${SANDBOX_HTTPS_PORT:-8443}"
DATA_DIR="${DATA_DIR:-data}"
TLS_DIR="${TLS_DIR:-$DATA_DIR/tls}"
mkdir -p "$TLS_DIR"
TLS_ABS="$(cd "$TLS_DIR" && pwd)"
ROOT_DIR="$DATA_DIR/sandbox-https-payara"
rm -rf "$ROOT_DIR"
mkdir -p "$ROOT_DIR"
ROOT_ABS="$(cd "$ROOT_DIR" && pwd)"

if [ "${SKIP_BUILD:-}" != "1" ]; then
  echo "Building (tests are the other command: see README.md)..."
  mvn -B -q -DskipTests -Dspotless.check.skip=true package
fi

# the same sandbox API key as run-demo.sh, so the demo's gateway is accepted as it is
if [ ! -s "$DATA_DIR/sandbox-api-key" ]; then
  echo "klarna_test_api_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" > "$DATA_DIR/sandbox-api-key"
fi
SANDBOX_KEY="$(cat "$DATA_DIR/sandbox-api-key")"

# --- test-only key material (kept: delete data/tls to make new) --------------------------------
KEYTOOL="${JAVA_HOME:+$JAVA_HOME/bin/}keytool"
if [ ! -s "$TLS_DIR/password" ]; then
  head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$TLS_DIR/password"
fi
PASS="$(cat "$TLS_DIR/password")"
kt() { "$KEYTOOL" "$@" -storetype PKCS12 -storepass "$PASS" -noprompt -J-XX:TieredStopAtLevel=1 >/dev/null 2>&1; }

# $1 name, $2 distinguished name, $3 extensions: a key pair signed by the test CA in $1.p12
signed() {
  local store="$TLS_DIR/$1.p12"
  rm -f "$store"
  kt -genkeypair -keystore "$store" -alias "$1" -dname "$2" -keyalg RSA -keysize 2048
  kt -certreq -keystore "$store" -alias "$1" -file "$TLS_DIR/$1.csr"
  # shellcheck disable=SC2086 # $3 is a list of options
  kt -gencert -keystore "$TLS_DIR/ca.p12" -alias ca -infile "$TLS_DIR/$1.csr" -outfile "$TLS_DIR/$1.pem" -rfc -validity 365 $3
  kt -importcert -keystore "$store" -alias ca -file "$TLS_DIR/ca.pem"
  kt -importcert -keystore "$store" -alias "$1" -file "$TLS_DIR/$1.pem"
  kt -delete -keystore "$store" -alias ca
  rm -f "$TLS_DIR/$1.csr"
}

if [ ! -s "$TLS_DIR/gateway-client.p12" ]; then
  echo "Making test-only certificates in $TLS_DIR ..."
  rm -f "$TLS_DIR"/*.p12 "$TLS_DIR"/*.pem
  kt -genkeypair -keystore "$TLS_DIR/ca.p12" -alias ca -dname "CN=Klarna sandbox test-only CA" \
    -keyalg RSA -keysize 2048 -validity 3650 -ext bc:c
  kt -exportcert -keystore "$TLS_DIR/ca.p12" -alias ca -rfc -file "$TLS_DIR/ca.pem"
  # trusted by the gateway for the sandbox's server certificate, and by the sandbox for clients
  kt -importcert -keystore "$TLS_DIR/trust.p12" -alias ca -file "$TLS_DIR/ca.pem"
  signed sandbox "CN=localhost" "-ext san=dns:localhost,ip:127.0.0.1 -ext eku=serverAuth"
  signed gateway-client "CN=Gateway test-only acquirer" "-ext eku=clientAuth"
fi

# --- the sandbox's server: HTTPS only, on loopback, a client certificate from the CA required ----
cat > "$ROOT_ABS/https.asadmin" <<'ASADMIN'
set configs.config.server-config.network-config.protocols.protocol.https-listener.ssl.client-auth-enabled=true
set configs.config.server-config.network-config.network-listeners.network-listener.https-listener.address=127.0.0.1
set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.enabled=false
ASADMIN
# the JVM's key store is the sandbox's certificate, its trust store the test CA alone (not
# Payara's own CAs, whose built-in certificate every Payara would otherwise present and pass)
cat > "$ROOT_ABS/tls.properties" <<PROPS
javax.net.ssl.keyStore=$TLS_ABS/sandbox.p12
javax.net.ssl.keyStorePassword=$PASS
javax.net.ssl.keyStoreType=PKCS12
javax.net.ssl.trustStore=$TLS_ABS/trust.p12
javax.net.ssl.trustStorePassword=$PASS
javax.net.ssl.trustStoreType=PKCS12
PROPS

export SANDBOX_API_KEYS="${SANDBOX_API_KEYS:-$SANDBOX_KEY}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
java ${JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError} -Djava.io.tmpdir="$ROOT_ABS" \
  -jar gateway-app/target/payara-micro.jar \
  --nohazelcast --sslport "$HTTPS_PORT" --sslcert sandbox --rootdir "$ROOT_DIR" \
  --systemproperties "$ROOT_ABS/tls.properties" --prebootcommandfile "$ROOT_ABS/https.asadmin" \
  --deploy "gateway-app/target/klarna-sandbox.war:/klarna-sandbox" > "$ROOT_DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' INT TERM EXIT

BASE="https://localhost:${HTTPS_PORT}/klarna-sandbox"
CURL_TLS=(--cacert "$TLS_DIR/ca.pem" --cert-type P12 --cert "$TLS_DIR/gateway-client.p12:$PASS")
for _ in $(seq 1 120); do
  if curl -fs "${CURL_TLS[@]}" "$BASE/sandbox/health" >/dev/null 2>&1; then
    cat > "$TLS_DIR/gateway.env" <<ENV
KLARNA_BASE_URL=$BASE
KLARNA_API_KEY=$SANDBOX_KEY
KLARNA_TLS_KEY_STORE=$TLS_ABS/gateway-client.p12
KLARNA_TLS_KEY_STORE_PASSWORD=$PASS
KLARNA_TLS_TRUST_STORE=$TLS_ABS/trust.p12
KLARNA_TLS_TRUST_STORE_PASSWORD=$PASS
ENV
    cat <<BANNER

  Klarna sandbox over mutual TLS: $BASE
    Requires a client certificate issued by $TLS_DIR/ca.pem (test-only CA); no plain HTTP.
    API key (Basic):  $SANDBOX_KEY
    Try:   curl --cacert $TLS_DIR/ca.pem --cert-type P12 --cert $TLS_DIR/gateway-client.p12:\$(cat $TLS_DIR/password) $BASE/sandbox/health
    Log:   $ROOT_DIR/server.log

  Point the gateway at it (these are also in $TLS_DIR/gateway.env):
    export KLARNA_BASE_URL=$BASE
    export KLARNA_API_KEY=$SANDBOX_KEY
    export KLARNA_TLS_KEY_STORE=$TLS_ABS/gateway-client.p12
    export KLARNA_TLS_KEY_STORE_PASSWORD=\$(cat $TLS_ABS/password)
    export KLARNA_TLS_TRUST_STORE=$TLS_ABS/trust.p12
    export KLARNA_TLS_TRUST_STORE_PASSWORD=\$(cat $TLS_ABS/password)
  e.g.  set -a; . $TLS_DIR/gateway.env; set +a; SKIP_BUILD=1 ./run-demo.sh

BANNER
    wait $SERVER
    exit $?
  fi
  if ! kill -0 $SERVER 2>/dev/null; then
    echo "The sandbox stopped during start; the end of its log ($ROOT_DIR/server.log):" >&2
    tail -n 20 "$ROOT_DIR/server.log" >&2 || true
    exit 1
  fi
  sleep 1
done
echo "The sandbox did not answer over HTTPS within 120 s; see $ROOT_DIR/server.log" >&2
exit 1
