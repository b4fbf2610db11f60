#!/usr/bin/env bash
# The test command: installs what a fresh Debian machine lacks (Chromium and its driver for the
# browser tests, PostgreSQL for the second pass), then runs every test on H2 and again on
# PostgreSQL. TEST_DB=h2 runs the H2 pass only; TEST_DB=postgres the PostgreSQL pass only.
# Extra arguments go to Maven (for example -Dsimulation.histories=20000).
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "${APT_UPDATED:-}" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root apt-get install -y -qq "$@" >/dev/null
}

db="${TEST_DB:-all}"

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "test.sh: installing Debian's chromium and chromium-driver for the browser tests"
  apt_install chromium chromium-driver
fi

if [ "$db" != h2 ]; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "test.sh: installing PostgreSQL for the PostgreSQL pass"
    apt_install postgresql
  fi
  if ! psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
    echo "test.sh: starting PostgreSQL"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
    for _ in $(seq 1 30); do
      psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1 && break
      sleep 1
    done
  fi
  if ! psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
    # a fresh Debian install asks for a password on TCP: let loopback in without one, as CI does
    echo "test.sh: allowing trust authentication on loopback for the test database"
    hba="$(ls /etc/postgresql/*/main/pg_hba.conf | sort -V | tail -1)"
    as_root sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main reload
    sleep 1
  fi
fi

# The contract as partners' tools read it (Redocly CLI, Spectral): no error; a few seconds once the
# tools are cached, so it runs first
if ! command -v npm >/dev/null 2>&1; then
  echo "test.sh: installing Debian's npm for the contract lint"
  apt_install npm
fi
./lint-contract.sh

# the ITs write every partner notification they received and verified here; check-webhooks.sh
# verifies them again with the standardwebhooks npm library after the tests
rm -rf gateway-app/target/partner-webhooks

if [ "$db" != postgres ]; then
  # H2, the default database: unit tests, the simulation, the integration and browser tests
  mvn -B verify "$@"
fi

if [ "$db" != h2 ]; then
  # The same WAR on PostgreSQL, on a fresh database: the migrations and signals tests and the ITs whose
  # outcome can depend on the database (@OnEveryDatabase; -Dit.groups= runs them all)
  psql -h 127.0.0.1 -U postgres -d postgres -q \
    -c 'DROP DATABASE IF EXISTS gateway_it WITH (FORCE)' -c 'CREATE DATABASE gateway_it'
  mvn -B -Ppostgres -Dit.postgres.url=jdbc:postgresql://127.0.0.1:5432/gateway_it \
    -Dtest='SchemaMigrationsTest,PostgresSignalsTest,JdbcUrlDataSourceTest' \
    -Dsurefire.failIfNoSpecifiedTests=false verify "$@"
fi

# Every partner notification the ITs received, verified again as partners will: with the official
# Standard Webhooks library for Node (and refused once changed)
./check-webhooks.sh
