#!/usr/bin/env python3
"""PyTorch's side of the memory comparison (Benchmarks/memory.sh): the Fashion-MNIST MLP run of

    aprendiz train --dataset fashion-mnist --model mlp --hidden 256,128 --epochs 5 --batch-size 64

in torch.nn, as close as the two libraries allow: the 60 000 training images (Debian's
dataset-fashion-mnist, /usr/share/datasets/fashion-mnist) scaled to [0, 1] and standardised per pixel with
the statistics of the 54 000 kept for training (10 % held out for validation, evaluated after every
epoch), a 784-256-128-10 ReLU network, softmax cross-entropy, Adam (lr 1e-3), batch 64, shuffled every
epoch; then the test accuracy. Prints one JSON line: test accuracy, seconds, threads.

    /work/venv/bin/python Benchmarks/pytorch_fashion_mlp.py [--threads N] [--epochs 5]
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn

ROOT = os.environ.get("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist")


def idx(name):
    with gzip.open(os.path.join(ROOT, name)) as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--epochs", type=int, default=5)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    x = idx("train-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255
    y = idx("train-labels-idx1-ubyte.gz").astype(np.int64)
    x_test = idx("t10k-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255
    y_test = idx("t10k-labels-idx1-ubyte.gz").astype(np.int64)
    order = rng.permutation(len(x))
    keep, held = order[: len(x) * 9 // 10], order[len(x) * 9 // 10:]
    mean, std = x[keep].mean(0), x[keep].std(0) + 1e-7
    normalise = lambda a: torch.from_numpy((a - mean) / std)
    train_x, train_y = normalise(x[keep]), torch.from_numpy(y[keep])
    val_x, val_y = normalise(x[held]), torch.from_numpy(y[held])
    test_x, test_y = normalise(x_test), torch.from_numpy(y_test)

    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_function = nn.CrossEntropyLoss()
    start = time.perf_counter()
    for _ in range(args.epochs):
        model.train()
        permutation = torch.randperm(len(train_x))
        for i in range(0, len(train_x), 64):
            batch = permutation[i:i + 64]
            loss = loss_function(model(train_x[batch]), train_y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            loss_function(model(val_x), val_y).item()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        accuracy = (model(test_x).argmax(1) == test_y).float().mean().item()
    print(json.dumps({"workload": "fashion-mnist mlp 5 epochs", "test_accuracy": accuracy, "seconds": seconds,
                      "threads": args.threads, "backend": f"PyTorch {torch.__version__}"}))


if __name__ == "__main__":
    main()
