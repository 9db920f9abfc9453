#!/usr/bin/env python3
"""scikit-learn's side of `aprendiz bench svm`: SVC fit seconds (wall, then process CPU) on digits (the bundled
CSV, all 1 797 rows, SVC() defaults) and on the first --fashion-rows Fashion-MNIST training images, standardised
per pixel (StandardScaler), SVC(C=10). scikit-learn's SVC is libsvm, single-threaded.

    /work/venv/bin/python Benchmarks/sklearn_svm.py [--fashion-rows 2000] [--probability] [--json]
"""
import argparse
import gzip
import json
import pathlib
import time

import numpy as np
import pandas as pd
from sklearn import preprocessing, svm

root = pathlib.Path(__file__).resolve().parents[1]


def fashion(rows):
    folder = pathlib.Path("/usr/share/datasets/fashion-mnist")
    with gzip.open(folder / "train-images-idx3-ubyte.gz") as f:
        images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)[:rows]
    with gzip.open(folder / "train-labels-idx1-ubyte.gz") as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8)[:rows]
    x = (images.astype(np.float32) / 255).astype(np.float64)
    return preprocessing.StandardScaler().fit_transform(x).astype(np.float32).astype(np.float64), labels


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fashion-rows", type=int, default=2000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--probability", action="store_true", help="SVC(probability=True): Platt's sigmoids")
    args = parser.parse_args()
    table = pd.read_csv(root / "Sources/AprendizData/Resources/digits.csv")
    x = table.drop(columns="target").to_numpy(np.float32).astype(np.float64)
    name = "svc-probability" if args.probability else "svc"
    workloads = [(f"{name} digits", x, table["target"].to_numpy(), svm.SVC(probability=args.probability))]
    if args.fashion_rows > 0:
        xf, yf = fashion(args.fashion_rows)
        workloads.append((f"{name} fashion-{len(yf)}", xf, yf, svm.SVC(C=10, probability=args.probability)))
    for name, a, b, model in workloads:
        cpu, wall = time.process_time(), time.perf_counter()
        model.fit(a, b)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        for kind, seconds in [("fit", wall), ("cpu", cpu)]:
            row = {"workload": f"{kind} {name}", "threads": 1, "backend": "scikit-learn", "microseconds": seconds * 1e6}
            print(json.dumps(row) if args.json else f"{row['workload']:<28} {seconds:.3f} s  [libsvm, n_SV {model.n_support_.sum()}]")


if __name__ == "__main__":
    main()
