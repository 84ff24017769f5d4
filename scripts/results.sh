#!/usr/bin/env bash
# Evidence for docs/results.md: on the full Fashion-MNIST (Debian's dataset-fashion-mnist or
# --data DIR), one teacher, then the student per seed with cross-entropy alone and with each
# recipe; prints final test accuracy per run and the mean ± sd per recipe.
#   scripts/results.sh [OUT] [STUDENT_EPOCHS] [TEACHER_EPOCHS] [SEEDS] [RECIPES...]
# Defaults: runs/results 2 3 "1 2 3" presets/kd.distill presets/rkd.distill
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/results}; epochs=${2:-2}; teacher_epochs=${3:-3}; seeds=${4:-"1 2 3"}
shift $(( $# < 4 ? $# : 4 )) || true
recipes=("$@"); [ ${#recipes[@]} -gt 0 ] || recipes=(presets/kd.distill presets/rkd.distill)
export MALLOC_MMAP_THRESHOLD_=1073741824 MALLOC_TRIM_THRESHOLD_=4294967295
dotnet build -c Release src/Distill.Cli -v q -nologo > /dev/null
distill=src/Distill.Cli/bin/Release/net10.0/distill
mkdir -p "$out"
printf 'ce\n' > "$out/ce.distill"
teacher="$out/teacher/checkpoint.ckpt"
# One teacher (seed 1) for every student below.
/usr/bin/time -f "teacher: %U s user, %e s wall" "$distill" train "$out/ce.distill" --model teacher --seed 1 --epochs "$teacher_epochs" --out "$out/teacher" --resume > "$out/teacher.log" 2>&1
tail -2 "$out/teacher.log"
echo "teacher: $teacher"
for seed in $seeds; do
  for recipe in "$out/ce.distill" "${recipes[@]}"; do
    name=$(basename "$recipe" .distill)-s$seed
    [ -f "$out/$name/epochs.csv" ] && [ "$(($(wc -l < "$out/$name/epochs.csv") - 1))" -ge "$epochs" ] && continue
    /usr/bin/time -f "$name: %U s user, %e s wall" "$distill" train "$recipe" --teacher "$teacher" --seed "$seed" --epochs "$epochs" --out "$out/$name" --resume > "$out/$name.log" 2>&1
    tail -1 "$out/$name.log"
  done
done
echo
echo "| recipe | seed | test accuracy |"
echo "| --- | --- | --- |"
for f in "$out"/*-s*/epochs.csv; do
  run=$(basename "$(dirname "$f")"); acc=$(tail -1 "$f" | cut -d, -f3)
  echo "| ${run%-s*} | ${run##*-s} | $acc |"
done
echo
for recipe in ce "${recipes[@]}"; do
  r=$(basename "$recipe" .distill)
  cat "$out/$r"-s[0-9]*/epochs.csv 2>/dev/null | grep -v '^epoch' | awk -F, -v e="$epochs" -v r="$r" '$1 == e { n++; s += $3; q += $3 * $3 } END { if (n) { m = s / n; printf "%s: mean %.4f, sd %.4f over %d seeds\n", r, m, sqrt((q - n * m * m) / (n > 1 ? n - 1 : 1)), n } }'
done
