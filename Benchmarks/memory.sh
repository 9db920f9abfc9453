#!/usr/bin/env bash
# Peak resident memory (and time, accuracy) of the same 5-epoch Fashion-MNIST MLP training run in
# Aprendiz and in PyTorch, one after the other, measured by GNU time's maximum resident set size.
#
#   Benchmarks/memory.sh [threads=2]
#
# Needs a release build (swift build -c release), Debian's dataset-fashion-mnist, GNU time
# (/usr/bin/time) and a Python with torch (PYTHON=..., default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-2}
python=${PYTHON:-python3}
aprendiz=.build/release/aprendiz
[ -x "$aprendiz" ] || { echo "build first: swift build -c release" >&2; exit 1; }
report=$(mktemp -d)
trap 'rm -rf "$report"' EXIT
measure() {  # name, command...
  local name=$1; shift
  /usr/bin/time -f "%M %e" -o "$report/time" "$@" > "$report/out" 2>&1 || { cat "$report/out" >&2; exit 1; }
  read -r kib seconds < "$report/time"
  accuracy=$(tail -1 "$report/out" | "$python" -c 'import json, sys; r = json.loads(sys.stdin.read())
print(r.get("test_accuracy") or r["test"]["accuracy"])')
  printf '%-10s %8.1f MiB %8.1f s   test accuracy %.4f\n' "$name" "$(echo "$kib / 1024" | bc -l)" "$seconds" "$accuracy"
}
echo "5 epochs of Fashion-MNIST, MLP 784-256-128-10, Adam, batch 64, $threads thread(s)"
APRENDIZ_NUM_THREADS=$threads measure Aprendiz "$aprendiz" train --dataset fashion-mnist --model mlp --hidden 256,128 \
  --epochs 5 --batch-size 64 --report "$report/report" --json
measure PyTorch "$python" Benchmarks/pytorch_fashion_mlp.py --threads "$threads"
