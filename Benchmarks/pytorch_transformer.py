#!/usr/bin/env python3
"""PyTorch's side of `aprendiz bench transformer` and `aprendiz bench generate`: the same GPT, eager mode.

    /work/venv/bin/python Benchmarks/pytorch_transformer.py [--threads N] [--json] [--workload train|generate|both]

Model (as `BenchmarkGPT` in Sources/AprendizCLI/Transformer/BenchTransformerCommand.swift): 65 symbols, token
and learned positional embeddings, 4 pre-norm blocks (nn.MultiheadAttention with 4 heads, width 128,
feed-forward 512 with exact GELU), final LayerNorm, head tied to the token embedding, dropout 0.
- train: one step = forward on 32 windows of 128 random symbols, cross-entropy against the next symbols,
  backward, AdamW (lr 3e-4), zero_grad; median of --repeats (3) rounds of --steps (2) steps after a warm-up
  round; tokens/s.
- generate: greedy decoding of 200 tokens from a one-token prompt with a per-block key/value cache
  (context 256), under torch.no_grad(); median of --repeats (3) runs after a warm-up; tokens/s.
"""
import argparse
import json
import math
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

SYMBOLS, LAYERS, HEADS, WIDTH, BATCH, CONTEXT, REPEATS = 65, 4, 4, 128, 32, 128, 3


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm1, self.norm2 = nn.LayerNorm(WIDTH), nn.LayerNorm(WIDTH)
        self.attn = nn.MultiheadAttention(WIDTH, HEADS, batch_first=True)
        self.linear1, self.linear2 = nn.Linear(WIDTH, 4 * WIDTH), nn.Linear(4 * WIDTH, WIDTH)

    def forward(self, x, cache=None):
        h = self.norm1(x)
        if cache is None:
            length = x.shape[1]
            mask = torch.triu(torch.full((length, length), float("-inf")), 1)
            a = self.attn(h, h, h, attn_mask=mask, need_weights=False)[0]
        else:
            a = self.cached_attention(h, cache)
        x = x + a
        return x + self.linear2(F.gelu(self.linear1(self.norm2(x))))

    def cached_attention(self, h, cache):
        """One new position against the cached keys and values (in_proj/out_proj of the same module)."""
        b, length, _ = h.shape
        q, k, v = F.linear(h, self.attn.in_proj_weight, self.attn.in_proj_bias).split(WIDTH, dim=-1)
        heads = lambda t: t.view(b, length, HEADS, WIDTH // HEADS).transpose(1, 2)
        q, k, v = heads(q), heads(k), heads(v)
        if cache:
            k, v = torch.cat([cache[0], k], dim=2), torch.cat([cache[1], v], dim=2)
        cache[:] = [k, v]
        y = F.scaled_dot_product_attention(q, k, v, is_causal=length > 1)
        return self.attn.out_proj(y.transpose(1, 2).reshape(b, length, WIDTH))


class GPT(nn.Module):
    def __init__(self, context):
        super().__init__()
        self.tokens = nn.Embedding(SYMBOLS, WIDTH)
        self.positions = nn.Embedding(context, WIDTH)
        self.blocks = nn.ModuleList(Block() for _ in range(LAYERS))
        self.norm = nn.LayerNorm(WIDTH)

    def forward(self, x, offset=0, caches=None):
        h = self.tokens(x) + self.positions(torch.arange(offset, offset + x.shape[1]))
        for i, block in enumerate(self.blocks):
            h = block(h, None if caches is None else caches[i])
        return self.norm(h) @ self.tokens.weight.T


def median_seconds(body, repeats=REPEATS):
    body()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return sorted(times)[repeats // 2]


def train_tokens_per_second(steps=2, repeats=REPEATS):
    torch.manual_seed(1)
    model = GPT(CONTEXT)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
    windows = torch.randint(0, SYMBOLS, (BATCH, CONTEXT + 1))

    def round_():
        for _ in range(steps):
            optimizer.zero_grad()
            logits = model(windows[:, :CONTEXT])
            F.cross_entropy(logits.reshape(-1, SYMBOLS), windows[:, 1:].reshape(-1)).backward()
            optimizer.step()

    return steps * BATCH * CONTEXT / median_seconds(round_, repeats)


def generate_tokens_per_second(tokens=200, repeats=REPEATS):
    torch.manual_seed(1)
    model = GPT(256).eval()

    @torch.no_grad()
    def run():
        caches = [[] for _ in range(LAYERS)]
        sequence = [0]
        pending = torch.tensor([[0]])
        for _ in range(tokens):
            logits = model(pending, offset=len(sequence) - pending.shape[1], caches=caches)
            token = int(logits[0, -1].argmax())
            sequence.append(token)
            pending = torch.tensor([[token]])
        return sequence

    return tokens / median_seconds(run, repeats)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--repeats", type=int, default=REPEATS)
    parser.add_argument("--steps", type=int, default=2, help="training steps per timed round")
    parser.add_argument("--workload", choices=["train", "generate", "both"], default="both")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    rows = []
    if args.workload in ("train", "both"):
        rows.append(("gpt train b=32 t=128 tokens", train_tokens_per_second(args.steps, args.repeats)))
    if args.workload in ("generate", "both"):
        rows.append(("gpt generate 200 tokens", generate_tokens_per_second(repeats=args.repeats)))
    for workload, rate in rows:
        fields = {"workload": workload, "threads": args.threads, "backend": "PyTorch " + torch.__version__,
                  "samples_per_second": rate}
        if args.json:
            print(json.dumps(fields, sort_keys=True))
        else:
            print(f"{workload:<28} {rate:10.0f} tokens/s  [{args.threads} threads, {fields['backend']}]")


if __name__ == "__main__":
    main()
