#!/bin/bash
# Peak RSS and wall time of `check` in every format on generated batches of 10,000 and 100,000
# organisation files (docs/reports.md, "Memory at 10,000 and 100,000 files"). Not a test: it
# prints a Markdown table and fails on nothing but a missing binary or batch.
#
# Usage, from the project root after `cargo build --release`:
#   python3 ../shared/bench-peers/gen_orgs.py "$ORGS/orgs10k" 10000 .
#   python3 ../shared/bench-peers/gen_orgs.py "$ORGS/orgs100k" 100000 .
#   ORGS=/path/to/batches bash benches/memory.sh
# OSCAL, docx and odt are measured at 10,000 files only (OSCAL at 100,000 writes 32 GB).
set -euo pipefail
B=${BEELDBEL:-target/release/beeldbel}
ORGS=${ORGS:?set ORGS to the folder holding orgs10k and orgs100k}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
echo "| files | command | wall s | peak RSS KB | user s | sys s | output bytes |"
echo "|---:|---|---:|---:|---:|---:|---:|"
for n in 10k 100k; do
  [ -d "$ORGS/orgs$n" ] || { echo "no batch $ORGS/orgs$n" >&2; continue; }
  /usr/bin/time -f "| $n | validate | %e | %M | %U | %S | – |" "$B" -q validate "$ORGS/orgs$n" 2>&1 >/dev/null | grep "^|"
  for f in text json markdown html junit sarif oscal docx odt; do
    if [ "$n" = 100k ] && [[ $f =~ ^(oscal|docx|odt)$ ]]; then continue; fi
    line=$(/usr/bin/time -f "| $n | check --format $f | %e | %M | %U | %S |" "$B" --today 2026-12-01 -q check "$ORGS/orgs$n" --format "$f" -o "$OUT/out.$f" 2>&1 >/dev/null | grep "^|" || true)
    echo "$line $(stat -c %s "$OUT/out.$f" 2>/dev/null || echo -) |"
    rm -f "$OUT/out.$f"
  done
done
