#!/usr/bin/env bash
# Build DIR/*/reports with this checkout and compare each table's digest with DIR/*.digest (scripts/table_digest.py).
# Usage: scripts/compare_tables.sh DIR   (DIR holds NAME/reports/ and NAME.digest made by the code before a change)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1; status=0
for digest in "$dir"/*.digest; do
  name=$(basename "$digest" .digest)
  db=$(mktemp -u "$dir/$name.XXXX.duckdb")
  .venv/bin/python -m etl build --data "$dir/$name/reports" --db "$db" --workers 2 --no-progress >/dev/null
  if .venv/bin/python scripts/table_digest.py "$db" | diff "$digest" -; then echo "$name: same tables"; else echo "$name: DIFFERENT"; status=1; fi
  rm -f "$db" "$db.lock"
done
exit $status
