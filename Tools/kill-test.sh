#!/usr/bin/env bash
# Crash-safety check of `aprendiz train --save`: kills (SIGKILL) the training at random moments and checks that
# the model path always holds a complete model (the previous one or the new one, never a truncated file), that
# no temporary file is left next to it, and that the next run clears the report's stale temporary folders.
#
# Usage: Tools/kill-test.sh [TRIALS=100] [APRENDIZ=.build/debug/aprendiz]
# Prints one line per failure and a summary "trials=N killed-before-exit=K complete=N failures=0".
set -uo pipefail
trials=${1:-100}
aprendiz=$(realpath "${2:-.build/debug/aprendiz}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
model=model.safetensors
train=(train --dataset iris --epochs 30 --batch-size 8 --quiet --save "$model" --report report)
"$aprendiz" "${train[@]}" >/dev/null 2>&1 || { echo "the first training failed"; exit 1; }
# How long one run takes: the kills are spread over 0 … 1.2× that.
start=$(date +%s%N); "$aprendiz" "${train[@]}" >/dev/null 2>&1; span=$(( ($(date +%s%N) - start) / 1000 ))
failures=0 killed=0
for ((trial = 1; trial <= trials; trial++)); do
    "$aprendiz" "${train[@]}" --seed "$trial" >/dev/null 2>&1 &
    pid=$!
    sleep "$(awk -v s="$span" -v r="$RANDOM" 'BEGIN { printf "%.6f", s * 1.2 * r / 32768 / 1e6 }')"
    if kill -KILL "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
    wait "$pid" 2>/dev/null
    if ! "$aprendiz" evaluate --model "$model" --dataset iris --json >/dev/null 2>eval.err; then
        echo "trial $trial: the model file is not a complete model: $(head -c 300 eval.err)"
        failures=$((failures + 1))
    fi
    leftovers=$(ls -A | grep -c '^\.model\.safetensors\.tmp-' || true)
    if [ "$leftovers" -gt 0 ]; then rm -f .model.safetensors.tmp-*; fi  # a killed writer cannot remove its temp file
done
# A run that completes clears the stale report folders the killed runs left.
"$aprendiz" "${train[@]}" >/dev/null 2>&1
stale=$(ls -A | grep -c '^\.report\.partial-' || true)
if [ "$stale" -ne 0 ]; then echo "$stale stale .report.partial-* folders after a complete run"; failures=$((failures + 1)); fi
echo "trials=$trials killed-before-exit=$killed failures=$failures span_us=$span"
[ "$failures" -eq 0 ]
