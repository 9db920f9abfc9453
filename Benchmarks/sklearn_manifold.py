#!/usr/bin/env python3
"""t-SNE and UMAP on the first 5 000 Fashion-MNIST training images: scikit-learn 1.9's TSNE (n_jobs = threads)
and umap-learn's UMAP (first run in the process, numba compilation included), timed, with trustworthiness
(k = 10). Given the CSVs written by `aprendiz embed --format csv` (x,y,label), also scores those maps with the
same trustworthiness, so both sides are measured by one implementation.

    APRENDIZ_NUM_THREADS=2 aprendiz embed --method tsne --dataset fashion-mnist --limit 5000 --format csv --out tsne.csv
    /work/venv/bin/python Benchmarks/sklearn_manifold.py --threads 2 --ours-tsne tsne.csv --ours-umap umap.csv
"""
import argparse
import gzip
import json
import pathlib
import time

import numpy as np
from sklearn.manifold import TSNE, trustworthiness


def load_images(limit):
    for directory in [pathlib.Path("/usr/share/datasets/fashion-mnist"), pathlib.Path.home() / ".aprendiz/fashion-mnist"]:
        for name in ["train-images-idx3-ubyte.gz", "train-images-idx3-ubyte"]:
            path = directory / name
            if path.exists():
                raw = gzip.open(path).read() if name.endswith(".gz") else path.read_bytes()
                images = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(-1, 784)[:limit]
                return images.astype(np.float32) / 255
    raise SystemExit("Fashion-MNIST not found")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=5000)
    parser.add_argument("--ours-tsne")
    parser.add_argument("--ours-umap")
    args = parser.parse_args()
    x = load_images(args.limit)
    rows = []
    for name, path in [("aprendiz tsne", args.ours_tsne), ("aprendiz umap", args.ours_umap)]:
        if path:
            ours = np.loadtxt(path, delimiter=",", skiprows=1, usecols=(0, 1))
            rows.append({"name": name, "trustworthiness": trustworthiness(x, ours, n_neighbors=10)})
            print(json.dumps(rows[-1]), flush=True)
    start = time.perf_counter()
    tsne = TSNE(random_state=0, n_jobs=args.threads).fit_transform(x)
    rows.append({"name": "sklearn tsne", "seconds": time.perf_counter() - start,
                 "trustworthiness": trustworthiness(x, tsne, n_neighbors=10), "threads": args.threads})
    print(json.dumps(rows[-1]), flush=True)
    import umap
    start = time.perf_counter()
    embedding = umap.UMAP(random_state=0, n_jobs=args.threads).fit_transform(x)
    rows.append({"name": "umap-learn (first run)", "seconds": time.perf_counter() - start,
                 "trustworthiness": trustworthiness(x, embedding, n_neighbors=10), "threads": args.threads})
    print(json.dumps(rows[-1]), flush=True)


if __name__ == "__main__":
    main()
