#!/usr/bin/env python3
"""NumPy's side of `aprendiz bench gemm`, `aprendiz bench elementwise` and `aprendiz bench linalg`,
same sizes and output format.

    python3 Benchmarks/numpy_reference.py [linalg] [--threads N] [--json]

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
    parser.add_argument("--only", choices=["gemm", "elementwise", "linalg", "all"], default="all")
    parser.add_argument("workload", nargs="?", choices=["gemm", "elementwise", "linalg"], help="same as --only")
    args = parser.parse_args()
    if args.workload:
        args.only = args.workload
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
    if args.only == "linalg":
        linear_algebra(args, rng)


def linear_algebra(args, rng):
    """The workloads of `aprendiz bench linalg`, float32 throughout (NumPy and SciPy call the s-routines
    of LAPACK for float32: sgesdd, ssyevd, sgelsd, spotrf/spotrs)."""
    import scipy.linalg
    try:  # SciPy loads its own OpenBLAS on import: limit its threads too
        from threadpoolctl import threadpool_limits
        threadpool_limits(args.threads)
    except ImportError:
        pass

    def emit_ms(workload, seconds):
        fields = {"workload": workload, "milliseconds": seconds * 1e3, "threads": args.threads,
                  "backend": "NumPy " + np.__version__}
        if args.json:
            print(json.dumps(fields, sort_keys=True))
        else:
            print(f"{workload:<28} {seconds * 1e3:10.1f} ms  [{args.threads} threads, {fields['backend']}]")

    for n in [512, 1024]:
        a = rng.standard_normal((n, n)).astype(np.float32)
        symmetric = (a + a.T) / 2
        repeats = 5 if n <= 512 else 3
        emit_ms(f"svd n={n}", median_time(lambda: np.linalg.svd(a, full_matrices=False), repeats))
        emit_ms(f"eigh n={n}", median_time(lambda: np.linalg.eigh(symmetric), repeats))
    tall = rng.standard_normal((10_000, 100)).astype(np.float32)
    b = rng.standard_normal(10_000).astype(np.float32)
    emit_ms("lstsq 10000x100", median_time(lambda: np.linalg.lstsq(tall, b, rcond=None), 5))
    x = rng.standard_normal((2_000, 2_000)).astype(np.float32)
    spd = x @ x.T + 2_000 * np.eye(2_000, dtype=np.float32)
    rhs = rng.standard_normal(2_000).astype(np.float32)
    emit_ms("cholesky solve n=2000", median_time(
        lambda: scipy.linalg.cho_solve(scipy.linalg.cho_factor(spd, lower=True, check_finite=False), rhs,
                                       check_finite=False), 5))


if __name__ == "__main__":
    main()
