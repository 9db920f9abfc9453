#!/usr/bin/env python3
"""t-SNE and UMAP on the first 5 000 Fashion-MNIST training images: scikit-learn 1.9's TSNE and umap-learn's UMAP
(first run in its process, numba compilation included) against `aprendiz bench tsne|umap`, alternated.

With --aprendiz BINARY, each round runs, for each method, `aprendiz bench <method> --json --threads T --limit N
--output map.csv` and right after it the reference in a fresh Python process (`--side <method>`: threadpoolctl
limits OpenMP/BLAS to T threads, n_jobs = T, random_state 0), so both sides of a pair see the same load. Both
maps are scored here with scikit-learn's trustworthiness (k = 10), so one implementation measures both. Prints
one JSON line per run (wall-clock and CPU seconds — user + system of all threads, the steadier figure on a
loaded machine), then one summary line per method: median seconds of each side, their ratio (reference /
aprendiz) overall and per round, the same for CPU seconds, median trustworthiness, and the load average
(os.getloadavg) before and after.

    swift build -c release --product aprendiz
    /work/venv/bin/python Benchmarks/sklearn_manifold.py --aprendiz .build/release/aprendiz --threads 2 --rounds 3

Without --aprendiz: one reference run per method; --ours-tsne/--ours-umap score CSVs written by
`aprendiz embed --format csv` (x,y,label).
"""
import argparse
import gzip
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
from sklearn.manifold import trustworthiness


def load_images(limit):
    for directory in [pathlib.Path("/usr/share/datasets/fashion-mnist"), pathlib.Path.home() / ".aprendiz/fashion-mnist"]:
        for name in ["train-images-idx3-ubyte.gz", "train-images-idx3-ubyte"]:
            path = directory / name
            if path.exists():
                raw = gzip.open(path).read() if name.endswith(".gz") else path.read_bytes()
                images = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(-1, 784)[:limit]
                return images.astype(np.float32) / 255
    raise SystemExit("Fashion-MNIST not found")


def reference_side(method, threads, limit):
    """One reference fit in this (fresh) process; returns its seconds and the map."""
    from threadpoolctl import threadpool_limits
    x = load_images(limit)
    with threadpool_limits(limits=threads):
        if method == "tsne":
            from sklearn.manifold import TSNE
            start, cpu = time.perf_counter(), time.process_time()
            embedding = TSNE(random_state=0, n_jobs=threads).fit_transform(x)
        else:
            import umap
            start, cpu = time.perf_counter(), time.process_time()
            embedding = umap.UMAP(random_state=0, n_jobs=threads).fit_transform(x)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return seconds, cpu, embedding


def score(x, path):
    return trustworthiness(x, np.loadtxt(path, delimiter=",", skiprows=1, usecols=(0, 1)), n_neighbors=10)


def alternate(args):
    x = load_images(args.limit)
    load_before = os.getloadavg()
    runs = {}
    with tempfile.TemporaryDirectory() as directory:
        for round_index in range(args.rounds):
            for method in args.methods.split(","):
                ours_path, theirs_path = f"{directory}/ours.csv", f"{directory}/theirs.csv"
                output = subprocess.run([args.aprendiz, "bench", method, "--json", "--threads", str(args.threads),
                                         "--limit", str(args.limit), "--output", ours_path],
                                        check=True, capture_output=True, text=True).stdout
                ours = json.loads(output.strip().splitlines()[-1])
                row = {"round": round_index, "name": f"aprendiz {method}", "seconds": ours["seconds"],
                       "cpu_seconds": ours["cpu_seconds"], "trustworthiness": score(x, ours_path), "threads": args.threads}
                print(json.dumps(row), flush=True)
                runs.setdefault(method, ([], []))[0].append(row)
                output = subprocess.run([sys.executable, __file__, "--side", method, "--threads", str(args.threads),
                                         "--limit", str(args.limit), "--side-output", theirs_path],
                                        check=True, capture_output=True, text=True).stdout
                theirs = json.loads(output.strip().splitlines()[-1])
                row = {"round": round_index, "name": "sklearn tsne" if method == "tsne" else "umap-learn (fresh process)",
                       "seconds": theirs["seconds"], "cpu_seconds": theirs["cpu_seconds"], "trustworthiness": score(x, theirs_path), "threads": args.threads}
                print(json.dumps(row), flush=True)
                runs[method][1].append(row)
    load_after = os.getloadavg()
    for method, (ours, theirs) in runs.items():
        a = statistics.median(r["seconds"] for r in ours)
        b = statistics.median(r["seconds"] for r in theirs)
        a_cpu = statistics.median(r["cpu_seconds"] for r in ours)
        b_cpu = statistics.median(r["cpu_seconds"] for r in theirs)
        print(json.dumps({"summary": method, "rounds": len(ours), "threads": args.threads, "points": args.limit,
                          "aprendiz_median_seconds": a, "reference_median_seconds": b, "speedup": b / a,
                          "per_round_speedups": [t["seconds"] / o["seconds"] for o, t in zip(ours, theirs)],
                          "aprendiz_median_cpu_seconds": a_cpu, "reference_median_cpu_seconds": b_cpu, "cpu_ratio": b_cpu / a_cpu,
                          "aprendiz_trustworthiness": statistics.median(r["trustworthiness"] for r in ours),
                          "reference_trustworthiness": statistics.median(r["trustworthiness"] for r in theirs),
                          "load_before": load_before, "load_after": load_after}), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=5000)
    parser.add_argument("--aprendiz", type=os.path.abspath, help="the aprendiz binary: alternate with it")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--methods", default="tsne,umap")
    parser.add_argument("--side", choices=["tsne", "umap"], help=argparse.SUPPRESS)
    parser.add_argument("--side-output", help=argparse.SUPPRESS)
    parser.add_argument("--ours-tsne")
    parser.add_argument("--ours-umap")
    args = parser.parse_args()
    if args.side:
        seconds, cpu, embedding = reference_side(args.side, args.threads, args.limit)
        np.savetxt(args.side_output, embedding, delimiter=",", header="x,y", comments="")
        print(json.dumps({"seconds": seconds, "cpu_seconds": cpu}))
        return
    if args.aprendiz:
        alternate(args)
        return
    x = load_images(args.limit)
    for name, path in [("aprendiz tsne", args.ours_tsne), ("aprendiz umap", args.ours_umap)]:
        if path:
            print(json.dumps({"name": name, "trustworthiness": score(x, path)}), flush=True)
    for method in args.methods.split(","):
        seconds, cpu, embedding = reference_side(method, args.threads, args.limit)
        print(json.dumps({"name": "sklearn tsne" if method == "tsne" else "umap-learn (first run)", "seconds": seconds, "cpu_seconds": cpu,
                          "trustworthiness": trustworthiness(x, embedding, n_neighbors=10), "threads": args.threads}), flush=True)


if __name__ == "__main__":
    main()
