#!/usr/bin/env python3
"""PyTorch's side of `aprendiz explain short-term-memory` (§23.5): the same recall task and settings (K signal and K
distractor symbols, one-hot; the signal at step 0; nn.RNN/LSTM/GRU → nn.Linear on the last state; Adam, eps 1e-7,
gradient norm clipped to 1; the LSTM forget-gate / GRU update-gate input bias + GATE_BIAS). Prints the accuracy on
1 024 new sequences per lag, cell and seed. Its random sequences and weights come from NumPy and torch, not from
Aprendiz's generator, so single runs differ; the outcome (who learns which lag) is what to compare.

With --gradients it also prints ‖∂L/∂h_t‖ at initialisation for the longest lag (the states unrolled with
nn.RNNCell/LSTMCell/GRUCell on the layer's weights, `retain_grad()` on each h_t; mean over 32 sequences of the
norms), as the Aprendiz command does.

    /work/venv/bin/python Benchmarks/pytorch_short_term_memory.py [--lags 5,10,20,40,80] [--seeds 1,2] [--lr 0.003]
        [--gate-bias 3] [--steps 300] [--hidden 32] [--cells rnn,lstm,gru] [--gradients]
"""
import argparse

import numpy as np
import torch

p = argparse.ArgumentParser()
p.add_argument("--lags", default="5,10,20,40,80"); p.add_argument("--seeds", default="1,2")
p.add_argument("--cells", default="rnn,lstm,gru"); p.add_argument("--lr", type=float, default=0.003)
p.add_argument("--gate-bias", type=float, default=3); p.add_argument("--steps", type=int, default=300)
p.add_argument("--hidden", type=int, default=32); p.add_argument("--batch", type=int, default=32)
p.add_argument("--symbols", type=int, default=4); p.add_argument("--gradients", action="store_true")
a = p.parse_args()
K, H = a.symbols, a.hidden
torch.set_num_threads(1)
layers = {"lstm": (torch.nn.LSTM, torch.nn.LSTMCell), "gru": (torch.nn.GRU, torch.nn.GRUCell), "rnn": (torch.nn.RNN, torch.nn.RNNCell)}


def model(cell, seed):
    torch.manual_seed(seed)
    net, head = layers[cell][0](2 * K, H, batch_first=True), torch.nn.Linear(H, K)
    if cell != "rnn":
        with torch.no_grad(): net.bias_ih_l0[H:2 * H] += a.gate_bias
    return net, head


def batch(rng, n, lag):
    sig = rng.integers(0, K, n); x = np.zeros((n, lag, 2 * K), np.float32)
    x[np.arange(n), 0, sig] = 1
    for t in range(1, lag): x[np.arange(n), t, K + rng.integers(0, K, n)] = 1
    return torch.tensor(x), torch.tensor(sig)


def train(cell, lag, seed):
    net, head = model(cell, seed); rng = np.random.default_rng(seed)
    params = list(net.parameters()) + list(head.parameters())
    opt = torch.optim.Adam(params, lr=a.lr, eps=1e-7)
    for _ in range(a.steps):
        x, y = batch(rng, a.batch, lag); opt.zero_grad()
        out, _ = net(x); torch.nn.functional.cross_entropy(head(out[:, -1]), y).backward()
        torch.nn.utils.clip_grad_norm_(params, 1); opt.step()
    x, y = batch(rng, 1024, lag)
    with torch.no_grad(): out, _ = net(x); return (head(out[:, -1]).argmax(1) == y).float().mean().item()


def hidden_gradient_norms(cell, lag, seed):
    net, head = model(cell, seed); step = layers[cell][1](2 * K, H)
    with torch.no_grad():
        for name in ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]: getattr(step, name).copy_(getattr(net, name + "_l0"))
    x, y = batch(np.random.default_rng(seed + 3), a.batch, lag)
    h = torch.zeros(a.batch, H); c = torch.zeros(a.batch, H); states = []
    for t in range(lag):
        if cell == "lstm": h, c = step(x[:, t], (h, c))
        else: h = step(x[:, t], h)
        h.retain_grad(); states.append(h)
    torch.nn.functional.cross_entropy(head(h), y).backward()
    return [s.grad.norm(dim=1).mean().item() for s in states]


lags, seeds, cells = [int(v) for v in a.lags.split(",")], [int(v) for v in a.seeds.split(",")], a.cells.split(",")
print(f"K {K}, H {H}, {a.steps} Adam steps (lr {a.lr}) of {a.batch}, gate bias {a.gate_bias}; accuracy for seeds {a.seeds}")
print("  lag  " + "".join(c.ljust(6 * len(seeds) + 2) for c in cells))
for lag in lags:
    print(f"{lag:5d}  " + "".join("".join(f"{train(c, lag, s):.2f}  " for s in seeds) + "  " for c in cells), flush=True)
if a.gradients:
    T = max(lags); norms = [hidden_gradient_norms(c, T, seeds[0]) for c in cells]
    print(f"‖∂L/∂h_t‖ at initialisation, lag {T}, seed {seeds[0]}:")
    for t in sorted({0, T // 4, T // 2, 3 * T // 4, T - 1}):
        print(f"{t:5d}  " + "".join(f"{n[t]:<12.3e}" for n in norms))
