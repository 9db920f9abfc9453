#!/usr/bin/env python3
"""PyTorch's side of `aprendiz bench cnn`: LeNet-5 training steps, same network, batch, optimizer and output.

    /work/venv/bin/python Benchmarks/pytorch_cnn.py [--threads N] [--json]

The network is Aprendiz's `lenet5` (Sources/AprendizNN/Models/LeNet5.swift) in torch.nn: conv 6@5x5 same,
ReLU, max-pool 2, conv 16@5x5 valid, ReLU, max-pool 2, flatten, dense 120, ReLU, dense 84, ReLU, dense 10.
One step: forward, cross-entropy on random labels, backward, Adam (lr 1e-3), zero_grad; batch 64 of random
28x28x1 images (PyTorch's native NCHW layout). An epoch is 10 000 samples (156 steps of 64); the figure
is the median of 3 timed epochs after a warm-up epoch, in samples per second.
"""
import argparse
import json
import os
import time

import torch
import torch.nn as nn

BATCH, EPOCH_SAMPLES, REPEATS = 64, 10_000, 3


def lenet5():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding="same"), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def training_samples_per_second(model, threads, epoch_samples=EPOCH_SAMPLES, repeats=REPEATS):
    """Median samples/s of `model`'s training steps (forward, cross-entropy on random labels, backward, Adam lr 1e-3)
    on batches of 64 random 1x28x28 images, with `threads` threads: `repeats` timed epochs of `epoch_samples` after a
    warm-up epoch (also used by pytorch_resnet.py)."""
    torch.set_num_threads(threads)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_function = nn.CrossEntropyLoss()
    steps = epoch_samples // BATCH
    images = torch.rand(steps, BATCH, 1, 28, 28)
    labels = torch.randint(0, 10, (steps, BATCH))

    def epoch():
        for s in range(steps):
            optimizer.zero_grad()
            loss_function(model(images[s]), labels[s]).backward()
            optimizer.step()

    epoch()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        epoch()
        times.append(time.perf_counter() - start)
    return steps * BATCH / sorted(times)[repeats // 2]


def samples_per_second(threads):
    """Median samples/s of LeNet-5 training steps with `threads` threads (also used by pytorch_reference.py)."""
    torch.manual_seed(1)
    return training_samples_per_second(lenet5(), threads)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    fields = {"workload": "lenet5 train batch=64", "threads": args.threads, "backend": "PyTorch " + torch.__version__,
              "samples_per_second": samples_per_second(args.threads)}
    if args.json:
        print(json.dumps(fields, sort_keys=True))
    else:
        print(f"{fields['workload']:<28} {fields['samples_per_second']:10.0f} samples/s  "
              f"[{args.threads} threads, {fields['backend']}]")


if __name__ == "__main__":
    main()
