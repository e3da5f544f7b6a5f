#!/usr/bin/env bash
# Score the extraction on ../shared's gold and on the project's own gold, development and test parts apart.
# Usage: bash scripts/score_parts.sh [extra score.py flags]   (needs ../shared/tools/score.py)
# SCORE_CMD=... scores another extractor on the same parts (e.g. an older commit's, run from its own checkout)
set -euo pipefail
cd "$(dirname "$0")/.."
score="python3 ../shared/tools/score.py"
cmd="${SCORE_CMD:-.venv/bin/python -m etl extract --jsonl}"
# the texts of a part that have adjudicated gold (texts still being annotated are left out)
part() {
  grep -o '"file": "[^"]*"' tests/gold/documents.jsonl | cut -d'"' -f4 | sort -u > /tmp/.gold_files
  awk -F'\t' -v p="$1" 'NR==FNR{g[$1]=1; next} $2==p && ($1 in g){print "tests/gold/texts/"$1}' /tmp/.gold_files tests/gold/split.tsv
}
echo "shared: $($score --gold tests/gold/shared/gold --cmd "$cmd" data/reports tests/gold/shared/corpus "$@" | tail -1)"
echo "dev:    $($score --gold tests/gold --cmd "$cmd" $(part dev) "$@" | tail -1)"
echo "test:   $($score --gold tests/gold --cmd "$cmd" $(part test) "$@" | tail -1)"
