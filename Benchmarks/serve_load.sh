#!/usr/bin/env bash
# Load test of aprendiz-serve with wrk (Debian package `wrk`): single-row POST /v1/models/NAME/predict
# requests over 64 keep-alive connections, loopback only, for DURATION seconds per setting.
#
#   Benchmarks/serve_load.sh [MODEL_FILE] [DURATION]
#
# MODEL_FILE defaults to a Fashion-MNIST MLP trained here (aprendiz train --dataset fashion-mnist --model mlp
# --epochs 1 --save …), or the digits MLP when Fashion-MNIST is not installed. For each server setting
# (pinned to 1 CPU or 2 CPUs with taskset; batching off: --max-batch 1, on: --max-batch 64 --max-delay-ms 2)
# it prints wrk's requests/s, p50 and p99 latency and the non-2xx/socket-error count. The server runs release
# builds. Then the same for the FastAPI + PyTorch reference (Benchmarks/pytorch_server.py under uvicorn, one
# worker per CPU, torch with one thread per worker) when $PYTHON (default python3) has fastapi, uvicorn, torch
# and safetensors.
#
# Environment:
#   ROUNDS=N        repeat the settings N times, alternating them (off, on, off, on, …), then print each
#                   setting's medians (default 1)
#   CPU_SETS="0 0,1"  the taskset CPU lists to run (default both)
#   BATCHING="off on" the batching settings (default both)
#   REFERENCE=0     skip the FastAPI + PyTorch reference
#   RSS_EVERY=S     sample the server's resident memory (VmRSS) every S seconds during each run and print
#                   first/last/max (the 10-minute leak check: DURATION=600 RSS_EVERY=10)
#   BIN=DIR         use the aprendiz and aprendiz-serve executables in DIR instead of building them
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=${1:-}
DURATION=${2:-20}
PORT=${PORT:-18080}
PYTHON=${PYTHON:-python3}
CONNECTIONS=${CONNECTIONS:-64}
ROUNDS=${ROUNDS:-1}
CPU_SETS=${CPU_SETS:-"0 0,1"}
BATCHING=${BATCHING:-"off on"}
REFERENCE=${REFERENCE:-1}
RSS_EVERY=${RSS_EVERY:-0}
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }

if [[ -z "${BIN:-}" ]]; then
    swift build -c release --product aprendiz >/dev/null
    swift build -c release --product aprendiz-serve >/dev/null
    BIN=$(swift build -c release --show-bin-path)
fi
WORK=$(mktemp -d)
trap 'kill "${SERVER:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

if [[ -z "$MODEL" ]]; then
    MODEL="$WORK/model.safetensors"
    if "$BIN/aprendiz" datasets 2>/dev/null | grep -q "fashion-mnist.*found in"; then
        DATASET=fashion-mnist
    else
        DATASET=digits
    fi
    "$BIN/aprendiz" train --dataset "$DATASET" --model mlp --epochs 1 --validation 0 --save "$MODEL" --quiet \
        --report "$WORK/report" >/dev/null
fi

# One request body: a row of the model's input size (values from a fixed pattern in [0, 1]).
WIDTH=$(python3 - "$MODEL" <<'PY'
import json, struct, sys
with open(sys.argv[1], "rb") as f:
    n = struct.unpack("<Q", f.read(8))[0]
    meta = json.loads(f.read(n))["__metadata__"]
shape = json.loads(meta["aprendiz.preprocessing"])["inputShape"]
size = 1
for s in shape: size *= s
print(size)
PY
)
python3 -c "import json; print(json.dumps({'inputs': [[((i * 37) % 101) / 100 for i in range($WIDTH)]]}))" > "$WORK/body.json"
cat > "$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$WORK/body.json", "r"); wrk.body = f:read("*a"); f:close()
LUA

echo "model: $MODEL ($WIDTH inputs per row), $CONNECTIONS connections, ${DURATION}s per run, $(nproc) CPUs, load: $(cut -d' ' -f1-3 /proc/loadavg)"
# measure SERVER_LABEL CPUS THREADS BATCHING: wrk against the server on $PORT, one table row (also kept in $WORK/rows).
measure() {
    for _ in $(seq 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.1; done
    local out rps p50 p99 non2xx sockets sampler=""
    if (( RSS_EVERY > 0 )); then
        ( while kill -0 "$SERVER" 2>/dev/null; do
              awk -v t="$(date +%s)" '/VmRSS/ {print t, $2}' "/proc/$SERVER/status" 2>/dev/null; sleep "$RSS_EVERY"
          done ) > "$WORK/rss" &
        sampler=$!
    fi
    out=$(timeout $((DURATION + 30)) wrk -t"$3" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/post.lua" \
          "http://127.0.0.1:$PORT/v1/models/m/predict")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); non2xx=${non2xx:-0}
    sockets=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out"); sockets=${sockets:-0}
    printf "%-15s %-5s %-9s %12s %10s %10s %8s %8s\n" "$1" "$3" "$4" "$rps" "$p50" "$p99" "$non2xx" "$sockets"
    echo "$1 $3 $4 $rps $p50 $p99 $non2xx $sockets" >> "$WORK/rows"
    if [[ -n "$sampler" ]]; then
        kill "$sampler" 2>/dev/null || true
        awk 'NR == 1 {first = $2} {last = $2; if ($2 > max) max = $2; n++}
             END {printf "  server RSS (%d samples every '"$RSS_EVERY"' s): first %.1f MiB, last %.1f MiB, max %.1f MiB\n", n, first/1024, last/1024, max/1024}' "$WORK/rss"
        awk '{printf "%s%.1f", (NR == 1 ? "  samples (MiB):" : "") " ", $2/1024} END {print ""}' "$WORK/rss"
    fi
    kill -TERM "$SERVER"; wait "$SERVER" || true
}

printf "%-15s %-5s %-9s %12s %10s %10s %8s %8s\n" server cpus batching "requests/s" p50 p99 non2xx sockerr
for ROUND in $(seq "$ROUNDS"); do
    for CPUS in $CPU_SETS; do
        THREADS=$(( ${#CPUS} > 1 ? 2 : 1 ))
        for BATCH in $BATCHING; do
            ARGS=(--max-batch 1); [[ $BATCH == on ]] && ARGS=(--max-batch 64 --max-delay-ms 2)
            taskset -c "$CPUS" "$BIN/aprendiz-serve" --model "m=$MODEL" --port "$PORT" "${ARGS[@]}" >"$WORK/server.log" 2>&1 &
            SERVER=$!
            measure aprendiz-serve "$CPUS" "$THREADS" "$BATCH"
        done
    done
done
if (( ROUNDS > 1 )); then
    echo "medians over $ROUNDS rounds (load at the end: $(cut -d' ' -f1-3 /proc/loadavg)):"
    python3 - "$WORK/rows" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    server, cpus, batching, rps, p50, p99, *_ = line.split()
    def ms(text):
        return float(text[:-2]) if text.endswith("ms") else float(text[:-2]) / 1000 if text.endswith("us") else float(text[:-1]) * 1000
    rows.setdefault((server, cpus, batching), []).append((float(rps), ms(p50), ms(p99)))
for (server, cpus, batching), values in rows.items():
    rps = [v[0] for v in values]
    print(f"{server:15} {cpus:5} {batching:9} {statistics.median(rps):12.0f} {statistics.median(v[1] for v in values):8.2f}ms "
          f"{statistics.median(v[2] for v in values):8.2f}ms   requests/s per round: {' '.join(f'{r:.0f}' for r in rps)}")
for cpus in sorted({k[1] for k in rows}):
    on, off = rows.get(("aprendiz-serve", cpus, "on")), rows.get(("aprendiz-serve", cpus, "off"))
    if on and off:
        ratios = [a[0] / b[0] for a, b in zip(on, off)]
        print(f"batching on/off at {cpus} thread(s): median of per-round ratios {statistics.median(ratios):.2f}x "
              f"({' '.join(f'{r:.2f}' for r in ratios)})")
PY
fi
if (( REFERENCE )) && "$PYTHON" -c "import fastapi, uvicorn, torch, safetensors" 2>/dev/null; then
    for CPUS in $CPU_SETS; do
        THREADS=$(( ${#CPUS} > 1 ? 2 : 1 ))
        APRENDIZ_MODEL="$MODEL" APRENDIZ_NAME=m TORCH_THREADS=1 taskset -c "$CPUS" "$PYTHON" -m uvicorn --app-dir Benchmarks \
            pytorch_server:app --host 127.0.0.1 --port "$PORT" --workers "$THREADS" --log-level warning >"$WORK/py.log" 2>&1 &
        SERVER=$!
        measure fastapi+torch "$CPUS" "$THREADS" off
    done
elif (( REFERENCE )); then
    echo "($PYTHON lacks fastapi/uvicorn/torch/safetensors: reference server skipped)"
fi
