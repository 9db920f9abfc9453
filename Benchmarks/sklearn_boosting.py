#!/usr/bin/env python3
"""scikit-learn's side of `aprendiz bench boosting`: HistGradientBoostingClassifier on Fashion-MNIST.

    /work/venv/bin/python Benchmarks/sklearn_boosting.py [--limit 10000] [--max-iter 20] [--max-leaf-nodes 31] [--threads 1]
                                                         [--staged]

Same workload as the Swift command: the first --limit training images (pixels / 255, float32 widened to
float64 by scikit-learn), early stopping off, all other settings scikit-learn's defaults (255 bins, 31 leaves,
20 samples per leaf, learning rate 0.1); OpenMP threads limited with threadpoolctl. Prints one JSON line:
fit seconds (wall and process CPU), prediction throughput on the 10 000 test images, test accuracy; with --staged
also the test accuracy after each iteration (`staged_predict`, computed after the timed fit and prediction).
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from threadpoolctl import threadpool_limits

ROOT = os.environ.get("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist")


def idx(name, offset):
    with gzip.open(os.path.join(ROOT, name)) as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=10000)
    parser.add_argument("--max-iter", type=int, default=20)
    parser.add_argument("--max-leaf-nodes", type=int, default=31)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--staged", action="store_true", help="also print the test accuracy after each iteration")
    args = parser.parse_args()
    x = (idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 784)[: args.limit] / np.float32(255)).astype(np.float32)
    y = idx("train-labels-idx1-ubyte.gz", 8)[: args.limit]
    xt = (idx("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 784) / np.float32(255)).astype(np.float32)
    yt = idx("t10k-labels-idx1-ubyte.gz", 8)
    with threadpool_limits(limits=args.threads):
        model = HistGradientBoostingClassifier(max_iter=args.max_iter, max_leaf_nodes=args.max_leaf_nodes,
                                               early_stopping=False, random_state=0)
        wall, cpu = time.perf_counter(), time.process_time()
        model.fit(x, y)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        start = time.perf_counter()
        predicted = model.predict(xt)
        predict_seconds = time.perf_counter() - start
        staged = [round(float(np.mean(p == yt)), 4) for p in model.staged_predict(xt)] if args.staged else None
    result = {"workload": f"sklearn hist-gradient-boosting fashion-mnist {args.limit} rows {args.max_iter} iterations",
              "threads": args.threads, "fit_seconds": wall, "fit_cpu_seconds": cpu,
              "predict_rows_per_second": len(yt) / predict_seconds, "test_accuracy": float(np.mean(predicted == yt))}
    if staged is not None:
        result["staged_test_accuracy"] = staged
    print(json.dumps(result))


if __name__ == "__main__":
    main()
