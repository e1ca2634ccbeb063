#!/usr/bin/env bash
# A burst of uncached credentials: every reader's first push at once, as after a restart.
#
#   bench/burst.sh [base-url]        default http://localhost:8080
#
# Run it right after the server (re)started, with the readers bench/run.sh made (the same
# BENCH_USERS, BENCH_DOCS, BENCH_USER_PREFIX, BENCH_PASSWORD): no credential is cached yet, so each
# reader's first request pays one slow hash. It sends PUTs over BURST_CONNECTIONS (default 32)
# connections for BURST_SECONDS (default 10), with no warm-up, and prints wrk's result line: the
# target is no 5xx and a p99 under KOReader's 5 s timeout. With /metrics on (KOSYNC_METRICS_ENABLED
# and this machine allowed), it also prints how many slow hashes the burst cost: one per reader
# when concurrent requests of one reader share a check.
set -euo pipefail

BASE_URL="${1:-http://localhost:8080}"
BASE_URL="${BASE_URL%/}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export BENCH_USERS="${BENCH_USERS:-64}" BENCH_DOCS="${BENCH_DOCS:-200}"
CONNECTIONS="${BURST_CONNECTIONS:-32}"
SECONDS_="${BURST_SECONDS:-10}"

# empty when /metrics does not answer; 0 before the first hash (the counter appears with it)
hashes() {
  local metrics
  metrics="$(curl -sf "$BASE_URL/metrics" 2>/dev/null)" || return 0
  awk '/^kosync_auth_hashes_total/ {n = $2} END {print n + 0}' <<<"$metrics"
}

command -v wrk >/dev/null || { echo "burst.sh: wrk is required (apt-get install wrk)" >&2; exit 3; }
curl -sf --max-time 5 "$BASE_URL/healthcheck" >/dev/null \
  || { echo "burst.sh: server not reachable at $BASE_URL" >&2; exit 2; }
before="$(hashes)"
result="$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" --timeout 10s -s "$HERE/koreader.lua" "$BASE_URL" -- PUT \
  | grep '^BENCH_RESULT')"
after="$(hashes)"
echo "burst of $BENCH_USERS uncached readers x $BENCH_DOCS documents over $CONNECTIONS connections, ${SECONDS_}s:"
echo "$result"
if [[ -n "$before" && -n "$after" ]]; then
  echo "slow hashes during the burst: $(awk -v a="$after" -v b="$before" 'BEGIN {print a - b}')"
fi
