#!/usr/bin/env bash
# Lints the partner API's contract as partners' own tools will read it: Redocly CLI (its recommended
# rules) and Spectral (spectral:oas) must report no error. The document linted is the one the
# gateway serves byte for byte at /openapi (ApiDocsTest and PlatformIT keep both equal); a file may
# be named instead: ./lint-contract.sh path/to/openapi.yaml. OpenAPI Generator reads it too, with its
# validation on, in the Maven build (gateway-app's pom). The tools come from npm, pinned, into
# ~/.cache/stepup-contract-lint once; later runs use that copy and need no network. The test command
# (./test.sh) runs this.
set -euo pipefail
cd "$(dirname "$0")"

DOC="${1:-gateway-app/src/main/resources/META-INF/openapi.yaml}"
REDOCLY_VERSION=2.77.0
SPECTRAL_VERSION=6.16.3
TOOLS="${CONTRACT_LINT_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/stepup-contract-lint}"

if ! command -v npm >/dev/null 2>&1; then
  echo "lint-contract.sh: npm is needed (Debian: apt-get install npm)" >&2
  exit 1
fi
installed() {
  [ -f "$TOOLS/node_modules/$1/package.json" ] \
    && grep -q "\"version\": \"$2\"" "$TOOLS/node_modules/$1/package.json"
}
if ! installed @redocly/cli "$REDOCLY_VERSION" || ! installed @stoplight/spectral-cli "$SPECTRAL_VERSION"; then
  echo "lint-contract.sh: installing Redocly CLI $REDOCLY_VERSION and Spectral $SPECTRAL_VERSION into $TOOLS"
  mkdir -p "$TOOLS"
  [ -f "$TOOLS/package.json" ] || echo '{"private":true}' > "$TOOLS/package.json"
  npm install --prefix "$TOOLS" --no-audit --no-fund --silent \
    "@redocly/cli@$REDOCLY_VERSION" "@stoplight/spectral-cli@$SPECTRAL_VERSION"
fi

RULES="$(mktemp -d)"
trap 'rm -rf "$RULES"' EXIT
echo 'extends: ["spectral:oas"]' > "$RULES/.spectral.yaml"

echo "lint-contract.sh: Redocly CLI on $DOC"
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$TOOLS/node_modules/.bin/redocly" lint --format=stylish "$DOC"
echo "lint-contract.sh: Spectral (spectral:oas) on $DOC"
"$TOOLS/node_modules/.bin/spectral" lint --fail-severity=error --display-only-failures \
  -r "$RULES/.spectral.yaml" "$DOC"
echo "lint-contract.sh: no errors"
