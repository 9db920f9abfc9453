#!/usr/bin/env python3
"""Fits the polynomial of `vectorErfc` (Sources/AprendizNN/Activations/GELU.swift) and checks it in float32.

    /work/venv/bin/python Tools/fit_erfc.py

erfc(|z|) = t * exp(-z^2 + P(t)),  t = 2 / (2 + |z|) in (0, 1];  erfc(z) = 2 - erfc(|z|) for z < 0.
P (degree 9) is the least-squares fit of log(erfcx(z) / t) at 4000 Chebyshev nodes of t (SciPy's erfcx is the
reference). Prints the float32 coefficients (constant term first) and the relative error of the float32
evaluation against SciPy's erfc on [-10, 10].
"""
import numpy as np
from scipy.special import erfc, erfcx

DEGREE, NODES = 9, 4000

k = np.arange(NODES)
t = 0.5 * (1 - np.cos(np.pi * (k + 0.5) / NODES))
t = t[t > 1e-6]
z = 2 * (1 - t) / t
coefficients = np.polynomial.polynomial.polyfit(t, np.log(erfcx(z) / t), DEGREE).astype(np.float32)
print("P(t) coefficients, t^0 first:", ", ".join(repr(float(c)) for c in coefficients))

zs = np.linspace(-10, 10, 400001).astype(np.float32)
a = np.abs(zs)
ts = (np.float32(2) / (np.float32(2) + a)).astype(np.float32)
p = np.zeros_like(ts)
for c in coefficients[::-1]:
    p = (p * ts + c).astype(np.float32)
tail = (ts * np.exp((p - a * a).astype(np.float32))).astype(np.float32)
approx = np.where(zs < 0, np.float32(2) - tail, tail).astype(np.float64)
reference = erfc(zs.astype(np.float64))
relative = np.abs(approx - reference) / reference
print(f"max relative error, |z| < 4: {relative[a < 4].max():.2e}; all z with erfc > 1e-30: {relative[reference > 1e-30].max():.2e}")
