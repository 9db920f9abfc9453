#!/usr/bin/env python3
"""scikit-learn's side of `aprendiz bench kmeans`: milliseconds per Lloyd iteration of KMeans on the same
synthetic float32 matrix (x_ij = 2·frac(43758.5453·sin(12.9898·(i·features + j))) − 1, computed in float64 then
rounded to float32), starting from its first k rows, n_init=1, tol=0, max_iter=100, algorithm="lloyd" (or
--algorithm elkan, the side of `aprendiz bench kmeans --algorithm elkan`).
Best of --repeats runs, time divided by n_iter_. Threads: threadpoolctl limits OpenMP/BLAS to --threads.

    /work/venv/bin/python Benchmarks/sklearn_clustering.py --threads 1
"""
import argparse
import json
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
    args = parser.parse_args()
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
    print(json.dumps({"workload": f"sklearn kmeans{' elkan' if args.algorithm == 'elkan' else ''} {args.rows}x{args.features} k={args.clusters} per iteration "
                                  f"({iterations} iterations)", "threads": args.threads, "milliseconds": best * 1e3}))


if __name__ == "__main__":
    main()
