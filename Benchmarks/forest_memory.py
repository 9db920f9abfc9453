#!/usr/bin/env python3
"""Memory of a fitted random forest: the model file and the process's peak resident size, Aprendiz against
scikit-learn, for the same forest (100 trees, Fashion-MNIST's first --limit training images, pixels / 255).

    /work/venv/bin/python Benchmarks/forest_memory.py [--limit 10000] [--trees 100] [--threads 1]
                                                      [--aprendiz .build/release/aprendiz] [--only aprendiz|scikit-learn]

Each side runs in its own child process, so its peak resident size (ru_maxrss from wait4) is its own:
- Aprendiz: `aprendiz bench forest --limit N --trees T --threads X --save FILE` (also fits the small digits
  forest first); the file is the safetensors model (float32 arrays per node: feature, threshold, children,
  value, impurity, samples).
- scikit-learn: RandomForestClassifier(n_estimators=T, n_jobs=X, random_state=0).fit, then pickle.dump
  (protocol 5) of the fitted model; the file is the pickle.
Prints one JSON line per side: model file bytes, node count, peak resident MiB.
"""
import argparse
import gzip
import json
import os
import pathlib
import pickle
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
FASHION = pathlib.Path(os.environ.get("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist"))


def sklearn_side(limit, trees, threads, path):
    import numpy as np
    from sklearn import ensemble

    def idx(name, offset):
        with gzip.open(FASHION / name) as f:
            return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)

    x = (idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 784)[:limit] / np.float32(255)).astype(np.float32)
    y = idx("train-labels-idx1-ubyte.gz", 8)[:limit]
    model = ensemble.RandomForestClassifier(n_estimators=trees, n_jobs=threads, random_state=0).fit(x, y)
    with open(path, "wb") as f:
        pickle.dump(model, f, protocol=5)
    print(json.dumps({"nodes": int(sum(t.tree_.node_count for t in model.estimators_))}))


def run(command):
    """Runs `command`; returns (stdout, peak resident MiB of that child)."""
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"{' '.join(command)} failed with status {child.returncode}")
    return out, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=10000)
    parser.add_argument("--trees", type=int, default=100)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--aprendiz", default=str(ROOT / ".build/release/aprendiz"))
    parser.add_argument("--only", choices=["aprendiz", "scikit-learn"], help="measure one side only")
    parser.add_argument("--sklearn-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sklearn_child:
        sklearn_side(args.limit, args.trees, args.threads, args.sklearn_child)
        return
    with tempfile.TemporaryDirectory() as folder:
        if args.only != "scikit-learn":
            aprendiz_side(args, folder)
        if args.only != "aprendiz":
            sklearn_parent_side(args, folder)


def aprendiz_side(args, folder):
    """`aprendiz bench forest … --save`: model file bytes, nodes, peak resident MiB."""
    ours = os.path.join(folder, "forest.safetensors")
    _, rss = run([args.aprendiz, "bench", "forest", "--limit", str(args.limit), "--trees", str(args.trees),
                  "--threads", str(args.threads), "--save", ours])
    with open(ours, "rb") as f:
        header = json.loads(f.read(int.from_bytes(f.read(8), "little")))
    nodes = header["feature"]["shape"][0]
    print(json.dumps({"side": "aprendiz", "limit": args.limit, "trees": args.trees, "nodes": nodes,
                      "file_bytes": os.path.getsize(ours), "bytes_per_node": os.path.getsize(ours) / nodes,
                      "peak_rss_mib": round(rss, 1)}))


def sklearn_parent_side(args, folder):
    """This script as a scikit-learn child: pickle bytes, nodes, peak resident MiB."""
    theirs = os.path.join(folder, "forest.pickle")
    out, rss = run([sys.executable, __file__, "--limit", str(args.limit), "--trees", str(args.trees),
                    "--threads", str(args.threads), "--sklearn-child", theirs])
    nodes = json.loads(out.strip().splitlines()[-1])["nodes"]
    print(json.dumps({"side": "scikit-learn", "limit": args.limit, "trees": args.trees, "nodes": nodes,
                      "file_bytes": os.path.getsize(theirs), "bytes_per_node": os.path.getsize(theirs) / nodes,
                      "peak_rss_mib": round(rss, 1)}))


if __name__ == "__main__":
    main()
