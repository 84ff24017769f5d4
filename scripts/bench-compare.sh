#!/usr/bin/env bash
# Runs the PyTorch reference (bench_torch.py) and `distill bench` back to back on this machine,
# with the same thread, OpenMP and glibc-allocator settings, and writes a markdown comparison.
#
#   scripts/bench-compare.sh [output.md]        (default: stdout)
#
# Environment overrides: REPS (15), WARMUP (3), ROUNDS (3: the sides alternate, each entry is the median of its
# side's rounds), SIZES ("64 256"), DOTNET_TieredCompilation (0), BENCH_TORCH (path to
# bench_torch.py), RECIPE (the composite), MALLOC_MMAP_THRESHOLD_ / MALLOC_TRIM_THRESHOLD_
# (both 4294967296 by default, as in LOSSES.md §11 table B; `distill` keeps them instead of
# calling mallopt itself), BENCH_INSTALL_BLAS (1: when PyTorch would run on the reference BLAS and we are
# root, `apt-get install libopenblas0-pthread` first; 0: only check). Quiet machine please: every other
# process adds noise.
#
# The comparison refuses to run when PyTorch is on the reference (netlib) BLAS: Debian's python3-torch
# links libblas.so.3, which without libopenblas0-pthread is the unoptimised reference implementation,
# and the PyTorch side then reads about 10x slower than it is (the composite once read 164x faster
# instead of 13.6x). Both sides' CPU and BLAS are printed.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-/dev/stdout}"
reps="${REPS:-15}"
warmup="${WARMUP:-3}"
read -r -a sizes <<< "${SIZES:-64 256}"
recipe="${RECIPE:-ce + kd(T = 4) + sskd + rkd.distance + rkd.angle + sp + cc + bake + seed(queue = 4096)}"
ref="${BENCH_TORCH:-}"
if [[ -z "$ref" ]]; then
  for candidate in "$repo/../shared/reference/bench_torch.py"; do
    [[ -f "$candidate" ]] && { ref="$candidate"; break; }
  done
fi
[[ -f "$ref" ]] || { echo "bench-compare: bench_torch.py not found; set BENCH_TORCH" >&2; exit 1; }

export OMP_WAIT_POLICY=PASSIVE OPENBLAS_NUM_THREADS=2
# The Distill side runs with .NET's tiered compilation off (override with DOTNET_TieredCompilation=1): with it on,
# the 30 warm-up steps do not reach steady state. Methods start as tier-0 code and are recompiled on a background
# thread after 30 calls and a quiet spell, and on two cores that thread took a core from the measured steps
# (perf: libclrjit 32 % of the samples over seed's first 100 steps; seed N = 64 ran 4-5 ms a step until about step
# 130, then 2.5 ms; with tiering off, 2.5 ms from the first steps). PyTorch's side has no such phase.
tiered="${DOTNET_TieredCompilation:-0}"

# The BLAS PyTorch calls: Debian's torch resolves sgemm_ through libblas.so.3 (listed before
# libopenblas.so.0), so what counts is the file that libblas.so.3 is, after the alternatives links, in a
# process that has done one matrix product. Netlib's reference build lives in .../blas/.
torch_blas() {
  /usr/bin/python3 - <<'PY'
import os, torch
torch.ones(64, 64) @ torch.ones(64, 64)
with open("/proc/self/maps") as fh:
    libs = {line.split()[-1] for line in fh if "blas" in line.lower()}
print(" ".join(sorted(os.path.realpath(x) for x in libs)) or "none")
PY
}
reference_blas() { [[ " $1 " == *"/blas/libblas.so"* || "$1" == none ]]; }
blas="$(torch_blas)"
if reference_blas "$blas" && [[ "${BENCH_INSTALL_BLAS:-1}" == 1 && "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
  echo "bench-compare: PyTorch is on the reference BLAS ($blas); installing libopenblas0-pthread" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q libopenblas0-pthread >&2
  blas="$(torch_blas)"
fi
if reference_blas "$blas"; then
  echo "bench-compare: refusing to report: PyTorch runs on the reference BLAS ($blas)." >&2
  echo "  Install an optimised one (apt-get install libopenblas0-pthread) or select it with" >&2
  echo "  update-alternatives --config libblas.so.3-x86_64-linux-gnu, then run again." >&2
  exit 2
fi
echo "bench-compare: PyTorch BLAS: $blas" >&2
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-4294967296}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-4294967296}"

dotnet build "$repo/src/Distill.Cli" -c Release -nologo -v quiet >&2
distill="$repo/src/Distill.Cli/bin/Release/net10.0/distill.dll"
# TorchSharp's libtorch links MKL statically (no BLAS library is mapped); name what it carries.
libtorch="$(find "$repo/src/Distill.Cli/bin/Release/net10.0" -name 'libtorch_cpu.so' -print -quit)"
if [[ -n "$libtorch" ]] && grep -a -q -m1 'mkl_blas_' "$libtorch"; then
  distill_blas="MKL, statically linked in $(basename "$libtorch")"
elif [[ -n "$libtorch" ]]; then
  distill_blas="$(ldd "$libtorch" | awk '/blas|lapack|mkl/ {print $3}' | xargs -r -n1 realpath | tr '\n' ' ')"
  distill_blas="${distill_blas:-unknown}"
else
  distill_blas="unknown (libtorch_cpu.so not found)"
fi
# Model name, family/model and widest vector ISA (as `distill bench` prints it): a virtual machine's "AMD EPYC" alone
# covered both an AVX2 Zen 1 and an AVX-512 Zen 5, and the ratios moved by 2x between them.
cpu="$(awk -F'\t*: ' '
  /^model name/ && !n {n=$2} /^cpu family/ && !f {f=$2} /^model\t/ && !m {m=$2}
  /^flags/ && !i {i=($0 ~ / avx512f /) ? "AVX-512" : ($0 ~ / avx2 /) ? "AVX2" : "no AVX2"}
  END {printf "%s, family %s model %s, %s", n, f, m, i}' /proc/cpuinfo)"
echo "bench-compare: Distill BLAS: $distill_blas" >&2
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Steal and total jiffies of all CPUs (/proc/stat): the share of CPU time the hypervisor gave to other guests.
jiffies() { awk '/^cpu / {t = 0; for (i = 2; i <= 9; i++) t += $i; print $9, t}' /proc/stat; }
steal_pct() { awk -v a="$1" -v b="$2" 'BEGIN {split(a, x, " "); split(b, y, " "); d = y[2] - x[2]; printf "%.1f%%", (d > 0 ? 100 * (y[1] - x[1]) / d : 0)}'; }
# The two sides alternate, ROUNDS times (default 3): a burst of noise from another tenant then moves one round of
# one side, and each entry is the median of its side's rounds. A single back-to-back pair once read 12 of 21 goals
# between two pairs that read 19 and 20, the Distill side slower on every term at once.
rounds="${ROUNDS:-3}"
torch_files=() distill_files=() steal_notes=()
for ((r = 1; r <= rounds; r++)); do
  echo "bench-compare: round $r of $rounds: PyTorch reference ($ref)" >&2
  j0="$(jiffies)"
  /usr/bin/python3 "$ref" --reps "$reps" --warmup "$warmup" --sizes "${sizes[@]}" > "$tmp/torch.$r.txt"
  j1="$(jiffies)"
  echo "bench-compare: round $r of $rounds: distill bench" >&2
  DOTNET_TieredCompilation="$tiered" dotnet "$distill" bench "$recipe" --batch "${sizes[@]}" --reps "$reps" --warmup "$warmup" --threads 2 > "$tmp/distill.$r.txt"
  j2="$(jiffies)"
  torch_files+=("$tmp/torch.$r.txt") distill_files+=("$tmp/distill.$r.txt")
  steal_notes+=("round $r PyTorch $(steal_pct "$j0" "$j1"), Distill $(steal_pct "$j1" "$j2")")
done
steal_note="$(IFS=';'; echo "${steal_notes[*]}" | sed 's/;/; /g')"

/usr/bin/python3 "$repo/scripts/bench_merge.py" --torch "${torch_files[@]}" --distill "${distill_files[@]}" \
  --steal "$steal_note" \
  --command "scripts/bench-compare.sh (REPS=$reps WARMUP=$warmup ROUNDS=$rounds SIZES=\"${sizes[*]}\" MALLOC_MMAP_THRESHOLD_=$MALLOC_MMAP_THRESHOLD_ MALLOC_TRIM_THRESHOLD_=$MALLOC_TRIM_THRESHOLD_ OMP_WAIT_POLICY=PASSIVE DOTNET_TieredCompilation=$tiered)" \
  > "$tmp/report.md"
{
  cat "$tmp/report.md"
  echo
  echo "- PyTorch side: CPU $cpu, BLAS $blas"
  echo "- Distill side: CPU $cpu, BLAS $distill_blas"
  echo "- load when the comparison ended: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
} > "$out"
