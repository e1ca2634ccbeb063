#!/usr/bin/env bash
# The README's deployment sections, performed literally on a plain server from Maven Central:
#
#   deploy/drill.sh wildfly   "Deploying the WAR to an existing WildFly with PostgreSQL"
#   deploy/drill.sh payara    "Deploying the WAR to an existing Payara Server 6 with PostgreSQL"
#
# Needs target/kosync.war (mvn package) and PostgreSQL at 127.0.0.1:5432 (user postgres, trust).
# The server comes unpacked from Maven (org.wildfly:wildfly-dist, fish.payara.distributions:payara)
# into target/drill/; `mvn verify` unpacks it before DeploymentDrillIT runs this script, by hand the
# script asks Maven itself. Each run starts from the pristine distribution, in target/drill/<server>-run/.
#
# What it does: starts the plain server on ports of its own (WildFly: offset 40000, HTTP 48080,
# management 49990; Payara: a domain with portbase 41000, HTTP 41080, admin 41048), runs the second
# `sh` block of the README section as it stands (the first block holds the operator's values: this
# script sets DB_URL, DB_USER, DB_PASSWORD and DATA_DIR itself, to database kosync_drill_<server>),
# then registers a reader, pushes and pulls a position as KOReader does, finds that position in
# PostgreSQL, undeploys, stops the server, and fails on any WARN/ERROR (WildFly) or WARNING/SEVERE
# (Payara) line in the server log that is not one of the plain server's own, listed below.
# Everything it started is stopped on the way out, whatever happened. Timings are printed per phase.
set -euo pipefail

server=${1:?usage: deploy/drill.sh wildfly|payara}
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

drill_dir=$repo/target/drill
work=$drill_dir/$server-run
war=target/kosync.war
db=kosync_drill_$server
psql_cmd=(psql -h 127.0.0.1 -p 5432 -U postgres -v ON_ERROR_STOP=1 -qAt)

# a signal ends the script through its EXIT trap, which stops the server it started
trap 'exit 143' TERM INT HUP

started=$(date +%s.%N)
phase_started=$started
timings=()

elapsed() { awk -v now="$(date +%s.%N)" -v since="$1" 'BEGIN { printf "%.1f", now - since }'; }
log() { printf '[drill %s %6ss] %s\n' "$server" "$(elapsed "$started")" "$*"; }
phase() {
  timings+=("$1 $(elapsed "$phase_started") s")
  phase_started=$(date +%s.%N)
}
fail() {
  log "FAILED: $*"
  exit 1
}

# --- the README section, as an operator would copy it ------------------------------------------

# The n-th ```sh block under the heading "## $1".
readme_block() {
  awk -v heading="## $1" -v wanted="$2" '
    $0 == heading { inside = 1; next }
    inside && /^## / { exit }
    inside && /^```sh$/ { count++; if (count == wanted) { printing = 1; next } }
    printing && /^```$/ { exit }
    printing { print }
  ' README.md
}

readme_steps() {
  local heading=$1 values steps
  values=$(readme_block "$heading" 1)
  steps=$(readme_block "$heading" 2)
  [ -n "$steps" ] || fail "README section \"$heading\" has no second sh block (the steps)"
  # the values block names what this script provides; anything else would be an unset variable
  for name in DB_URL DB_USER DB_PASSWORD DATA_DIR; do
    grep -q "\b$name=" <<<"$values" || fail "README section \"$heading\": its values block no longer sets $name"
  done
  printf '%s\n' "$steps"
}

run_readme_steps() { # heading [NAME=value for the steps' environment...]
  local steps
  steps=$(readme_steps "$1")
  shift
  log "README steps:"
  sed 's/^/    | /' <<<"$steps"
  # the steps see the operator's values, and nothing of KOsync's from this shell's environment
  env -u KOSYNC_DB_URL -u KOSYNC_DB_USER -u KOSYNC_DB_PASSWORD -u KOSYNC_DATA_DIR -u KOSYNC_PEPPER \
    DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" DB_USER=postgres DB_PASSWORD=drill \
    DATA_DIR="$work/data" "$@" bash -euo pipefail -c "$steps" 2>&1 | tee "$work/readme-steps.log" | sed 's/^/    > /'
  # asadmin multimode reports success although commands in its file failed, and jboss-cli reading
  # commands from its input goes on after a failed one
  if grep -qiE 'Command .* failed|"outcome" => "failed"' "$work/readme-steps.log"; then
    fail "a README command failed (see above)"
  fi
}

# --- KOReader, then PostgreSQL -----------------------------------------------------------------

koreader() { # method path [body] [user key]
  local args=(-sS -o "$work/reply" -w '%{http_code}' -X "$1" -H 'Accept: application/vnd.koreader.v1+json'
    --max-time 10)
  [ -n "${3:-}" ] && args+=(-H 'Content-Type: application/json' --data-binary "$3")
  [ -n "${4:-}" ] && args+=(-H "x-auth-user: $4" -H "x-auth-key: $5")
  curl "${args[@]}" "$base$2"
}

home=
reader=
key=
document=
sync_as_koreader() {
  reader=reader-$RANDOM$RANDOM
  key=$(printf '%s' "drill password" | md5sum | cut -d' ' -f1)
  document=$(printf '%s' "$reader.epub" | md5sum | cut -d' ' -f1)
  local status
  status=$(koreader POST /users/create "{\"username\":\"$reader\",\"password\":\"$key\"}")
  [ "$status" = 201 ] || fail "register: $status $(cat "$work/reply")"
  status=$(koreader GET /users/auth '' "$reader" "$key")
  [ "$status" = 200 ] || fail "login: $status $(cat "$work/reply")"
  status=$(koreader PUT /syncs/progress \
    "{\"document\":\"$document\",\"progress\":\"/body/DocFragment[20]/body/p[22]/img.0\",\"percentage\":0.3569,\"device\":\"drill\",\"device_id\":\"0123456789ABCDEF0123456789ABCDEF\"}" \
    "$reader" "$key")
  [ "$status" = 200 ] || fail "push: $status $(cat "$work/reply")"
  log "KOReader: registered $reader and pushed $document"
  pull_as_koreader

  local row
  row=$("${psql_cmd[@]}" -d "$db" -c "select p.percentage || ' ' || p.progress from reading_progress p
      join accounts a on a.id = p.account_id where a.username = '$reader' and p.document = '$document'")
  [ "$row" = "0.3569 /body/DocFragment[20]/body/p[22]/img.0" ] ||
    fail "PostgreSQL database $db does not hold the position (found: '$row')"
  log "PostgreSQL: $db holds it: $row"
}

pull_as_koreader() {
  local status
  status=$(koreader GET "/syncs/progress/$document" '' "$reader" "$key")
  [ "$status" = 200 ] || fail "pull: $status $(cat "$work/reply")"
  grep -q '"percentage":0.3569' "$work/reply" || fail "pull: not the position pushed: $(cat "$work/reply")"
  log "KOReader: pulled $(cat "$work/reply")"
}

# --- ports, processes, logs --------------------------------------------------------------------

require_free_ports() {
  local port taken=()
  for port in "$@"; do
    if ss -Hltn "sport = :$port" | grep -q .; then taken+=("$port"); fi
  done
  [ ${#taken[@]} -eq 0 ] || fail "ports in use: ${taken[*]} (see ss -ltnp)"
}

wait_for() { # seconds description command...
  local deadline=$(($(date +%s) + $1)) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "$what did not happen within the time allowed"
    sleep 1
  done
}

http_ok() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1")" = 200 ]; }

# Records at WARN/WARNING or worse, without the plain server's own (passed as extended regexes),
# each printed with the line after it (Payara writes the message on the next line).
check_log() {
  local file=$1 levels=$2
  shift 2
  local known='^[0-9]+:$' found
  [ $# -eq 0 ] || known=$(IFS='|'; echo "$*")
  found=$(grep -nE "$levels" "$file" | grep -vE "$known" | cut -d: -f1 || true)
  if [ -n "$found" ]; then
    log "the server log $file has warnings or errors:"
    for line in $found; do sed -n "${line},$((line + 1))p" "$file" | cut -c1-400 | sed 's/^/    ! /'; done
    fail "the log is not clean"
  fi
  log "server log clean: no record at warning level or above besides the plain server's own"
}

recreate_database() {
  "${psql_cmd[@]}" -d postgres -c "drop database if exists $db with (force)" -c "create database $db"
}

unpack_with_maven() { # execution id
  log "unpacking the distribution with Maven ($1)"
  mvn -q -B -Dstyle.color=never "dependency:unpack@$1" -Dit.drill.skip=false
}

# --- WildFly -----------------------------------------------------------------------------------

wildfly_pid=
stop_wildfly() {
  if [ -n "$wildfly_pid" ] && kill -0 "$wildfly_pid" 2>/dev/null; then
    log "stopping WildFly (pid $wildfly_pid)"
    kill "$wildfly_pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$wildfly_pid" 2>/dev/null || return 0; sleep 1; done
    kill -9 "$wildfly_pid" 2>/dev/null || true
  fi
}

start_wildfly() {
  rm -f "$work/wildfly.pid"
  env -u KOSYNC_DB_URL -u KOSYNC_DB_USER -u KOSYNC_DB_PASSWORD -u KOSYNC_DATA_DIR -u KOSYNC_PEPPER \
    LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$work/wildfly.pid" \
    "$home/bin/standalone.sh" -Djboss.server.base.dir="$work/standalone" \
    -Djboss.socket.binding.port-offset=40000 >>"$work/console.log" 2>&1 &
  wait_for 30 "WildFly's pid file" test -s "$work/wildfly.pid"
  wildfly_pid=$(cat "$work/wildfly.pid")
  wait_for 120 "WildFly answering on $base$1" http_ok "$base$1"
}

shutdown_wildfly() {
  "$home/bin/jboss-cli.sh" --connect --command=":shutdown" >/dev/null
  wait_for 30 "WildFly stopping" bash -c "! kill -0 $wildfly_pid"
}

drill_wildfly() {
  home=$drill_dir/wildfly-39.0.1.Final
  [ -x "$home/bin/standalone.sh" ] || unpack_with_maven drill-unpack-wildfly
  # offset 40000: HTTP, HTTPS, AJP, management HTTP and HTTPS, transaction recovery and status
  require_free_ports 48080 48443 48009 49990 49993 44712 44713
  base=http://127.0.0.1:48080

  # The plain server's CLI talks to 9990; this one listens 40000 higher. The README's jboss-cli
  # lines stay as they are, so the CLI's default controller moves instead.
  sed -i 's|<port>9990</port>|<port>49990</port>|' "$home/bin/jboss-cli.xml"
  # the distribution stays pristine: the server runs from a copy of its standalone/ directory
  cp -r "$home/standalone" "$work/standalone"
  mkdir -p "$work/data"
  trap stop_wildfly EXIT

  log "starting WildFly $home (port offset 40000)"
  start_wildfly /
  phase "start"

  run_readme_steps "Deploying the WAR to an existing WildFly with PostgreSQL" WILDFLY_HOME="$home"
  wait_for 60 "KOsync answering on $base/healthcheck" http_ok "$base/healthcheck"
  phase "README steps"

  sync_as_koreader
  local serverlog=$work/standalone/log/server.log
  grep -q "KOsync stores its data in jdbc:postgresql://127.0.0.1:5432/$db" "$serverlog" ||
    fail "the server log does not say KOsync uses PostgreSQL database $db"
  phase "KOReader and PostgreSQL"

  log "stopping and starting WildFly with KOsync deployed"
  shutdown_wildfly
  start_wildfly /healthcheck
  pull_as_koreader
  phase "stop, start, pull"

  "$home/bin/jboss-cli.sh" --connect --command="undeploy kosync.war"
  shutdown_wildfly
  phase "undeploy and stop"

  # The plain distribution's own warnings at every start, which no deployment causes:
  # WFLYTX0013: the default standalone.xml leaves the transaction node identifier at its default
  # (it must be unique per server in a cluster); WFLYELY00023, WFLYELY01084: its HTTPS listener's
  # key store does not exist until a self-signed one is generated on first use.
  check_log "$serverlog" ' (WARN|ERROR|FATAL) ' 'WFLYTX0013:' 'WFLYELY00023:' 'WFLYELY01084:'
}

# --- Payara Server -----------------------------------------------------------------------------

payara_home=
domain=kosync-drill
payara_pid() { cat "$payara_home/glassfish/domains/$domain/config/pid" 2>/dev/null; }
stop_payara() {
  local pid
  pid=$(payara_pid) || return 0
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping Payara (pid $pid)"
    "$payara_home/bin/asadmin" stop-domain "$domain" >/dev/null 2>&1 || kill -9 "$pid" 2>/dev/null || true
  fi
}

drill_payara() {
  payara_home=$drill_dir/payara6
  [ -x "$payara_home/bin/asadmin" ] || unpack_with_maven drill-unpack-payara
  local portbase=41000
  # portbase + 48 admin, 80 HTTP, 81 HTTPS, 37-39 IIOP, 76 JMS, 86 JMX, 66 OSGi shell, 9 debug
  require_free_ports 41048 41080 41081 41037 41038 41039 41076 41086 41066 41009
  base=http://127.0.0.1:41080
  trap stop_payara EXIT

  # The README's `asadmin restart-domain` restarts the one domain of the installation, and would
  # start the distribution's domain1 on the default ports (4848, 8080) if that were it. So this
  # installation's only domain is the drill's own, created afresh with ports 41000 higher.
  rm -rf "$payara_home/glassfish/domains/domain1" "$payara_home/glassfish/domains/$domain"
  "$payara_home/bin/asadmin" create-domain --portbase $portbase --nopassword=true "$domain" \
    >"$work/create-domain.log" 2>&1 || { cat "$work/create-domain.log"; fail "create-domain"; }
  mkdir -p "$work/data"
  phase "create domain"

  log "starting Payara Server $payara_home (portbase $portbase)"
  env -u KOSYNC_DB_URL -u KOSYNC_DB_USER -u KOSYNC_DB_PASSWORD -u KOSYNC_DATA_DIR -u KOSYNC_PEPPER \
    "$payara_home/bin/asadmin" start-domain "$domain"
  phase "start"

  # the README's bare `asadmin` is this installation's, speaking to this domain's admin port
  run_readme_steps "Deploying the WAR to an existing Payara Server 6 with PostgreSQL" \
    PATH="$payara_home/bin:$PATH" AS_ADMIN_PORT=$((portbase + 48)) TERM=dumb
  wait_for 60 "KOsync answering on $base/healthcheck" http_ok "$base/healthcheck"
  phase "README steps"

  sync_as_koreader
  local serverlog=$payara_home/glassfish/domains/$domain/logs/server.log
  grep -q "KOsync stores its data in jdbc:postgresql://127.0.0.1:5432/$db" "$serverlog" ||
    fail "the server log does not say KOsync uses PostgreSQL database $db"
  phase "KOReader and PostgreSQL"

  log "stopping and starting Payara with KOsync deployed"
  "$payara_home/bin/asadmin" stop-domain "$domain"
  env -u KOSYNC_DB_URL -u KOSYNC_DB_USER -u KOSYNC_DB_PASSWORD -u KOSYNC_DATA_DIR -u KOSYNC_PEPPER \
    "$payara_home/bin/asadmin" start-domain "$domain"
  wait_for 60 "KOsync answering on $base/healthcheck" http_ok "$base/healthcheck"
  pull_as_koreader
  phase "stop, start, pull"

  AS_ADMIN_PORT=$((portbase + 48)) "$payara_home/bin/asadmin" undeploy kosync
  "$payara_home/bin/asadmin" stop-domain "$domain"
  phase "undeploy and stop"

  # every record at WARNING (900) or above, whatever its level is called (Hibernate's is WARN),
  # except Payara's notices, from its configuration thread, that a setting the README's commands
  # changed (its own MicroProfile Health and Metrics turned off) takes effect at the restart the
  # README does next: applying configuration, not deploying, starting, stopping or undeploying
  check_log "$serverlog" '\[levelValue: (9[0-9]{2}|[1-9][0-9]{3,})\]' '_ThreadName=GF Domain XML\]'
}

# --- main --------------------------------------------------------------------------------------

[ -f "$war" ] || fail "$war is missing: run mvn package first"
rm -rf "$work"
mkdir -p "$work"
recreate_database
case $server in
  wildfly) drill_wildfly ;;
  payara) drill_payara ;;
  *) fail "unknown server $server (wildfly or payara)" ;;
esac
log "PASSED in $(elapsed "$started") s ($(IFS=';'; echo "${timings[*]}" | sed 's/;/; /g'))"
