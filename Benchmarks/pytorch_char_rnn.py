#!/usr/bin/env python3
"""PyTorch's side of `aprendiz train --dataset book-text --model lstm|gru|rnn`: the same character-level
language model on the book's text, trained with the same hyper-parameters; prints the validation
cross-entropy to compare with ours (issue #19's target: ours within 2 %).

    /work/venv/bin/python Benchmarks/pytorch_char_rnn.py --cell lstm --hidden 256 --steps 1000 [--threads 2]

Same as `RecurrentLanguageModelTraining` (Sources/AprendizCLI/Recurrent/):
- text: Sources/AprendizData/Resources/aprendizado-de-maquina.txt; vocabulary: its distinct characters sorted by
  code point; the first 90 % of the characters train, the last 10 % validate;
- model: nn.Embedding(V, E) (N(0, 1)) -> nn.LSTM/GRU/RNN(E, H, layers, batch_first=True) (PyTorch's
  U(-1/sqrt(H), 1/sqrt(H)), as ours) -> nn.Linear(H, V) initialised like Aprendiz's Dense (Glorot-uniform
  weight, zero bias);
- each step: `--batch-size` random windows of `--sequence` characters from the training part (the state starts at
  0 in each window), mean next-character cross-entropy, backward, clip_grad_norm_(clip), Adam(lr, eps 1e-7: ours);
- validation: the mean cross-entropy over every next character of the validation part cut into consecutive
  windows of `--sequence` characters, each from a zero state.
The random windows come from NumPy's generator, not from Aprendiz's: the batch schedule is the same in kind
(uniform window starts), not draw for draw.
"""
import argparse
import math
import pathlib
import time

import numpy as np
import torch
import torch.nn as nn

ROOT = pathlib.Path(__file__).resolve().parents[1]
TEXT = ROOT / "Sources/AprendizData/Resources/aprendizado-de-maquina.txt"


class CharRNN(nn.Module):
    def __init__(self, cell, vocabulary, embedding, hidden, layers):
        super().__init__()
        self.embedding = nn.Embedding(vocabulary, embedding)
        self.network = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}[cell](embedding, hidden, num_layers=layers,
                                                                            batch_first=True)
        self.head = nn.Linear(hidden, vocabulary)
        nn.init.xavier_uniform_(self.head.weight)
        nn.init.zeros_(self.head.bias)

    def forward(self, x):
        return self.head(self.network(self.embedding(x))[0])


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--cell", default="lstm", choices=["lstm", "gru", "rnn"])
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--layers", type=int, default=1)
    p.add_argument("--embedding", type=int, default=64)
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--sequence", type=int, default=100)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--lr", type=float, default=0.002)
    p.add_argument("--clip", type=float, default=5.0)
    p.add_argument("--eval-interval", type=int, default=100)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=None)
    a = p.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)

    text = TEXT.read_text(encoding="utf-8")
    vocabulary = sorted(set(text))
    index = {c: i for i, c in enumerate(vocabulary)}
    symbols = np.array([index[c] for c in text], dtype=np.int64)
    split = len(symbols) * 9 // 10
    train, validation = symbols[:split], symbols[split:]
    count = (len(validation) - 1) // a.sequence
    held_x = torch.tensor(validation[:count * a.sequence].reshape(count, a.sequence))
    held_y = torch.tensor(validation[1:count * a.sequence + 1].reshape(count, a.sequence))

    model = CharRNN(a.cell, len(vocabulary), a.embedding, a.hidden, a.layers)
    optimizer = torch.optim.Adam(model.parameters(), lr=a.lr, eps=1e-7)
    V = len(vocabulary)
    print(f"{a.cell} language model (PyTorch {torch.__version__}, {torch.get_num_threads()} threads): vocabulary {V}, "
          f"{len(train)} training and {len(validation)} validation characters, "
          f"{sum(q.numel() for q in model.parameters())} parameters; {a.steps} steps of {a.batch_size} windows of "
          f"{a.sequence}, Adam lr {a.lr}, clip {a.clip}")

    def validate():
        with torch.no_grad():
            return nn.functional.cross_entropy(model(held_x).reshape(-1, V), held_y.reshape(-1)).item()

    start, loss_value, validation_loss = time.time(), float("nan"), float("nan")
    for step in range(1, a.steps + 1):
        starts = rng.integers(0, len(train) - a.sequence - 1, size=a.batch_size)
        x = torch.tensor(np.stack([train[s:s + a.sequence] for s in starts]))
        y = torch.tensor(np.stack([train[s + 1:s + a.sequence + 1] for s in starts]))
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(x).reshape(-1, V), y.reshape(-1))
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), a.clip)
        optimizer.step()
        if step % a.eval_interval == 0 or step == a.steps:
            validation_loss = validate()
            print(f"step {step:5d}  train {loss.item():.4f}  validation {validation_loss:.4f}  ({time.time() - start:.0f} s)")
    print(f"validation cross-entropy {validation_loss:.4f} nats/character ({validation_loss / math.log(2):.4f} bits)")


if __name__ == "__main__":
    main()
