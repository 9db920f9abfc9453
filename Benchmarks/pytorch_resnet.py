#!/usr/bin/env python3
"""PyTorch's side of `aprendiz bench resnet`: the small ResNet's training steps, same network, batch, optimizer and output.

    /work/venv/bin/python Benchmarks/pytorch_resnet.py [--threads N] [--width 16] [--repeats 3] [--json]

The network is Aprendiz's `Sequential.smallResNet` (Sources/AprendizNN/Models/SmallResNet.swift) in torch.nn:
conv 3x3 w (no bias) -> BatchNorm -> ReLU -> basic block w->w -> basic block w->2w stride 2 -> basic block
2w->4w stride 2 -> global average pooling -> Linear 4w->10, where a basic block is conv 3x3 -> BN -> ReLU -> conv 3x3
-> BN plus the identity, or a 1x1 stride-s conv -> BN projection when the shape changes, then ReLU.
One step: forward in training mode, cross-entropy on random labels, backward, Adam (lr 1e-3), zero_grad; batch 64
of random 28x28x1 images (PyTorch's native NCHW layout). An epoch is 2 048 samples (32 steps); the figure is the
median of --repeats timed epochs after a warm-up epoch, in samples per second.
"""
import argparse
import json
import os

import torch
import torch.nn as nn

import pytorch_cnn

EPOCH_SAMPLES = 2_048


class BasicBlock(nn.Module):
    def __init__(self, inputs, outputs, stride=1):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(inputs, outputs, 3, stride=stride, padding=1, bias=False), nn.BatchNorm2d(outputs), nn.ReLU(),
            nn.Conv2d(outputs, outputs, 3, padding=1, bias=False), nn.BatchNorm2d(outputs))
        self.shortcut = (nn.Sequential(nn.Conv2d(inputs, outputs, 1, stride=stride, bias=False), nn.BatchNorm2d(outputs))
                         if stride != 1 or inputs != outputs else nn.Identity())

    def forward(self, x):
        return torch.relu(self.main(x) + self.shortcut(x))


def small_resnet(width=16, classes=10):
    return nn.Sequential(
        nn.Conv2d(1, width, 3, padding=1, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
        BasicBlock(width, width), BasicBlock(width, 2 * width, 2), BasicBlock(2 * width, 4 * width, 2),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4 * width, classes))


def samples_per_second(threads, width, repeats):
    """Median samples/s of the small ResNet's training steps with `threads` threads."""
    torch.manual_seed(1)
    return pytorch_cnn.training_samples_per_second(small_resnet(width), threads, EPOCH_SAMPLES, repeats)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--width", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    fields = {"workload": f"resnet w={args.width} train batch=64", "threads": args.threads,
              "backend": "PyTorch " + torch.__version__,
              "samples_per_second": samples_per_second(args.threads, args.width, args.repeats)}
    if args.json:
        print(json.dumps(fields, sort_keys=True))
    else:
        print(f"{fields['workload']:<28} {fields['samples_per_second']:10.0f} samples/s  "
              f"[{args.threads} threads, {fields['backend']}]")


if __name__ == "__main__":
    main()
