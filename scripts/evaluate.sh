#!/usr/bin/env bash
# Score the extractor on an annotated set (default: the shared dev set) with the shared scoring tool, then
# print the extractor's throughput. Usage: scripts/evaluate.sh [SET_DIR] [--show]
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${TOEZEGGINGEN_SHARED:-../shared}"
SET="${1:-$SHARED/devset}"
shift || true
.venv/bin/python "$SHARED/tools/score_extraction.py" "$SET" \
    --cmd "$PWD/.venv/bin/toezeggingen analyse {path} --date {date}" "$@"
.venv/bin/python -m bench.extract
