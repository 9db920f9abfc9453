#!/usr/bin/env bash
# Runs Aprendiz and PyTorch on the same workloads back to back, alternating for several rounds, and
# prints the median of each side and the ratio Aprendiz / PyTorch per workload (higher is better for
# throughput; for inference latency the ratio is PyTorch µs / Aprendiz µs, so higher is better too).
#
#   Benchmarks/compare.sh [rounds=3] [threads="1 2"]
#
# Needs a release build (swift build -c release) and a Python with torch (PYTHON=..., default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
threads=${2:-"1 2"}
python=${PYTHON:-python3}
aprendiz=.build/release/aprendiz
[ -x "$aprendiz" ] || { echo "build first: swift build -c release" >&2; exit 1; }
out=$(mktemp)
for round in $(seq "$rounds"); do
  for t in $threads; do
    for args in "mlp --batch-size 64 --optimizer adam" "mlp --batch-size 64 --optimizer sgd" \
                "mlp --batch-size 256 --optimizer adam" "mlp --batch-size 256 --optimizer sgd" "infer"; do
      "$aprendiz" bench $args --threads "$t" --json | sed 's/^/aprendiz /' >> "$out"
      $python Benchmarks/pytorch_reference.py $args --threads "$t" --json | sed 's/^/pytorch /' >> "$out"
    done
    "$aprendiz" bench cnn --threads "$t" --json | sed 's/^/aprendiz /' >> "$out"
    $python Benchmarks/pytorch_cnn.py --threads "$t" --json | sed 's/^/pytorch /' >> "$out"
  done
done
$python - "$out" <<'PY'
import json, statistics, sys
from collections import defaultdict
runs = defaultdict(list)
for line in open(sys.argv[1]):
    side, payload = line.split(" ", 1)
    r = json.loads(payload)
    value = r.get("samples_per_second") or r.get("microseconds")
    runs[(r["workload"], r["threads"], side)].append((value, "microseconds" in r, r["backend"]))
print(f"{'workload':<26} {'threads':>7} {'Aprendiz':>12} {'PyTorch':>12} {'ratio':>6}")
for (workload, threads) in sorted({(w, t) for (w, t, _) in runs}):
    a, p = runs.get((workload, threads, "aprendiz")), runs.get((workload, threads, "pytorch"))
    if not a or not p:
        continue
    am, pm = statistics.median(v for v, _, _ in a), statistics.median(v for v, _, _ in p)
    latency = a[0][1]
    ratio = pm / am if latency else am / pm
    unit = "µs" if latency else "samples/s"
    print(f"{workload:<26} {threads:>7} {am:>12.1f} {pm:>12.1f} {ratio:>6.2f}  ({unit}, median of {len(a)})")
PY
rm -f "$out"
