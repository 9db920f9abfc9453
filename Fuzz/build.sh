#!/usr/bin/env bash
# Builds the libFuzzer targets (with AddressSanitizer) into .build-fuzz/. Usage: Fuzz/build.sh [debug|release]
# `-enable-testing` lets FuzzTable set the CSV reader's internal chunk size (`@testable import AprendizData`).
set -euo pipefail
cd "$(dirname "$0")/.."
configuration=${1:-release}
for target in FuzzTable FuzzNumericTable FuzzSafetensors FuzzIDX FuzzModelFile FuzzLanguageModelFile FuzzRecurrentModelFile; do
    APRENDIZ_FUZZ=1 swift build -c "$configuration" --scratch-path .build-fuzz \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld -Xswiftc -enable-testing \
        -Xcc -fsanitize=fuzzer-no-link,address --product "$target"
done
echo "built: .build-fuzz/$configuration/{FuzzSafetensors,FuzzModelFile,FuzzIDX,FuzzNumericTable,FuzzTable,FuzzLanguageModelFile,FuzzRecurrentModelFile}"
