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
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} ".build-fuzz/$configuration/$binary" "$corpus" \
    -dict="Fuzz/$target.dict" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=1 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$@"
