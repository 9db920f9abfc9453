#!/usr/bin/env python3
"""PyTorch's side of `aprendiz bench mlp|cnn|infer|gemm|all`: the same workloads, flags and JSON output.

    python Benchmarks/pytorch_reference.py mlp|cnn|infer|gemm|all [--threads N] [--batch-size B]
                                          [--optimizer adam|sgd] [--json]

Workloads (identical to Sources/AprendizCLI/Commands/BenchMLPCommand.swift):
- mlp: MLP 784-256-128-10 with ReLU, softmax cross-entropy on logits, Adam (lr 1e-3) or SGD with
  momentum 0.9 (lr 0.01); one warm-up epoch then the median of 3 timed epochs over 20 000 random
  samples (uniform [0, 1) features, uniform labels), shuffled each epoch -> samples per second.
- infer: the same MLP in eval mode under torch.no_grad(), one sample per call: 1 000 warm-up calls,
  then the median per-call time of 10 000 calls (timed in 10 blocks of 1 000) -> microseconds.
- gemm: float32 n x n matmul (torch.mm) for n = 256..2048 -> GFLOP/s.
- cnn: LeNet-5 training steps, from Benchmarks/pytorch_cnn.py.
- all: as `aprendiz bench all` — mlp at batch 64 and 256 with Adam and SGD, cnn, infer, gemm n = 1024.
"""
import argparse
import json
import time

import torch
from torch import nn

import pytorch_cnn


def emit(args, workload, **fields):
    fields.update(workload=workload, threads=args.threads, backend=f"PyTorch {torch.__version__}")
    if args.json:
        print(json.dumps(fields, sort_keys=True), flush=True)
    else:
        figure = ", ".join(f"{k}={v:.2f}" for k, v in fields.items() if isinstance(v, float))
        print(f"{workload:<28} {figure}  [{args.threads} threads, {fields['backend']}]", flush=True)


def mlp():
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))


def bench_mlp(args, batch_size, optimizer_name):
    torch.manual_seed(0)
    n = 20_000
    x = torch.rand(n, 784)
    y = torch.randint(0, 10, (n,))
    model = mlp()
    if optimizer_name == "adam":
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    else:
        optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    b = batch_size

    def epoch():
        order = torch.randperm(n)
        for start in range(0, n - b + 1, b):
            index = order[start:start + b]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[index]), y[index])
            loss.backward()
            optimizer.step()

    epoch()
    times = []
    for _ in range(3):
        start = time.perf_counter()
        epoch()
        times.append(time.perf_counter() - start)
    samples = (n // b) * b
    emit(args, f"mlp batch={b} {optimizer_name}", samples_per_second=samples / sorted(times)[1])


def bench_infer(args):
    torch.manual_seed(0)
    model = mlp().eval()
    x = torch.rand(1, 784)
    with torch.no_grad():
        for _ in range(1000):
            model(x)
        blocks = []
        for _ in range(10):
            start = time.perf_counter()
            for _ in range(1000):
                model(x)
            blocks.append((time.perf_counter() - start) / 1000)
    emit(args, "infer mlp batch=1", microseconds=sorted(blocks)[5] * 1e6)


def bench_gemm(args, sizes=(256, 512, 1024, 2048)):
    for n in sizes:
        a, b = torch.rand(n, n), torch.rand(n, n)
        repeats = 21 if n <= 512 else (7 if n <= 1024 else 3)
        torch.mm(a, b)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            torch.mm(a, b)
            times.append(time.perf_counter() - start)
        emit(args, f"gemm n={n}", gflops=2 * n ** 3 / sorted(times)[repeats // 2] / 1e9)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("workload", choices=["mlp", "cnn", "infer", "gemm", "all"])
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--optimizer", choices=["adam", "sgd"], default="adam")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.workload == "mlp":
        bench_mlp(args, args.batch_size, args.optimizer)
    elif args.workload == "cnn":
        emit(args, "lenet5 train batch=64", samples_per_second=pytorch_cnn.samples_per_second(args.threads))
    elif args.workload == "infer":
        bench_infer(args)
    elif args.workload == "gemm":
        bench_gemm(args)
    else:
        for batch_size, optimizer_name in [(64, "adam"), (64, "sgd"), (256, "adam"), (256, "sgd")]:
            bench_mlp(args, batch_size, optimizer_name)
        emit(args, "lenet5 train batch=64", samples_per_second=pytorch_cnn.samples_per_second(args.threads))
        bench_infer(args)
        bench_gemm(args, sizes=(1024,))

if __name__ == "__main__":
    main()
