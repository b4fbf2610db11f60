#!/usr/bin/env bash
# The chaos run, one command (issue 33, README "How it stays correct"): ./cluster.sh chaos.
# CHAOS_SEED, CHAOS_SECONDS (240), CHAOS_WORKERS (6), CHAOS_KILLS (at most 8), CHAOS_QUIET_SECONDS (300),
# CHAOS_OUT (docs/benchmark/chaos.md), SKIP_BUILD=1. Exits non-zero on any violation.
exec "$(dirname "$0")/cluster.sh" chaos
