"""2 processes × 1 thread (mpirun, data-parallel) against 1 process × 2 threads, same global batch.

Runs `aprendiz train --json` on Fashion-MNIST (a --limit subset) for the MLP at batch 256 and LeNet-5,
alternating the two configurations over several rounds (the machine's load drifts), and prints the
training seconds of each run and the median throughput ratio (1-process time / 2-process time; ≥ 1 means
the 2-process run is faster). Training seconds are the Trainer's wall time, including each epoch's
validation pass (which every rank repeats).

    /work/venv/bin/python Benchmarks/distributed_throughput.py [--rounds 3] [--binary .build/release/aprendiz]
        [--before OTHER_BINARY]

With --before, every round also runs the 2-process configuration of OTHER_BINARY (an earlier build), after
--binary's in even rounds and before it in odd ones, and prints the median of before / after training seconds (> 1: --binary is faster).
"""
import argparse
import json
import os
import statistics
import subprocess

WORKLOADS = {
    "mlp batch 256": ["--model", "mlp", "--hidden", "128", "--batch-size", "256", "--epochs", "2", "--limit", "60000"],
    "lenet5 batch 64": ["--model", "lenet5", "--batch-size", "64", "--epochs", "1", "--limit", "12000"],
}


def train(binary, arguments, processes, threads):
    command = [binary, "train", "--dataset", "fashion-mnist", "--json", "--report", "/tmp/aprendiz-throughput"] + arguments
    if processes > 1:
        command = ["mpirun", "--oversubscribe", "--allow-run-as-root", "--bind-to", "none", "-np", str(processes)] + command
    environment = dict(os.environ, APRENDIZ_NUM_THREADS=str(threads))
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])["seconds"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--binary", default=".build/release/aprendiz")
    parser.add_argument("--before", help="an earlier build whose 2-process run alternates with --binary's")
    options = parser.parse_args()
    for name, arguments in WORKLOADS.items():
        ratios, speedups = [], []
        for round_ in range(options.rounds):
            one = train(options.binary, arguments, processes=1, threads=2)
            # With --before, its 2-process run goes first in odd rounds and last in even ones (A B, B A, …).
            earlier = train(options.before, arguments, processes=2, threads=1) if options.before and round_ % 2 else None
            two = train(options.binary, arguments, processes=2, threads=1)
            ratios.append(one / two)
            line = f"{name} round {round_ + 1}: 1 process × 2 threads {one:.2f} s, 2 processes × 1 thread {two:.2f} s, ratio {one / two:.2f}"
            if options.before:
                if earlier is None:
                    earlier = train(options.before, arguments, processes=2, threads=1)
                speedups.append(earlier / two)
                line += f"; --before 2 processes {earlier:.2f} s (before / after {earlier / two:.2f})"
            print(line, flush=True)
        print(f"{name}: median throughput ratio (2 processes / 1 process) {statistics.median(ratios):.2f}")
        if speedups:
            print(f"{name}: median 2-process seconds, before / after {statistics.median(speedups):.2f}")


if __name__ == "__main__":
    main()
