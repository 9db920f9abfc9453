#!/usr/bin/env python3
"""PyTorch's side of `aprendiz train-vit`: the same ViT, data, schedule and hyper-parameters on Fashion-MNIST.

    /work/venv/bin/python Benchmarks/pytorch_vit_train.py [--epochs 8 --batch-size 128 --width 64 --heads 4 --layers 4
        --dropout 0.1 --learning-rate 1e-3 --weight-decay 0.05 --warmup 1 --augment --threads 2 --data DIR]

As TrainVisionTransformerCommand: pixels / 255 (NHWC in the file, NCHW here); 7×7 patches by nn.Conv2d(1, D, 7,
stride 7), a class token and learned positions (N(0, 0.02²)), pre-norm GELU nn.TransformerEncoderLayer blocks
(F = 2D, ε = 1e-6, dropout), final LayerNorm, linear head on the class token; AdamW (β 0.9/0.999, ε 1e-8,
decoupled weight decay), gradient norm clipped to 1, learning rate warmed up linearly over the first --warmup epochs
(per step) then cosine to 0 at the last step; each epoch a fresh shuffle; --augment: a random shift of ±2 pixels
(zero fill) and a horizontal flip with probability ½. The random streams are PyTorch's own, so the accuracies of
the two implementations are compared as numbers. Prints the test accuracy after every epoch.
"""
import argparse
import gzip
import math
import pathlib
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def idx(path):
    data = gzip.open(path).read() if str(path).endswith(".gz") else open(path, "rb").read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(folder, prefix):
    folder = pathlib.Path(folder)
    find = lambda base: next(p for p in (folder / base, folder / (base + ".gz")) if p.exists())
    images = torch.tensor(idx(find(f"{prefix}-images-idx3-ubyte")), dtype=torch.float32)[:, None] / 255
    return images, torch.tensor(idx(find(f"{prefix}-labels-idx1-ubyte")), dtype=torch.long)


class ViT(nn.Module):
    def __init__(self, width, heads, layers, dropout, patch=7, image=28, classes=10):
        super().__init__()
        tokens = (image // patch) ** 2 + 1
        self.patch_embedding = nn.Conv2d(1, width, patch, stride=patch)
        self.cls_token = nn.Parameter(torch.randn(1, 1, width) * 0.02)
        self.positions = nn.Parameter(torch.randn(tokens, width) * 0.02)
        self.dropout = nn.Dropout(dropout)
        self.blocks = nn.ModuleList(nn.TransformerEncoderLayer(width, heads, 2 * width, dropout=dropout, activation="gelu",
                                                               batch_first=True, norm_first=True, layer_norm_eps=1e-6)
                                    for _ in range(layers))
        self.norm = nn.LayerNorm(width, eps=1e-6)
        self.head = nn.Linear(width, classes)

    def forward(self, x):
        x = self.patch_embedding(x).flatten(2).transpose(1, 2)
        h = self.dropout(torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1) + self.positions)
        for block in self.blocks:
            h = block(h)
        return self.head(self.norm(h)[:, 0])


def augment(images):
    n = images.shape[0]
    padded = F.pad(images, (2, 2, 2, 2))
    dy, dx = torch.randint(0, 5, (n,)), torch.randint(0, 5, (n,))
    out = torch.stack([padded[i, :, dy[i]:dy[i] + 28, dx[i]:dx[i] + 28] for i in range(n)])
    flip = torch.rand(n) < 0.5
    out[flip] = out[flip].flip(-1)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--width", type=int, default=64)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--weight-decay", type=float, default=0.05)
    parser.add_argument("--warmup", type=float, default=1)
    parser.add_argument("--augment", action="store_true")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train_x, train_y = load(args.data, "train")
    test_x, test_y = load(args.data, "t10k")
    model = ViT(args.width, args.heads, args.layers, args.dropout)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.learning_rate, weight_decay=args.weight_decay)
    per_epoch = math.ceil(len(train_x) / args.batch_size)
    total, warm = per_epoch * args.epochs, max(1, int(args.warmup * per_epoch))
    rate = lambda t: (t + 1) / warm if t < warm else 0.5 * (1 + math.cos(math.pi * min(t - warm, total - warm) / max(1, total - warm)))
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, rate)
    print(f"{sum(p.numel() for p in model.parameters())} parameters, {total} steps")
    start = time.time()
    for epoch in range(1, args.epochs + 1):
        model.train()
        order, loss_sum = torch.randperm(len(train_x)), 0.0
        for first in range(0, len(train_x), args.batch_size):
            rows = order[first:first + args.batch_size]
            images = augment(train_x[rows]) if args.augment else train_x[rows]
            loss = F.cross_entropy(model(images), train_y[rows])
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            loss_sum += loss.item()
        model.eval()
        with torch.no_grad():
            correct = sum((model(test_x[i:i + 500]).argmax(1) == test_y[i:i + 500]).sum().item() for i in range(0, len(test_x), 500))
        print(f"epoch {epoch:3d}  training loss {loss_sum / per_epoch:.4f}  test accuracy {correct / len(test_x):.4f}  "
              f"({time.time() - start:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
