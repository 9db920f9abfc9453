"""scikit-learn's side of `aprendiz bench forest`: RandomForestClassifier(n_estimators=100, n_jobs=threads)
fit seconds, held-out accuracy and prediction throughput on digits and on the first --limit Fashion-MNIST
training images (pixels / 255, the first --test-limit test images).

Digits: train_test_split(test_size=0.25, random_state=0) — a different random quarter from the Swift
side's trainTestSplit(seed 0), so the accuracies compare two draws of the same policy.

--single-tree fits one DecisionTreeClassifier(random_state=0) instead (the side of `aprendiz bench forest
--single-tree`); --criterion and --max-depth set the tree's (or the forest's trees') criterion and max_depth, e.g. the
Fashion-MNIST paper's best tree (Xiao et al. 2017, table 3): --single-tree --criterion entropy --max-depth 10.

Run: /work/venv/bin/python Benchmarks/sklearn_trees.py --threads 1 [--limit 10000] [--json]
         [--single-tree] [--criterion gini|entropy] [--max-depth N] [--predict-repeats N]
"""
import argparse
import gzip
import json
import pathlib
import time

import numpy as np
from sklearn import ensemble, model_selection, tree

ROOT = pathlib.Path(__file__).resolve().parents[1]
FASHION = pathlib.Path("/usr/share/datasets/fashion-mnist")


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def measure(name, x, y, xt, yt, threads, trees, as_json, single_tree=False, criterion="gini", max_depth=None, repeats=1):
    if single_tree:
        trees = 1
        model = tree.DecisionTreeClassifier(criterion=criterion, max_depth=max_depth, random_state=0)
    else:
        model = ensemble.RandomForestClassifier(n_estimators=trees, criterion=criterion, max_depth=max_depth, n_jobs=threads,
                                                random_state=0)
    start, cpu = time.perf_counter(), time.process_time()
    model.fit(x, y)
    fit, cpu = time.perf_counter() - start, time.process_time() - cpu
    times = []
    for _ in range(repeats):  # the median of --predict-repeats predictions, as `aprendiz bench forest`
        start = time.perf_counter()
        accuracy = model.score(xt, yt)
        times.append(time.perf_counter() - start)
    predict = sorted(times)[len(times) // 2]
    row = {"workload": name, "threads": threads, "trees": trees, "train_rows": len(y), "fit_seconds": fit, "fit_cpu_seconds": cpu,
           "accuracy": accuracy, "predict_samples_per_second": len(yt) / predict}
    if as_json:
        print(json.dumps(row, sort_keys=True))
    else:
        print(f"{name:22s} fit {fit:8.3f} s (CPU {cpu:.3f} s)  accuracy {accuracy:.4f}  predict {row['predict_samples_per_second']:10.0f} samples/s"
              f"  [{threads} threads, {trees} trees, {len(y)} rows]")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--trees", type=int, default=100)
    parser.add_argument("--limit", type=int, default=10_000)
    parser.add_argument("--test-limit", type=int, default=10_000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--single-tree", action="store_true")
    parser.add_argument("--criterion", choices=["gini", "entropy"], default="gini")
    parser.add_argument("--max-depth", type=int, default=None)
    parser.add_argument("--predict-repeats", type=int, default=1)
    args = parser.parse_args()
    settings = (args.single_tree, args.criterion, args.max_depth, args.predict_repeats)
    table = np.genfromtxt(ROOT / "Sources/AprendizData/Resources/digits.csv", delimiter=",", skip_header=1, dtype=np.float32)
    x, y = table[:, :-1], table[:, -1]
    train, test = model_selection.train_test_split(np.arange(len(y)), test_size=0.25, random_state=0)
    measure("forest digits", x[train], y[train], x[test], y[test], args.threads, args.trees, args.json, *settings)
    if args.limit > 0:
        scale = np.float32(1 / 255)
        xf = idx(FASHION / "train-images-idx3-ubyte.gz")[: args.limit].reshape(-1, 784).astype(np.float32) * scale
        yf = idx(FASHION / "train-labels-idx1-ubyte.gz")[: args.limit]
        xt = idx(FASHION / "t10k-images-idx3-ubyte.gz")[: args.test_limit].reshape(-1, 784).astype(np.float32) * scale
        yt = idx(FASHION / "t10k-labels-idx1-ubyte.gz")[: args.test_limit]
        measure("forest fashion-mnist", xf, yf, xt, yt, args.threads, args.trees, args.json, *settings)


if __name__ == "__main__":
    main()
