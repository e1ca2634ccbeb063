#!/usr/bin/env bash
# Restores a backup made by ops/backup.sh: the database (created if missing; its tables replaced)
# and the pepper and signing key into the data directory. Stop KOsync first, or restart it after:
# it reads the pepper and the keys at start.
#
#   ops/restore.sh <backup dir>
#
# Environment as for backup.sh.
set -euo pipefail

source="${1:?usage: ops/restore.sh <backup dir>}"
db="${KOSYNC_DB_NAME:-kosync}"
data="${KOSYNC_DATA_DIR:-$HOME/.kosync}"

[ -f "$source/kosync.dump" ] || { echo "restore.sh: no kosync.dump in $source" >&2; exit 2; }
if ! psql -d postgres -tAc "select 1 from pg_database where datname = '$db'" | grep -q 1; then
  createdb "$db"
fi
pg_restore --clean --if-exists --no-owner --exit-on-error --dbname="$db" "$source/kosync.dump"
mkdir -p "$data"
for secret in pepper jwt; do
  if [ -e "$source/data/$secret" ]; then
    rm -rf "${data:?}/$secret"
    cp -a "$source/data/$secret" "$data/"
  fi
done
echo "restore.sh: $db and the secrets of $source restored into $data"
