#!/usr/bin/env bash
# Backs up what a KOsync install cannot lose: the PostgreSQL database (pg_dump, custom format) and
# the secrets without which its contents are useless — the pepper (every stored password hash
# needs it) and the token signing key(s).
#
#   ops/backup.sh <backup dir>
#
# Environment: PGHOST, PGPORT, PGUSER, PGPASSWORD as for psql; KOSYNC_DB_NAME (default kosync);
# KOSYNC_DATA_DIR (default ~/.kosync) where a generated pepper and signing key live. If KOSYNC_PEPPER
# or KOSYNC_JWT_SIGNING_KEY are set instead, back those up where they come from: this script says so.
# The backup directory gets kosync.dump, and data/ with the data directory's secrets (mode 700).
set -euo pipefail

target="${1:?usage: ops/backup.sh <backup dir>}"
db="${KOSYNC_DB_NAME:-kosync}"
data="${KOSYNC_DATA_DIR:-$HOME/.kosync}"

mkdir -p "$target/data"
chmod 700 "$target" "$target/data"
pg_dump --format=custom --no-owner --file="$target/kosync.dump" "$db"
for secret in pepper jwt; do
  if [ -e "$data/$secret" ]; then
    cp -a "$data/$secret" "$target/data/"
  fi
done
[ -n "${KOSYNC_PEPPER:-}" ] && echo "backup.sh: KOSYNC_PEPPER is set: keep that value with this backup" >&2
[ -n "${KOSYNC_JWT_SIGNING_KEY:-}" ] && echo "backup.sh: keep $KOSYNC_JWT_SIGNING_KEY with this backup" >&2
echo "backup.sh: $db and the secrets of $data in $target"
