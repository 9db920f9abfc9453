#!/usr/bin/env python3
"""pandas' side of `aprendiz bench csv`: read_csv on the same 200 000 x 51 numeric file, alternating with Aprendiz.

    python3 Benchmarks/csv_reference.py [--file PATH] [--rounds 5] [--aprendiz .build/release/aprendiz] [--threads 1,2] [--pandas-cores 1]
                                        [--baseline OTHER_APRENDIZ]

Without --file the table is written to a temporary directory (removed afterwards) with NumPy
(`--rows` rows, default 200 000: 50 features uniform in [-3, 3] with six decimals + an integer label,
about 92 MB). Each round times pandas' `read_csv` (C engine, float64 as pandas defaults; parse only: the file is
in the page cache, Python's start-up and imports not counted; wall-clock and processor time), then runs `aprendiz bench csv --repeats 1` once per
thread count (parse only, timed inside the process). Medians over the rounds are printed with the ratios. Peak
memory: pandas' peak resident size minus the interpreter's before reading; Aprendiz's from its own report. With
--baseline, each round also runs that other build (e.g. the previous commit's) right after this one, and the medians
of both and their ratio are printed (an A/B comparison within one run).
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import pandas as pd


def peak_resident_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def time_pandas(path, cores=None):
    """read_csv's wall-clock and processor time; with `cores`, pinned to that many CPUs for the call (pandas 3.1
    parses on more than one thread) and unpinned afterwards, so the Aprendiz runs in between are not affected."""
    everything = os.sched_getaffinity(0)
    if cores:
        os.sched_setaffinity(0, set(sorted(everything)[:cores]))
    try:
        start, cpu = time.perf_counter(), time.process_time()
        frame = pd.read_csv(path)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    finally:
        os.sched_setaffinity(0, everything)
    return seconds, cpu, frame.shape


def run_aprendiz(binary, path, threads):
    output = subprocess.run([binary, "bench", "csv", "--file", path, "--repeats", "1", "--threads", str(threads), "--json"],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--file")
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--aprendiz", default=".build/release/aprendiz")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--baseline", default=None, help="another aprendiz binary, alternated with --aprendiz each round")
    parser.add_argument("--pandas-cores", type=int, default=None,
                        help="also time read_csv pinned to this many CPUs each round (e.g. 1)")
    args = parser.parse_args()
    thread_counts = [int(t) for t in args.threads.split(",")]

    scratch = None
    path = args.file
    if path is None:
        scratch = tempfile.mkdtemp(prefix="aprendiz-csv-")
        path = os.path.join(scratch, "table.csv")
        subprocess.run([sys.executable, "-c", f"""
import numpy as np
rng = np.random.default_rng(2024)
features = rng.uniform(-3, 3, size=({args.rows}, 50))
labels = rng.integers(0, 10, size={args.rows})
with open({path!r}, "w") as out:
    out.write(",".join(f"f{{i}}" for i in range(50)) + ",label\\n")
    for row, label in zip(features, labels):
        out.write(",".join(f"{{x:.6f}}" for x in row) + f",{{label}}\\n")
"""], check=True)
    try:
        size = os.path.getsize(path)
        before = peak_resident_bytes()
        time_pandas(path)  # warm-up: the file into the page cache
        pandas_peak = peak_resident_bytes() - before
        pandas_times, pandas_cpu, ours, ours_cpu = [], [], {t: [] for t in thread_counts}, {t: [] for t in thread_counts}
        pinned_times = []
        per_thread = {t: [] for t in thread_counts}
        baseline, baseline_cpu = {t: [] for t in thread_counts}, {t: [] for t in thread_counts}
        report = {}
        for _ in range(args.rounds):
            seconds, cpu, shape = time_pandas(path)
            pandas_times.append(seconds)
            pandas_cpu.append(cpu)
            if args.pandas_cores:
                pinned_times.append(time_pandas(path, args.pandas_cores)[0])
            for threads in thread_counts:
                report[threads] = run_aprendiz(args.aprendiz, path, threads)
                ours[threads].append(report[threads]["seconds"])
                ours_cpu[threads].append(report[threads]["cpu_seconds"])
                per_thread[threads].append(report[threads].get("thread_cpu_seconds", []))
                if args.baseline:
                    other = run_aprendiz(args.baseline, path, threads)
                    baseline[threads].append(other["seconds"])
                    baseline_cpu[threads].append(other["cpu_seconds"])
        pandas_median, pandas_cpu_median = statistics.median(pandas_times), statistics.median(pandas_cpu)
        print(f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} {os.getloadavg()[2]:.1f}")
        print(f"file: {path} ({size / 1e6:.1f} MB, {shape[0]} rows x {shape[1]} columns), {args.rounds} rounds, medians")
        print(f"pandas read_csv            {pandas_median:.3f} s (processor {pandas_cpu_median:.3f} s)   "
              f"peak memory added {pandas_peak / 1e6:.0f} MB")
        if pinned_times:
            print(f"pandas read_csv on {args.pandas_cores} CPU(s) {statistics.median(pinned_times):.3f} s")
        for threads in thread_counts:
            median = statistics.median(ours[threads])
            r = report[threads]
            target = 1.5 * (r["file_bytes"] + r["table_bytes"])
            cpu = statistics.median(ours_cpu[threads])
            print(f"aprendiz, {threads} thread(s)       {median:.3f} s = {median / pandas_median:.2f}x pandas "
                  f"(processor {cpu:.3f} s = {cpu / pandas_cpu_median:.2f}x)   "
                  f"peak memory {r['peak_resident_bytes'] / 1e6:.0f} MB "
                  f"(before reading {r['resident_before_bytes'] / 1e6:.0f} MB; target <= 1.5 x (file + float32 table) "
                  f"= {target / 1e6:.0f} MB)"
                  + (f"   {median / statistics.median(pinned_times):.2f}x pandas on {args.pandas_cores} CPU(s)" if pinned_times else ""))
            # Is the work split? Each round's busiest threads' processor time per read (Linux /proc).
            print(f"    processor time per thread, each round: "
                  + "; ".join(" ".join(f"{t:.3f}" for t in times[:threads + 1]) for times in per_thread[threads]))
            print(f"    each round: " + " ".join(f"{t:.3f}" for t in ours[threads]))
            if args.baseline:
                other, other_cpu = statistics.median(baseline[threads]), statistics.median(baseline_cpu[threads])
                print(f"    baseline {args.baseline}: {other:.3f} s (processor {other_cpu:.3f} s); this build / baseline "
                      f"{median / other:.2f} (processor {cpu / other_cpu:.2f}); each round: "
                      + " ".join(f"{t:.3f}" for t in baseline[threads]))
    finally:
        if scratch:
            shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
