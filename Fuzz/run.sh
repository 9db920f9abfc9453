#!/usr/bin/env bash
# Runs one fuzz target (built by Fuzz/build.sh) for SECONDS, or every target when TARGET is "all".
# Usage: Fuzz/run.sh TARGET|all [SECONDS=60] [extra libFuzzer flags…]
# TARGET: safetensors, model, idx, csv, table, language-model, recurrent-model. The working corpus grows in
# .build-fuzz/corpus/<target> (seeded from Fuzz/Corpus/<target>); crashes, timeouts and slow units are written to .build-fuzz/findings/<target>/ (not
# .build-fuzz/artifacts/, which SwiftPM manages: a build removed slow units written there). Exit status non-zero on a crash,
# timeout (> 1 s per input) or out-of-memory (> 2 GB).
set -euo pipefail
cd "$(dirname "$0")/.."
target=$1; seconds=${2:-60}; shift $(( $# < 2 ? $# : 2 ))
configuration=${FUZZ_CONFIGURATION:-release}
if [ "$target" = all ]; then
    for each in safetensors model idx csv table language-model recurrent-model; do "$0" "$each" "$seconds" "$@"; done
    exit 0
fi
case $target in
    safetensors) binary=FuzzSafetensors ;;
    model) binary=FuzzModelFile ;;
    idx) binary=FuzzIDX ;;
    csv) binary=FuzzNumericTable ;;
    table) binary=FuzzTable ;;
    language-model) binary=FuzzLanguageModelFile ;;
    recurrent-model) binary=FuzzRecurrentModelFile ;;
    *) echo "unknown target '$target' (safetensors, model, idx, csv, table, language-model, recurrent-model)"; exit 2 ;;
esac
corpus=.build-fuzz/corpus/$target artifacts=.build-fuzz/findings/$target
mkdir -p "$corpus" "$artifacts"
cp -n Fuzz/Corpus/$target/* "$corpus"/
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
status=0
".build-fuzz/$configuration/$binary" "$corpus" \
    -dict="Fuzz/$target.dict" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=1 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$@" || status=$?
# libFuzzer exits 70 on a timeout. On a busy machine that can be the scheduler's (a 66-byte CSV that replays in
# 2-10 ms timed out once while other jobs compiled): the input is replayed alone, 3 times, under the same 1-s limit,
# and only a replay that times out again counts. FUZZ_STRICT_TIMEOUTS=1 keeps the first verdict.
if [ "$status" = 70 ] && [ -z "${FUZZ_STRICT_TIMEOUTS:-}" ] && input=$(ls -t "$artifacts"/timeout-* 2>/dev/null | head -n 1) && [ -n "$input" ]; then
    echo "timeout on $input: replaying it alone, 3 times, 1 s each"
    ".build-fuzz/$configuration/$binary" -timeout=1 -runs=3 "$input" || exit $?
    echo "the replay finished within 1 s each time: the timeout was the machine's load, not the reader"
    exit 0
fi
exit "$status"
