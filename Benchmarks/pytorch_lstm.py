#!/usr/bin/env python3
"""PyTorch's side of `aprendiz bench lstm`: character-level LSTM training steps, same model, batch and output.

    /work/venv/bin/python Benchmarks/pytorch_lstm.py [--threads N] [--json]

Model: nn.Embedding(65, 64), nn.LSTM(64, 256, batch_first=True), nn.Linear(256, 65) at every step. One step:
forward over 64 random sequences of 100 symbols, cross-entropy against the next symbols, backward, Adam
(lr 2e-3), zero_grad. The figure is the median of 3 timed rounds of 5 steps after a warm-up round, in
sequences per second.
"""
import argparse
import json
import os
import time

import torch
import torch.nn as nn

BATCH, STEPS, HIDDEN, SYMBOLS, ROUND, REPEATS = 64, 100, 256, 65, 5, 3


class CharLSTM(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(SYMBOLS, 64)
        self.lstm = nn.LSTM(64, HIDDEN, batch_first=True)
        self.output = nn.Linear(HIDDEN, SYMBOLS)

    def forward(self, x):
        return self.output(self.lstm(self.embedding(x))[0])


def samples_per_second(threads):
    """Median sequences/s of LSTM training steps with `threads` threads."""
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model = CharLSTM()
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    loss_function = nn.CrossEntropyLoss()
    sequences = torch.randint(0, SYMBOLS, (ROUND, BATCH, STEPS + 1))

    def round_():
        for s in range(ROUND):
            optimizer.zero_grad()
            logits = model(sequences[s, :, :STEPS])
            loss_function(logits.reshape(-1, SYMBOLS), sequences[s, :, 1:].reshape(-1)).backward()
            optimizer.step()

    round_()
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        round_()
        times.append(time.perf_counter() - start)
    return ROUND * BATCH / sorted(times)[REPEATS // 2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    fields = {"workload": "lstm train batch=64 t=100", "threads": args.threads,
              "backend": "PyTorch " + torch.__version__, "samples_per_second": samples_per_second(args.threads)}
    if args.json:
        print(json.dumps(fields, sort_keys=True))
    else:
        print(f"{fields['workload']:<28} {fields['samples_per_second']:10.1f} sequences/s  "
              f"[{args.threads} threads, {fields['backend']}]")


if __name__ == "__main__":
    main()
