#!/usr/bin/env bash
# Install the requirements into .venv and start the dashboard on the bundled reports in data/.
# The app builds data/reports.duckdb on first start when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/pip install -q -r requirements.txt
exec .venv/bin/python -m dashboard.serve "$@"  # streamlit run app.py, warmed before the first visitor
