#!/usr/bin/env python3
"""scikit-learn's side of `aprendiz bench knn`: k-NN prediction and Gaussian naive Bayes on Fashion-MNIST.

Same workload as Sources/AprendizCLI/Commands/BenchKNNCommand.swift: the first --train training images and
--test test images, pixels / 255 standardised with the training images' statistics (StandardScaler, as the
Fashion-MNIST benchmark's runner), KNeighborsClassifier(n_neighbors=5, weights="distance", p=P,
n_jobs=--threads) for each P, then GaussianNB(). BLAS threads are limited to --threads (threadpoolctl).
Prints one JSON line per workload: {"workload", "threads", "backend", "microseconds", "samples_per_second"}
and {"workload", "accuracy", "threads"}.

    /work/venv/bin/python Benchmarks/sklearn_neighbors.py --threads 1 --test 1000
"""
import argparse
import gzip
import json
import pathlib
import time

import numpy as np
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

FOLDER = pathlib.Path("/usr/share/datasets/fashion-mnist")


def idx(name):
    with gzip.open(FOLDER / name) as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def row(workload, threads, seconds, samples):
    print(json.dumps({"backend": "scikit-learn", "microseconds": seconds * 1e6, "samples_per_second": samples / seconds,
                      "threads": threads, "workload": workload}, sort_keys=True), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--train", type=int, default=60000)
    parser.add_argument("--test", type=int, default=10000)
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--p", default="2,1")
    parser.add_argument("--no-naive-bayes", action="store_true")
    args = parser.parse_args()
    x = idx("train-images-idx3-ubyte.gz").reshape(60000, -1)[:args.train].astype(np.float32) / 255
    y = idx("train-labels-idx1-ubyte.gz")[:args.train]
    xt = idx("t10k-images-idx3-ubyte.gz").reshape(10000, -1)[:args.test].astype(np.float32) / 255
    yt = idx("t10k-labels-idx1-ubyte.gz")[:args.test]
    scaler = StandardScaler().fit(x)
    x, xt = scaler.transform(x), scaler.transform(xt)
    with threadpool_limits(limits=args.threads):
        for p in [float(v) for v in args.p.split(",") if v.strip()]:
            name = f"knn p={p:g}"
            model = KNeighborsClassifier(n_neighbors=args.k, weights="distance", p=p, n_jobs=args.threads)
            start = time.perf_counter()
            model.fit(x, y)
            row(f"{name} fit", args.threads, time.perf_counter() - start, len(x))
            start = time.perf_counter()
            predictions = model.predict(xt)
            row(f"{name} predict", args.threads, time.perf_counter() - start, len(xt))
            print(json.dumps({"accuracy": float(np.mean(predictions == yt)), "threads": args.threads, "workload": name}, sort_keys=True), flush=True)
        if not args.no_naive_bayes:
            start = time.perf_counter()
            model = GaussianNB().fit(x, y)
            row("gaussian-nb fit", args.threads, time.perf_counter() - start, len(x))
            start = time.perf_counter()
            predictions = model.predict(xt)
            row("gaussian-nb predict", args.threads, time.perf_counter() - start, len(xt))
            print(json.dumps({"accuracy": float(np.mean(predictions == yt)), "threads": args.threads, "workload": "gaussian-nb"}, sort_keys=True), flush=True)


if __name__ == "__main__":
    main()
