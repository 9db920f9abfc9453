"""How much of the gradient all-reduce the backward pass hides (issue #22), in one binary.

Runs `aprendiz-distributed-check overlap CAPACITY ROUNDS` under `mpirun -np 2` with one thread per process: a
784-128-10 MLP at global batch 256 on random data, 40 steps per run, `DataParallel` with all-reduces started
during the backward pass (`MPI_Iallreduce` from the gradient-ready hook) and after it (`MPI_Allreduce`),
alternating within the process over ROUNDS rounds, for each bucket capacity given. Prints rank 0's medians:
seconds per step, seconds per step spent waiting for overlapped all-reduces after the backward pass, buckets
started before the backward pass ended.

    swift build -c release --product aprendiz-distributed-check
    /work/venv/bin/python Benchmarks/overlap_timeline.py [--rounds 5] [--capacities 16384,262144]
        [--binary .build/release/aprendiz-distributed-check]
"""
import argparse
import json
import os
import subprocess


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--capacities", default="16384,262144", help="floats per bucket, comma-separated")
    parser.add_argument("--binary", default=".build/release/aprendiz-distributed-check")
    options = parser.parse_args()
    for capacity in options.capacities.split(","):
        command = ["mpirun", "--oversubscribe", "--allow-run-as-root", "--bind-to", "none", "-np", "2",
                   options.binary, "overlap", capacity, str(options.rounds)]
        result = subprocess.run(command, capture_output=True, text=True, check=True,
                                env=dict(os.environ, APRENDIZ_NUM_THREADS="1"))
        for line in result.stdout.splitlines():
            record = json.loads(line)
            if record.get("rank") == 0:
                print(json.dumps({k: v for k, v in sorted(record.items()) if k not in ("implementation",)}, indent=1))


if __name__ == "__main__":
    main()
