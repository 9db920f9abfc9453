#!/usr/bin/env python3
"""NumPy's side of `aprendiz bench gemm` and `aprendiz bench elementwise`, same sizes and output format.

    python3 Benchmarks/numpy_reference.py [--threads N] [--json]

Thread count is set through threadpoolctl when available (else OPENBLAS_NUM_THREADS must be set by the
caller before Python starts, which Benchmarks/compare_core.sh does). Element-wise NumPy ops are
single-threaded by design.
"""
import argparse
import json
import os
import time

import numpy as np


def median_time(fn, repeats):
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2]


def emit(args, **fields):
    fields["threads"] = args.threads
    fields["backend"] = "NumPy " + np.__version__
    if args.json:
        print(json.dumps(fields, sort_keys=True))
    else:
        figure = (f"{fields['gflops']:8.1f} GFLOP/s" if "gflops" in fields
                  else f"{fields['elements_per_second'] / 1e9:8.2f} Gelem/s")
        print(f"{fields['workload']:<28} {figure}  [{args.threads} threads, {fields['backend']}]")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--only", choices=["gemm", "elementwise", "all"], default="all")
    args = parser.parse_args()
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(args.threads)
    except ImportError:
        pass
    rng = np.random.default_rng(1)
    if args.only in ("gemm", "all"):
        for n in [256, 512, 1024, 2048]:
            a = rng.random((n, n), dtype=np.float32)
            b = rng.random((n, n), dtype=np.float32)
            repeats = 21 if n <= 512 else (7 if n <= 1024 else 3)
            seconds = median_time(lambda: a @ b, repeats)
            emit(args, workload=f"gemm n={n}", gflops=2 * n ** 3 / seconds / 1e9)
    if args.only in ("elementwise", "all"):
        count = 10_000_000
        a = rng.uniform(-5, 5, count).astype(np.float32)
        b = rng.uniform(-5, 5, count).astype(np.float32)
        for name, fn in [("add", lambda: np.add(a, b)), ("exp", lambda: np.exp(a))]:
            seconds = median_time(fn, 9)
            emit(args, workload=f"{name} n={count}", elements_per_second=count / seconds)


if __name__ == "__main__":
    main()
