#!/usr/bin/env bash
# Markdown table of final test accuracy per run, and mean ± sd per recipe, from a results folder.
#   scripts/results-table.sh [OUT] [EPOCHS]
set -euo pipefail
out=${1:-runs/results}; epochs=${2:-2}
echo "| recipe | seed | final test accuracy | CPU s (user) |"
echo "| --- | --- | --- | --- |"
for f in "$out"/*-s*/epochs.csv; do
  run=$(basename "$(dirname "$f")")
  line=$(awk -F, -v e="$epochs" '$1 == e' "$f")
  [ -n "$line" ] || continue
  cpu=$(grep -o '[0-9.]* s user' "$out/$run.log" 2>/dev/null | cut -d' ' -f1 || true)
  echo "| ${run%-s*} | ${run##*-s} | $(echo "$line" | cut -d, -f3) | ${cpu:-} |"
done
echo
echo "| recipe | seeds | mean | sd |"
echo "| --- | --- | --- | --- |"
for r in $(ls -d "$out"/*-s*/ | xargs -n1 basename | sed 's/-s[0-9]*$//' | sort -u); do
  cat "$out/$r"-s[0-9]*/epochs.csv | awk -F, -v e="$epochs" -v r="$r" '$1 == e { n++; s += $3; q += $3 * $3 } END { if (n) { m = s / n; printf "| %s | %d | %.4f | %.4f |\n", r, n, m, (n > 1 ? sqrt((q - n * m * m) / (n - 1)) : 0) } }'
done
