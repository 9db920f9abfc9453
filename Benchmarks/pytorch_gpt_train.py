#!/usr/bin/env python3
"""PyTorch's side of `aprendiz train-lm`: the same character GPT, data, split and hyper-parameters.

    /work/venv/bin/python Benchmarks/pytorch_gpt_train.py --text FILE [--steps 300 --batch-size 16 --context 64
        --width 64 --heads 4 --layers 2 --dropout 0.1 --learning-rate 1e-3 --eval-batches 8 --threads 1]

As TrainLanguageModelCommand: vocabulary = the text's distinct characters sorted by code point; the first
90 % of the symbols train, the last 10 % validate; each step draws random windows, computes the mean
next-character cross-entropy, clips the gradient norm to 1 and takes an AdamW step (β 0.9/0.999, ε 1e-8,
weight decay 0.01); the model is token + learned positional embeddings (N(0, 0.02²)), pre-norm blocks
(nn.MultiheadAttention, GELU feed-forward 4E, dropout), final LayerNorm and a head tied to the token
embedding. The random streams (initial weights, windows) are PyTorch's own, so the validation losses of
the two implementations are compared as numbers, not bit for bit. Prints the final validation loss.
"""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, width, heads, dropout):
        super().__init__()
        self.norm1, self.norm2 = nn.LayerNorm(width), nn.LayerNorm(width)
        self.attn = nn.MultiheadAttention(width, heads, dropout=dropout, batch_first=True)
        self.linear1, self.linear2 = nn.Linear(width, 4 * width), nn.Linear(4 * width, width)
        self.dropout, self.dropout1, self.dropout2 = nn.Dropout(dropout), nn.Dropout(dropout), nn.Dropout(dropout)

    def forward(self, x):
        length = x.shape[1]
        mask = torch.triu(torch.full((length, length), float("-inf")), 1)
        h = self.norm1(x)
        x = x + self.dropout1(self.attn(h, h, h, attn_mask=mask, need_weights=False)[0])
        return x + self.dropout2(self.linear2(self.dropout(F.gelu(self.linear1(self.norm2(x))))))


class GPT(nn.Module):
    def __init__(self, symbols, context, width, heads, layers, dropout):
        super().__init__()
        self.tokens, self.positions = nn.Embedding(symbols, width), nn.Embedding(context, width)
        nn.init.normal_(self.tokens.weight, std=0.02)
        nn.init.normal_(self.positions.weight, std=0.02)
        self.dropout = nn.Dropout(dropout)
        self.blocks = nn.ModuleList(Block(width, heads, dropout) for _ in range(layers))
        self.norm = nn.LayerNorm(width)

    def forward(self, x):
        h = self.dropout(self.tokens(x) + self.positions.weight[: x.shape[1]])
        for block in self.blocks:
            h = block(h)
        return self.norm(h) @ self.tokens.weight.T


def windows(symbols, count, length, generator):
    starts = torch.randint(0, len(symbols) - length - 1, (count,), generator=generator)
    inputs = torch.stack([symbols[s:s + length] for s in starts])
    targets = torch.stack([symbols[s + 1:s + length + 1] for s in starts])
    return inputs, targets


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--text", required=True)
    for name, default in [("steps", 300), ("batch-size", 16), ("context", 64), ("width", 64), ("heads", 4), ("layers", 2),
                          ("eval-batches", 8), ("threads", 1), ("seed", 0)]:
        p.add_argument("--" + name, type=int, default=default)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--learning-rate", type=float, default=1e-3)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    text = open(a.text, encoding="utf-8").read()
    vocabulary = sorted(set(text))
    index = {c: i for i, c in enumerate(vocabulary)}
    symbols = torch.tensor([index[c] for c in text])
    split = len(symbols) * 9 // 10
    train, validation = symbols[:split], symbols[split:]
    model = GPT(len(vocabulary), a.context, a.width, a.heads, a.layers, a.dropout)
    optimizer = torch.optim.AdamW(model.parameters(), lr=a.learning_rate, weight_decay=0.01)
    evaluation = torch.Generator().manual_seed(a.seed + 1)
    eval_set = [windows(validation, a.batch_size, a.context, evaluation) for _ in range(a.eval_batches)]
    generator = torch.Generator().manual_seed(a.seed)
    start = time.perf_counter()
    for step in range(1, a.steps + 1):
        x, y = windows(train, a.batch_size, a.context, generator)
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x).reshape(-1, len(vocabulary)), y.reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
    model.eval()
    with torch.no_grad():
        validation_loss = sum(F.cross_entropy(model(x).reshape(-1, len(vocabulary)), y.reshape(-1)).item()
                              for x, y in eval_set) / len(eval_set)
    print(f"step {a.steps}  train {loss.item():.4f}  validation {validation_loss:.4f}  "
          f"({time.perf_counter() - start:.0f} s, {len(vocabulary)} characters)")


if __name__ == "__main__":
    main()
