#!/usr/bin/env python3
"""scikit-learn's side of `aprendiz bench classic`: seconds to fit each linear model of chapter 12.

    /work/venv/bin/python Benchmarks/sklearn_reference.py [--rows 100000] [--features 100] [--threads N]

Same data as the Swift side (BenchClassicCommand.syntheticProblem): x_ij = 2·frac(43758.5453·sin(12.9898·k)) − 1
for k = i·features + j, cast to float32 as Aprendiz stores it and fitted in float64 as scikit-learn does;
y = x·w + 0.1·noise with w_j = (j mod 7) − 3; the classifier gets y > 0. Same hyper-parameters as the Swift
side (scikit-learn's defaults otherwise, so its own tolerances); one timed fit per model, wall seconds and then
the process's CPU seconds (all threads, `time.process_time`) for the same fit. `--threads` limits
BLAS/OpenMP through threadpoolctl.
"""
import argparse
import time

import numpy as np
from sklearn import linear_model
from threadpoolctl import threadpool_limits


def synthetic_problem(rows, features):
    k = np.arange(rows * features, dtype=np.float64)
    s = np.sin(12.9898 * k) * 43758.5453
    x = (2 * (s - np.floor(s)) - 1).astype(np.float32).reshape(rows, features)
    w = (np.arange(features) % 7 - 3).astype(np.float64)
    s = np.sin(12.9898 * np.arange(rows * features, rows * features + rows, dtype=np.float64)) * 43758.5453
    noise = 2 * (s - np.floor(s)) - 1
    y = (x.astype(np.float64) @ w + 0.1 * noise).astype(np.float32)
    return x.astype(np.float64), y.astype(np.float64)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--features", type=int, default=100)
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    x, y = synthetic_problem(args.rows, args.features)
    labels = (y > 0).astype(int)
    models = [
        ("linear-regression", linear_model.LinearRegression(), y),
        ("ridge", linear_model.Ridge(alpha=1.0), y),
        ("lasso", linear_model.Lasso(alpha=0.1), y),
        ("elastic-net", linear_model.ElasticNet(alpha=0.01, l1_ratio=0.5), y),
        ("huber", linear_model.HuberRegressor(), y),
        ("logistic-regression", linear_model.LogisticRegression(C=1.0), labels),
    ]
    with threadpool_limits(limits=args.threads):
        for name, model, target in models:
            start, cpu_start = time.perf_counter(), time.process_time()
            model.fit(x, target)
            seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
            print(f"fit {name}".ljust(28), f"{seconds * 1e6:12.0f} µs  [{args.threads or 'all'} threads, scikit-learn]")
            print(f"cpu {name}".ljust(28), f"{cpu_seconds * 1e6:12.0f} µs  [{args.threads or 'all'} threads, scikit-learn]")


if __name__ == "__main__":
    main()
