#!/usr/bin/env python3
"""PyTorch's side of `aprendiz explain short-term-memory` (§23.5): the same recall task and settings for one lag and
cell (K = 4 signal and 4 distractor symbols, one-hot; H 32; 300 Adam steps of 32, lr 0.01, eps 1e-7, clip 1; the
LSTM forget-gate / GRU update-gate input bias + GATE_BIAS); prints the accuracy on 1 024 new sequences. Its random
sequences come from NumPy, not from Aprendiz's generator.

    /work/venv/bin/python Benchmarks/pytorch_short_term_memory.py LAG lstm|gru|rnn GATE_BIAS
"""
import sys

import numpy as np
import torch

lag=int(sys.argv[1]); cell=sys.argv[2]; gb=float(sys.argv[3])
torch.manual_seed(0); rng=np.random.default_rng(0); K=4; H=32
net={"lstm":torch.nn.LSTM,"gru":torch.nn.GRU,"rnn":torch.nn.RNN}[cell](2*K,H,batch_first=True); head=torch.nn.Linear(H,K)
if cell!="rnn":
    with torch.no_grad(): net.bias_ih_l0[H:2*H]+=gb
opt=torch.optim.Adam(list(net.parameters())+list(head.parameters()),lr=0.01,eps=1e-7)
def batch(n):
    sig=rng.integers(0,K,n); x=np.zeros((n,lag,2*K),np.float32)
    for b in range(n):
        x[b,0,sig[b]]=1
        for t in range(1,lag): x[b,t,K+rng.integers(0,K)]=1
    return torch.tensor(x),torch.tensor(sig)
for s in range(300):
    x,y=batch(32); opt.zero_grad(); out,_=net(x); l=torch.nn.functional.cross_entropy(head(out[:,-1]),y); l.backward()
    torch.nn.utils.clip_grad_norm_(list(net.parameters())+list(head.parameters()),1); opt.step()
x,y=batch(1024)
with torch.no_grad(): out,_=net(x); acc=(head(out[:,-1]).argmax(1)==y).float().mean().item()
print(cell,lag,gb,"acc",acc,"loss",l.item())
