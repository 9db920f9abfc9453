#!/usr/bin/env python3
"""A/B comparison of two `aprendiz` builds on the workloads of `aprendiz bench all` (plus the Swift GEMM
without BLAS and the element-wise kernels), alternating the two binaries round by round in one run.

    Benchmarks/ab_compare.py OLD_BINARY NEW_BINARY [--rounds 5] [--threads 1]

For each workload and binary it prints the median of the benchmark's own figure over the rounds, and
the median CPU time (user + system) of the process doing that fixed amount of work; the ratio new/old
of each. On a shared machine the CPU time is the steadier measure: it does not count the time the
process waits for a core. (With --threads 2 it also counts the pool's spinning, so use 1 thread to
compare kernels.)
"""
import argparse
import json
import os
import resource
import statistics
import subprocess

WORKLOADS = [
    ("mlp batch=64 adam", ["bench", "mlp", "--batch-size", "64", "--optimizer", "adam"], {}),
    ("mlp batch=64 sgd", ["bench", "mlp", "--batch-size", "64", "--optimizer", "sgd"], {}),
    ("mlp batch=256 adam", ["bench", "mlp", "--batch-size", "256", "--optimizer", "adam"], {}),
    ("mlp batch=256 sgd", ["bench", "mlp", "--batch-size", "256", "--optimizer", "sgd"], {}),
    ("lenet5 train batch=64", ["bench", "cnn"], {}),
    ("infer mlp batch=1", ["bench", "infer"], {}),
    ("gemm n=1024 (Swift kernel)", ["bench", "gemm", "--sizes", "1024"], {"APRENDIZ_BLAS": "none"}),
    ("mlp batch=64 adam (no BLAS)", ["bench", "mlp", "--batch-size", "64", "--optimizer", "adam"], {"APRENDIZ_BLAS": "none"}),
    ("elementwise add, exp", ["bench", "elementwise"], {}),
    # Not in `bench all`: the recurrent cell's sigmoid/tanh loops, still Swift SIMD8<Float>.
    ("lstm batch=64 (2 repeats)", ["bench", "lstm", "--repeats", "2"], {}),
]


def run(binary, arguments, environment, threads):
    """Runs one benchmark; returns ({workload: figure}, CPU seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    output = subprocess.run([binary, *arguments, "--threads", str(threads), "--json"], check=True,
                            capture_output=True, text=True, env={**os.environ, **environment}, timeout=900).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    figures = {}
    for line in output.splitlines():
        record = json.loads(line)
        value = next(record[key] for key in ("samples_per_second", "microseconds", "gflops", "elements_per_second")
                     if key in record)
        figures[record["workload"] + " [" + record["backend"].split(" ")[0] + "]"] = value
    return figures, cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--only", help="comma-separated workload name prefixes")
    args = parser.parse_args()
    workloads = [w for w in WORKLOADS if not args.only or any(w[0].startswith(p) for p in args.only.split(","))]
    figures = {}   # (binary, workload figure) -> [values]
    cpu = {}       # (binary, workload) -> [seconds]
    for round_ in range(args.rounds):
        for name, arguments, environment in workloads:
            order = [("old", args.old), ("new", args.new)]
            if round_ % 2:
                order.reverse()
            for side, binary in order:
                results, seconds = run(binary, arguments, environment, args.threads)
                cpu.setdefault((side, name), []).append(seconds)
                for key, value in results.items():
                    figures.setdefault((side, name + " :: " + key), []).append(value)
        print(f"round {round_ + 1} of {args.rounds} done", flush=True)
    print(f"\n{'workload':<78} {'old':>12} {'new':>12} {'new/old':>8}")
    for side, key in sorted(k for k in figures if k[0] == "old"):
        old, new = statistics.median(figures[("old", key)]), statistics.median(figures[("new", key)])
        print(f"{key:<78} {old:>12.1f} {new:>12.1f} {new / old:>8.3f}")
    print(f"\n{'CPU seconds of the process (lower is better)':<78} {'old':>12} {'new':>12} {'new/old':>8}")
    for name, _, _ in workloads:
        old, new = statistics.median(cpu[("old", name)]), statistics.median(cpu[("new", name)])
        print(f"{name:<78} {old:>12.2f} {new:>12.2f} {new / old:>8.3f}")


if __name__ == "__main__":
    main()
