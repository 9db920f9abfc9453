#!/bin/bash
# CPU seconds per GPT training step (`aprendiz bench transformer`) against PyTorch (Benchmarks/pytorch_transformer.py),
# alternating A, B in every round. On a machine shared with other jobs the wall-clock tokens/s measure the scheduler's
# share more than the code; the CPU time a process used does not. Each side runs with --steps 1 and --steps 5 (one
# warm-up round of the same steps plus one timed round: 2 and 10 steps), so the difference is 8 steps with start-up,
# data and model construction cancelled out.
#
#   Benchmarks/transformer_cpu_ratio.sh .build/release/aprendiz 1 3      # binary, threads, rounds
#
# Prints per round: CPU s/step of each side and PyTorch/Aprendiz (> 1: Aprendiz uses less CPU per step), with the load.
set -eu
APRENDIZ=$1; THREADS=${2:-1}; ROUNDS=${3:-3}; PYTHON=${PYTHON:-/work/venv/bin/python}
cpu() { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{print $1 + $2}'; }
for round in $(seq 1 "$ROUNDS"); do
  a1=$(cpu "$APRENDIZ" bench transformer --threads "$THREADS" --repeats 1 --steps 1)
  a5=$(cpu "$APRENDIZ" bench transformer --threads "$THREADS" --repeats 1 --steps 5)
  p1=$(cpu "$PYTHON" Benchmarks/pytorch_transformer.py --threads "$THREADS" --repeats 1 --steps 1 --workload train)
  p5=$(cpu "$PYTHON" Benchmarks/pytorch_transformer.py --threads "$THREADS" --repeats 1 --steps 5 --workload train)
  awk -v r="$round" -v t="$THREADS" -v a1="$a1" -v a5="$a5" -v p1="$p1" -v p5="$p5" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" \
    'BEGIN { printf "round %d, %d thread(s): Aprendiz %.3f CPU s/step, PyTorch %.3f CPU s/step, PyTorch/Aprendiz %.2f (load %s)\n",
             r, t, (a5 - a1) / 8, (p5 - p1) / 8, (p5 - p1) / (a5 - a1), load }'
done
