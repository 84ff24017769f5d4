#!/usr/bin/env bash
# Runs the PyTorch reference (bench_torch.py) and `distill bench` back to back on this machine,
# with the same thread, OpenMP and glibc-allocator settings, and writes a markdown comparison.
#
#   scripts/bench-compare.sh [output.md]        (default: stdout)
#
# Environment overrides: REPS (15), WARMUP (3), SIZES ("64 256"), BENCH_TORCH (path to
# bench_torch.py), RECIPE (the composite), MALLOC_MMAP_THRESHOLD_ / MALLOC_TRIM_THRESHOLD_
# (both 4294967296 by default, as in LOSSES.md §11 table B; `distill` keeps them instead of
# calling mallopt itself). Quiet machine please: every other process adds noise.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-/dev/stdout}"
reps="${REPS:-15}"
warmup="${WARMUP:-3}"
read -r -a sizes <<< "${SIZES:-64 256}"
recipe="${RECIPE:-ce + kd(T = 4) + sskd + rkd.distance + rkd.angle + sp + cc + bake + seed(queue = 4096)}"
ref="${BENCH_TORCH:-}"
if [[ -z "$ref" ]]; then
  for candidate in "$repo/../shared/reference/bench_torch.py" /work/wt/shared/reference/bench_torch.py; do
    [[ -f "$candidate" ]] && { ref="$candidate"; break; }
  done
fi
[[ -f "$ref" ]] || { echo "bench-compare: bench_torch.py not found; set BENCH_TORCH" >&2; exit 1; }

export OMP_WAIT_POLICY=PASSIVE OPENBLAS_NUM_THREADS=2
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-4294967296}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-4294967296}"

dotnet build "$repo/src/Distill.Cli" -c Release -nologo -v quiet >&2
distill="$repo/src/Distill.Cli/bin/Release/net10.0/distill.dll"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "bench-compare: PyTorch reference ($ref)" >&2
/usr/bin/python3 "$ref" --reps "$reps" --warmup "$warmup" --sizes "${sizes[@]}" > "$tmp/torch.txt"
echo "bench-compare: distill bench" >&2
dotnet "$distill" bench "$recipe" --batch "${sizes[@]}" --reps "$reps" --warmup "$warmup" --threads 2 > "$tmp/distill.txt"

/usr/bin/python3 "$repo/scripts/bench_merge.py" "$tmp/torch.txt" "$tmp/distill.txt" \
  --command "scripts/bench-compare.sh (REPS=$reps WARMUP=$warmup SIZES=\"${sizes[*]}\" MALLOC_MMAP_THRESHOLD_=$MALLOC_MMAP_THRESHOLD_ MALLOC_TRIM_THRESHOLD_=$MALLOC_TRIM_THRESHOLD_ OMP_WAIT_POLICY=PASSIVE)" \
  > "$out"
