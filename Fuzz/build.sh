#!/usr/bin/env bash
# Builds the libFuzzer targets (with AddressSanitizer) into .build-fuzz/. Usage: Fuzz/build.sh [debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."
configuration=${1:-release}
APRENDIZ_FUZZ=1 swift build -c "$configuration" --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld -Xcc -fsanitize=fuzzer-no-link,address \
    --product FuzzSafetensors
for target in FuzzModelFile FuzzIDX FuzzNumericTable; do
    APRENDIZ_FUZZ=1 swift build -c "$configuration" --scratch-path .build-fuzz \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld -Xcc -fsanitize=fuzzer-no-link,address --product "$target"
done
echo "built: .build-fuzz/$configuration/{FuzzSafetensors,FuzzModelFile,FuzzIDX,FuzzNumericTable}"
