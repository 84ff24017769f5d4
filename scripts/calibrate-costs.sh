#!/usr/bin/env bash
# Fits TermCosts.SecondsPerFlop (src/Distill.Dsl/Costs/TermCosts.cs): for each built-in term, the
# forward+backward median of `distill bench` at N=256, D=128, C=100 divided by the operations the
# cost model counts there (`distill explain --batch`). The constant is Σ measured ÷ Σ counted: a
# throughput fit that the large terms dominate, where per-call overhead and scheduling delays
# (milliseconds on a loaded machine, more than all of ce's work) matter least. Prints the machine,
# its load before and after, one line per term and the fitted constant.
# Usage: scripts/calibrate-costs.sh [path/to/distill.dll]   (default: the Debug build of src/Distill.Cli)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dll=${1:-src/Distill.Cli/bin/Debug/net10.0/distill.dll}
n=256 d=128 c=100
echo "load before: $(uptime)"
lscpu | grep 'Model name' || true
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'term\tmeasured_ms\tcounted_flops\tns_per_flop\n'
for term in ce kd sp rkd.distance rkd.angle cc bake pad sskd seed; do
  ms=$(dotnet "$dll" bench "$term" --batch "$n" --dim "$d" --classes "$c" --reps 9 --warmup 5 | awk -F'|' -v t="$term" '$2 ~ " "t" " {gsub(/ /, "", $3); print $3}')
  printf '%s\n' "$term" > "$tmp/r.distill"
  flops=$(dotnet "$dll" explain "$tmp/r.distill" --batch "$n" --dim "$d" --classes "$c" | sed -n 's/.*cost      time [^≈]*≈ \([0-9.]*\) \([kMG]\)FLOP.*/\1 \2/p' | awk '{m = $2 == "G" ? 1e9 : $2 == "M" ? 1e6 : 1e3; printf "%.0f", $1 * m}')
  printf '%s\t%s\t%s\t%s\n' "$term" "$ms" "$flops" "$(awk -v ms="$ms" -v f="$flops" 'BEGIN { printf "%.3g", ms * 1e6 / f }')"
done | tee "$tmp/table"
awk -F'\t' '{ ms += $2; f += $3 } END { printf "fitted seconds per counted operation (sum of measured / sum of counted): %.3g\n", ms / 1e3 / f }' "$tmp/table"
echo "load after: $(uptime)"
