#!/usr/bin/env bash
# Load benchmark of a running KOsync server with KOReader-shaped traffic (see bench/README.md).
#
#   bench/run.sh [base-url]        default http://localhost:8080
#
# 1. checks that the server answers /healthcheck (exit 2 if not) and that wrk is installed
#    (installs it with apt-get when running as root);
# 2. creates the users bench-user-1..N (402 "user exists" is fine), warms each user's credential
#    cache entry with GET /users/auth, and PUTs every (user, document) pair once, so that every
#    GET below finds stored progress and every PUT below updates an existing row;
# 3. for each mode (PUT, GET) and connection count (8, 32, 128): re-warms the users, runs wrk for
#    BENCH_WARMUP seconds (discarded) and then for BENCH_DURATION seconds (measured);
# 4. prints a table: mode, connections, req/s, p50 ms, p99 ms, non-2xx, socket errors.
#
# Settings (environment):
#   BENCH_DURATION=30        measured seconds per run
#   BENCH_WARMUP=10          discarded warm-up seconds before each measured run (0: none)
#   BENCH_CONNECTIONS="8 32 128"
#   BENCH_MODES="PUT GET"
#   BENCH_THREADS=2          wrk threads
#   BENCH_TIMEOUT=10         wrk request timeout in seconds (a timed-out request is a socket error)
#   BENCH_USERS=200  BENCH_DOCS=50  BENCH_USER_PREFIX=bench-user-  BENCH_PASSWORD=bench-password
#   BENCH_SETUP_PARALLEL=4   concurrent curl processes while creating/warming/seeding users
#   BENCH_OUT=bench/results/<UTC time>   where raw wrk output and the result table are written
#   BENCH_SERVER_PID=<pid>   the server process whose CPU time is reported (default: the process
#                            listening on the base URL's port, found with ss; on this machine only)
#
# CPU per request: for each measured run, the CPU time (user + system, from /proc) the server
# process and all PostgreSQL processes spent, divided by the requests wrk completed: µs/request.
# Both count only when they run on this machine; "-" otherwise.
#
# Exit status: 0 all runs clean; 1 some run had non-2xx responses, socket errors, empty GETs or
# no result; 2 server not reachable, or setup failed; 3 wrk missing and not installable.

set -euo pipefail

BASE_URL="${1:-http://localhost:8080}"
BASE_URL="${BASE_URL%/}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCRIPT="$HERE/koreader.lua"

DURATION="${BENCH_DURATION:-30}"
WARMUP="${BENCH_WARMUP:-30}"
CONNECTIONS="${BENCH_CONNECTIONS:-8 32 128}"
MODES="${BENCH_MODES:-PUT GET}"
THREADS="${BENCH_THREADS:-2}"
TIMEOUT="${BENCH_TIMEOUT:-10}"
USERS="${BENCH_USERS:-200}"
DOCS="${BENCH_DOCS:-50}"
PREFIX="${BENCH_USER_PREFIX:-bench-user-}"
PASSWORD="${BENCH_PASSWORD:-bench-password}"
PARALLEL="${BENCH_SETUP_PARALLEL:-4}"
OUT="${BENCH_OUT:-$HERE/results/$(date -u +%Y%m%dT%H%M%SZ)}"

ACCEPT="application/vnd.koreader.v1+json"

die() { echo "run.sh: $*" >&2; exit "${EXIT_CODE:-2}"; }
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

for name in DURATION WARMUP THREADS TIMEOUT USERS DOCS PARALLEL; do
  [[ "${!name}" =~ ^[0-9]+$ ]] || die "BENCH_$name must be a whole number, got '${!name}'"
done
(( DURATION > 0 && THREADS > 0 && USERS > 0 && DOCS > 0 && PARALLEL > 0 && TIMEOUT > 0 )) \
  || die "BENCH_DURATION, BENCH_THREADS, BENCH_TIMEOUT, BENCH_USERS, BENCH_DOCS, BENCH_SETUP_PARALLEL must be > 0"
(( USERS < 65535 && DOCS < 65535 )) || die "BENCH_USERS and BENCH_DOCS must be below 65535"
for c in $CONNECTIONS; do
  [[ "$c" =~ ^[0-9]+$ ]] && (( c >= THREADS )) || die "each of BENCH_CONNECTIONS must be a number >= BENCH_THREADS ($THREADS), got '$c'"
done
for m in $MODES; do
  [[ "$m" == PUT || "$m" == GET ]] || die "BENCH_MODES may contain PUT and GET only, got '$m'"
done
[[ "$PREFIX" =~ ^[A-Za-z0-9._~-]+$ ]] || die "BENCH_USER_PREFIX may contain A-Z a-z 0-9 . _ ~ - only"
command -v curl >/dev/null || die "curl is required"
command -v md5sum >/dev/null || die "md5sum is required"

# --- the server must be up -------------------------------------------------------------------
health="$(curl -sS --max-time 5 "$BASE_URL/healthcheck" 2>&1)" \
  || die "server not reachable at $BASE_URL: $health"
[[ "$health" == *'"OK"'* ]] || die "server at $BASE_URL is not healthy: GET /healthcheck answered: ${health:0:300}"

# --- wrk --------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
    log "wrk not found; installing it with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; } \
      || EXIT_CODE=3 die "could not install wrk with apt-get"
  else
    EXIT_CODE=3 die "wrk is not installed (Debian/Ubuntu: sudo apt-get install wrk; macOS: brew install wrk)"
  fi
fi

KEY="$(printf '%s' "$PASSWORD" | md5sum | cut -d' ' -f1)"
export BENCH_USERS="$USERS" BENCH_DOCS="$DOCS" BENCH_USER_PREFIX="$PREFIX" BENCH_KEY="$KEY"
export BASE_URL ACCEPT

mkdir -p "$OUT"
{
  echo "date:        $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "server:      $BASE_URL"
  echo "client host: $(uname -n), $(nproc 2>/dev/null || echo '?') CPUs, $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2)"
  echo "workload:    $USERS users x $DOCS documents, uniform random pair per request"
  echo "runs:        modes $MODES, connections $CONNECTIONS, $THREADS wrk threads, ${WARMUP}s warm-up + ${DURATION}s measured, timeout ${TIMEOUT}s"
} | tee "$OUT/environment.txt"


# --- users and documents ----------------------------------------------------------------------

# Same ids as document_id()/device_id() in koreader.lua: 4 x 8 hex digits of a 32-bit LCG.
hex128() {
  local x=$(( $1 % 4294967296 )) k out=""
  for k in 1 2 3 4; do
    x=$(( (x * 1664525 + 1013904223) % 4294967296 ))
    x=$(( (x * 1664525 + 1013904223) % 4294967296 ))
    printf -v out '%s%08x' "$out" "$x"
  done
  REPLY="$out"
}

# curl -K config: the auth headers of one user
auth_lines() {
  printf 'header = "Accept: %s"\nheader = "x-auth-user: %s"\nheader = "x-auth-key: %s"\n' "$ACCEPT" "$1" "$KEY"
}

# Creates user $1 (201 or 402), logs in until 200 (the first login hashes the password and may
# have to wait for a hashing slot), then PUTs each of its documents once. Prints one status line.
prepare_user() {
  local user=$1 name="$PREFIX$1" created auth="" attempt doc device codes seeded
  for attempt in 1 2 3 4 5; do # 502: every hashing slot was busy (kosync.auth.hash.wait); try again
    created="$(curl -sS --max-time 30 -o /dev/null -w '%{http_code}' -X POST "$BASE_URL/users/create" \
      -H "Accept: $ACCEPT" -H 'Content-Type: application/json' \
      --data "{\"username\":\"$name\",\"password\":\"$KEY\"}" 2>/dev/null)" || created="curl-error"
    [[ "$created" == 502 ]] || break
    sleep "$attempt"
  done
  for attempt in 1 2 3 4 5; do
    auth="$(curl -sS --max-time 30 -o /dev/null -w '%{http_code}' "$BASE_URL/users/auth" \
      -H "Accept: $ACCEPT" -H "x-auth-user: $name" -H "x-auth-key: $KEY" 2>/dev/null)" || auth="curl-error"
    [[ "$auth" == 200 || "$auth" == 401 ]] && break # 401 is final: wrong password
    sleep "$attempt"
  done
  if [[ "$auth" != 200 ]]; then
    echo "$name create=$created auth=$auth seeded=0/$DOCS"
    return
  fi
  hex128 $(( user * 65536 + 65535 )); device="${REPLY^^}"
  codes="$(
    for (( doc = 1; doc <= DOCS; doc++ )); do
      hex128 $(( user * 65536 + doc ))
      (( doc > 1 )) && echo next
      printf 'url = "%s/syncs/progress"\nrequest = "PUT"\nheader = "Content-Type: application/json"\n' "$BASE_URL"
      auth_lines "$name"
      printf 'data = "{\\"document\\":\\"%s\\",\\"progress\\":\\"/body/DocFragment[%d]/body/p[%d]/text().%d\\",\\"percentage\\":%d.%04d,\\"device\\":\\"Kobo Libra 2\\",\\"device_id\\":\\"%s\\"}"\n' \
        "$REPLY" $(( RANDOM % 60 + 1 )) $(( RANDOM % 200 + 1 )) $(( RANDOM % 400 )) 0 $(( RANDOM % 10000 )) "$device"
      printf 'output = "/dev/null"\nwrite-out = "%%{http_code}\\n"\nmax-time = 30\n'
    done | curl -s -K - 2>/dev/null
  )" || true
  seeded=$(grep -c '^2[0-9][0-9]$' <<<"$codes" || true)
  echo "$name create=$created auth=$auth seeded=$seeded/$DOCS"
}

# One GET /users/auth per user over one kept-alive connection: cheap while the credential cache
# holds the user, and re-hashes (outside the measurement) any entry that has expired.
rewarm_users() {
  local user codes
  codes="$(
    for (( user = 1; user <= USERS; user++ )); do
      (( user > 1 )) && echo next
      printf 'url = "%s/users/auth"\n' "$BASE_URL"
      auth_lines "$PREFIX$user"
      printf 'output = "/dev/null"\nwrite-out = "%%{http_code}\\n"\nmax-time = 30\n'
    done | curl -s -K - 2>/dev/null
  )" || true
  grep -cv '^200$' <<<"$codes" || true
}

export -f hex128 auth_lines prepare_user
export KEY PREFIX DOCS

log "creating, warming and seeding $USERS users x $DOCS documents ($PARALLEL in parallel)"
started=$SECONDS
seq 1 "$USERS" | xargs -P "$PARALLEL" -I{} bash -c 'prepare_user "$1"' _ {} > "$OUT/setup.txt"
problems="$(grep -Ev "create=(201|402) auth=200 seeded=$DOCS/$DOCS\$" "$OUT/setup.txt" || true)"
created=$(grep -c 'create=201' "$OUT/setup.txt" || true)
log "setup done in $(( SECONDS - started ))s: $created users created, $(grep -c 'create=402' "$OUT/setup.txt" || true) already existed"
if [[ -n "$problems" || $(wc -l < "$OUT/setup.txt") -ne $USERS ]]; then
  echo "$problems" | head -n 20 >&2
  grep -q 'create=429' "$OUT/setup.txt" \
    && log "429 on create: the server allows 20 registrations per address and 10 minutes; start it with KOSYNC_AUTH_LIMIT_REGISTRATIONS_PER_ADDRESS=$USERS (or more) for the benchmark"
  die "setup failed for some users (402 on create with auth 401 means the user exists with another password); see $OUT/setup.txt"
fi

# --- CPU time from /proc --------------------------------------------------------------------

TICK_US=$(( 1000000 / $(getconf CLK_TCK) ))
port="${BASE_URL##*:}"; port="${port%%/*}"
[[ "$port" =~ ^[0-9]+$ ]] || port=80
SERVER_PID="${BENCH_SERVER_PID:-$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2 || true)}"
[[ -n "$SERVER_PID" && -r "/proc/$SERVER_PID/stat" ]] || { SERVER_PID=""; log "no server process found on port $port: CPU per request not reported (BENCH_SERVER_PID=…)"; }

# utime + stime (+ reaped children's, for the postmaster's exited backends) in clock ticks
ticks_of() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || { echo 0; return; }
  stat="${stat##*) }"
  awk -v with_children="$2" '{ print $12 + $13 + (with_children ? $14 + $15 : 0) }' <<<"$stat"
}
server_ticks() { [[ -n "$SERVER_PID" ]] && ticks_of "$SERVER_PID" 0 || echo 0; }
postgres_ticks() {
  local total=0 pid
  for pid in $(pgrep -x postgres 2>/dev/null); do
    total=$(( total + $(ticks_of "$pid" 1) ))
  done
  echo "$total"
}
per_request() { # ticks requests
  (( $2 > 0 )) && awk -v t="$1" -v r="$2" -v us="$TICK_US" 'BEGIN { printf "%.0f", t * us / r }' || echo -
}

# --- runs -------------------------------------------------------------------------------------

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

printf 'mode\tconnections\treq_s\tp50_ms\tp99_ms\tnon2xx\tsocket_errors\tempty_gets\trequests\tserver_us\tpostgres_us\n' > "$OUT/results.tsv"
status=0
for mode in $MODES; do
  for conns in $CONNECTIONS; do
    failed_warm=$(rewarm_users)
    (( failed_warm == 0 )) || log "WARNING: $failed_warm users did not answer 200 on /users/auth before $mode c=$conns"
    wrk_args=(-t "$THREADS" -c "$conns" --timeout "${TIMEOUT}s" -s "$SCRIPT" "$BASE_URL" -- "$mode")
    if (( WARMUP > 0 )); then
      log "$mode c=$conns: warm-up ${WARMUP}s"
      wrk -d "${WARMUP}s" "${wrk_args[@]}" > "$OUT/$mode-c$conns-warmup.txt" 2>&1 || true
    fi
    log "$mode c=$conns: measuring ${DURATION}s"
    server_before=$(server_ticks); postgres_before=$(postgres_ticks)
    wrk -d "${DURATION}s" "${wrk_args[@]}" > "$OUT/$mode-c$conns.txt" 2>&1 || true
    server_used=$(( $(server_ticks) - server_before )); postgres_used=$(( $(postgres_ticks) - postgres_before ))
    line="$(grep '^BENCH_RESULT ' "$OUT/$mode-c$conns.txt" | tail -n1 || true)"
    if [[ -z "$line" ]]; then
      log "ERROR: wrk produced no result for $mode c=$conns:"
      tail -n 5 "$OUT/$mode-c$conns.txt" >&2
      printf '%s\t%s\t-\t-\t-\t-\t-\t-\t-\t-\t-\n' "$mode" "$conns" >> "$OUT/results.tsv"
      status=1
      continue
    fi
    non2xx=$(field non2xx "$line"); sock=$(field socket_errors "$line"); empty=$(field empty_gets "$line")
    requests=$(field requests "$line")
    server_us=-; [[ -n "$SERVER_PID" ]] && server_us=$(per_request "$server_used" "$requests")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$conns" "$(field rps "$line")" "$(field p50_ms "$line")" \
      "$(field p99_ms "$line")" "$non2xx" "$sock" "$empty" "$requests" "$server_us" "$(per_request "$postgres_used" "$requests")" >> "$OUT/results.tsv"
    if (( non2xx > 0 || sock > 0 || empty > 0 )); then
      status=1
      log "WARNING: $mode c=$conns: $non2xx non-2xx, $sock socket errors, $empty empty GETs"
      grep '^first non-2xx' "$OUT/$mode-c$conns.txt" >&2 || true
    fi
  done
done

# --- table ------------------------------------------------------------------------------------
{
  echo
  awk -F'\t' '
    NR == 1 { printf "%-5s %11s %10s %9s %9s %8s %9s %12s %12s\n", "mode", "connections", "req/s", "p50 ms", "p99 ms", "non-2xx", "sock-err", "server µs/req", "postgres µs/req"; next }
    { printf "%-5s %11s %10s %9s %9s %8s %9s %12s %12s\n", $1, $2, $3, $4, $5, $6, $7, $10, $11 }
  ' "$OUT/results.tsv"
  echo
} | tee "$OUT/summary.txt"
# --- the server's own view, with metrics on (KOSYNC_METRICS_ENABLED=true; this machine may scrape) --
if curl -fsS "$BASE_URL/metrics" -o "$OUT/metrics.txt" 2>/dev/null; then
  {
    echo "server metrics after the runs ($OUT/metrics.txt):"
    grep -E '^(kosync_progress_(pushes|reads)_total|kosync_auth_hashes_total|kosync_auth_failures_total|kosync_rate_limited_total|cache_gets_total\{cache="credentials"|kosync_db_statement_seconds_(count|sum)|kosync_db_connection_wait_seconds_(count|sum))' \
      "$OUT/metrics.txt" | sed 's/^/  /'
    echo
  } | tee -a "$OUT/summary.txt"
else
  log "metrics were off during this run: start the server with KOSYNC_METRICS_ENABLED=true to see its own figures"
fi
log "raw wrk output and results.tsv in $OUT"
(( status == 0 )) || log "some runs had failures (see warnings above)"
exit "$status"
