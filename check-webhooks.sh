#!/usr/bin/env bash
# Verifies the partner notifications the ITs received (gateway-app/target/partner-webhooks/, written
# by PartnerWebhooks after its own check) with the official Standard Webhooks library for Node,
# `standardwebhooks` from npm, pinned, as a partner would. Each delivery must verify with its
# merchant's secret, and must NOT verify once a byte of its body, its id or its secret is changed;
# fewer than MIN_DELIVERIES deliveries is a failure too (the ITs did not run, or sent nothing).
# The library is cached in ~/.cache/stepup-contract-lint with the lint tools. ./test.sh runs this
# after the integration tests.
set -euo pipefail
cd "$(dirname "$0")"

DIR="${1:-gateway-app/target/partner-webhooks}"
MIN_DELIVERIES="${MIN_DELIVERIES:-10}"
STANDARDWEBHOOKS_VERSION=1.3.0
TOOLS="${CONTRACT_LINT_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/stepup-contract-lint}"

if ! command -v npm >/dev/null 2>&1; then
  echo "check-webhooks.sh: npm is needed (Debian: apt-get install npm)" >&2
  exit 1
fi
if ! [ -f "$TOOLS/node_modules/standardwebhooks/package.json" ] \
  || ! grep -q "\"version\": \"$STANDARDWEBHOOKS_VERSION\"" "$TOOLS/node_modules/standardwebhooks/package.json"; then
  echo "check-webhooks.sh: installing standardwebhooks $STANDARDWEBHOOKS_VERSION into $TOOLS"
  mkdir -p "$TOOLS"
  [ -f "$TOOLS/package.json" ] || echo '{"private":true}' > "$TOOLS/package.json"
  npm install --prefix "$TOOLS" --no-audit --no-fund --silent "standardwebhooks@$STANDARDWEBHOOKS_VERSION"
fi

NODE_PATH="$TOOLS/node_modules" node - "$DIR" "$MIN_DELIVERIES" <<'JS'
const fs = require("fs");
const path = require("path");
const { Webhook } = require("standardwebhooks");

const [dir, min] = process.argv.slice(2);
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")) : [];
const realNow = Date.now;
const problems = [];
const types = new Set();

// the library refuses a timestamp more than 5 minutes from now: check each recorded delivery at
// the time it was received (the ITs' own check held it to the clock when it arrived)
function verifies(secret, body, headers) {
  Date.now = () => Number(headers["webhook-timestamp"]) * 1000;
  try {
    new Webhook(secret).verify(body, headers);
    return true;
  } catch (e) {
    return false;
  } finally {
    Date.now = realNow;
  }
}

for (const f of files) {
  const d = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
  const headers = {
    "webhook-id": d["webhook-id"],
    "webhook-timestamp": d["webhook-timestamp"],
    "webhook-signature": d["webhook-signature"],
  };
  if (!verifies(d.secret, d.body, headers)) {
    problems.push(`${f}: does not verify with its merchant's secret`);
    continue;
  }
  types.add(JSON.parse(d.body).type);
  const tampered = d.body.replace(/.$/s, (c) => (c === "}" ? " }" : "}"));
  const otherSecret = "whsec_" + Buffer.from("not the merchant's secret").toString("base64");
  if (verifies(d.secret, tampered, headers)) problems.push(`${f}: a changed body still verifies`);
  if (verifies(d.secret, d.body, { ...headers, "webhook-id": headers["webhook-id"] + "x" }))
    problems.push(`${f}: a changed webhook-id still verifies`);
  if (verifies(otherSecret, d.body, headers)) problems.push(`${f}: another secret verifies it`);
}
if (files.length < Number(min)) {
  problems.push(`only ${files.length} deliveries in ${dir} (at least ${min} expected: run the ITs first)`);
}
if (problems.length) {
  console.error("check-webhooks.sh: " + problems.length + " problem(s):\n  " + problems.join("\n  "));
  process.exit(1);
}
console.log(
  `check-webhooks.sh: ${files.length} deliveries verified with standardwebhooks ` +
    `(${[...types].sort().join(", ")}); none verifies once changed`,
);
JS
