#!/usr/bin/env python3
"""scikit-learn's side of `aprendiz bench kmeans`: milliseconds per Lloyd iteration of KMeans on the same
synthetic float32 matrix (x_ij = 2·frac(43758.5453·sin(12.9898·(i·features + j))) − 1, computed in float64 then
rounded to float32), starting from its first k rows, n_init=1, tol=0, max_iter=100, algorithm="lloyd" (or
--algorithm elkan, the side of `aprendiz bench kmeans --algorithm elkan`).
Best of --repeats runs, time divided by n_iter_. Threads: threadpoolctl limits OpenMP/BLAS to --threads.

    /work/venv/bin/python Benchmarks/sklearn_clustering.py --threads 1

With --aprendiz BINARY, --rounds R alternates `aprendiz bench kmeans --json` (same rows, features, clusters,
iterations, repeats, threads, algorithm) and this side R times, prints every pair, then the medians, their
ratio (scikit-learn / Aprendiz: > 1 means Aprendiz is faster) and the load average before and after:

    swift build -c release --product aprendiz
    /work/venv/bin/python Benchmarks/sklearn_clustering.py --aprendiz .build/release/aprendiz --threads 1 --rounds 5 --repeats 1
"""
import argparse
import json
import os
import statistics
import subprocess
import time

import numpy as np
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits


def synthetic(rows, features):
    k = np.arange(rows * features, dtype=np.float64)
    s = np.sin(12.9898 * k) * 43758.5453
    return (2 * (s - np.floor(s)) - 1).astype(np.float32).reshape(rows, features)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--features", type=int, default=64)
    parser.add_argument("--clusters", type=int, default=10)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--algorithm", choices=["lloyd", "elkan"], default="lloyd")
    parser.add_argument("--aprendiz", type=os.path.abspath, help="the aprendiz binary: alternate with it")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.aprendiz:
        alternate(args)
        return
    print(json.dumps(measure(args)))


def aprendiz_milliseconds(args):
    output = subprocess.run([args.aprendiz, "bench", "kmeans", "--json", "--threads", str(args.threads), "--rows", str(args.rows),
                             "--features", str(args.features), "--clusters", str(args.clusters), "--iterations",
                             str(args.iterations), "--repeats", str(args.repeats), "--algorithm", args.algorithm],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])["microseconds"] / 1e3


def alternate(args):
    load_before = os.getloadavg()
    ours, theirs = [], []
    for round_index in range(args.rounds):
        theirs.append(measure(args)["milliseconds"])
        ours.append(aprendiz_milliseconds(args))
        print(json.dumps({"round": round_index, "sklearn_ms": theirs[-1], "aprendiz_ms": ours[-1]}), flush=True)
    a, b = statistics.median(ours), statistics.median(theirs)
    print(json.dumps({"summary": f"kmeans {args.algorithm} {args.rows}x{args.features} k={args.clusters} per iteration",
                      "threads": args.threads, "rounds": args.rounds, "aprendiz_median_ms": a, "sklearn_median_ms": b,
                      "speedup": b / a, "per_round_speedups": [t / o for o, t in zip(ours, theirs)],
                      "load_before": load_before, "load_after": os.getloadavg()}), flush=True)


def measure(args):
    x = synthetic(args.rows, args.features)
    start = x[: args.clusters].copy()
    best, iterations = float("inf"), 0
    with threadpool_limits(limits=args.threads):
        for _ in range(args.repeats):
            model = KMeans(args.clusters, init=start, n_init=1, tol=0, max_iter=args.iterations,
                           algorithm=args.algorithm)
            t = time.perf_counter()
            model.fit(x)
            seconds = time.perf_counter() - t
            iterations = model.n_iter_
            best = min(best, seconds / iterations)
    return {"workload": f"sklearn kmeans{' elkan' if args.algorithm == 'elkan' else ''} {args.rows}x{args.features} k={args.clusters} per iteration "
                        f"({iterations} iterations)", "threads": args.threads, "milliseconds": best * 1e3}


if __name__ == "__main__":
    main()
