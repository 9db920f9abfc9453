#!/usr/bin/env python3
"""Evaluations per second of Aprendiz's metaheuristics against their Python references, alternated.

For each round, function and method, one run of `aprendiz bench metaheuristics --seeds 1` (Aprendiz)
and right after it one run of the same method in Python (`metaheuristics_reference.py`'s run_* functions,
in this process: DEAP, SciPy, cma, pyswarms), both with seed 0 and the same budget, so the two sides of
each pair see the same machine load. Prints every round's rates, the medians, their ratio, and the load
average (`os.getloadavg`) before and after, as a Markdown table.

Usage (release build first):
  swift build -c release --product aprendiz
  /work/venv/bin/python Benchmarks/metaheuristics_alternate.py --aprendiz .build/release/aprendiz --rounds 3 \
      --budget 20000 --cmaes-budget 5000
CMA-ES gets its own budget because `cma` runs about 100–300 evaluations/s here (a 100 000-evaluation
run takes minutes); every method's rate is that of a whole run (algorithm and objective).
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import metaheuristics_reference as reference  # noqa: E402


def aprendiz_rate(binary, method, function, budget):
    output = subprocess.run([binary, "bench", "metaheuristics", "--seeds", "1", "--budget", str(budget), "--methods", method,
                             "--functions", function, "--json"], check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])["evaluations_per_second"]


def reference_rate(method, function, budget):
    f, bound = reference.FUNCTIONS[function]
    start = time.perf_counter()
    _, evaluations = reference.METHODS[method](f, bound, budget, 0)
    return evaluations / (time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--aprendiz", required=True, type=os.path.abspath)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--budget", type=int, default=20_000)
    parser.add_argument("--cmaes-budget", type=int, default=5_000)
    parser.add_argument("--methods", default="ga,de,cmaes,pso")
    parser.add_argument("--functions", default="sphere,rastrigin,ackley")
    args = parser.parse_args()
    os.chdir(os.environ.get("TMPDIR", "/tmp"))  # pyswarms writes report.log into the working directory
    load_before = os.getloadavg()
    rates = {}
    for _ in range(args.rounds):
        for function in args.functions.split(","):
            for method in args.methods.split(","):
                budget = args.cmaes_budget if method == "cmaes" else args.budget
                pair = rates.setdefault((function, method, budget), ([], []))
                pair[0].append(aprendiz_rate(args.aprendiz, method, function, budget))
                pair[1].append(reference_rate(method, function, budget))
                print(f"{function} {method}: {pair[0][-1]:.0f} vs {pair[1][-1]:.0f}", file=sys.stderr, flush=True)
    load_after = os.getloadavg()
    print(f"load average before {load_before[0]:.1f} {load_before[1]:.1f} {load_before[2]:.1f}, "
          f"after {load_after[0]:.1f} {load_after[1]:.1f} {load_after[2]:.1f}; rounds {args.rounds}")
    print("| function | method | budget | Aprendiz evaluations/s, by round | reference evaluations/s, by round | ratio of medians |")
    print("|---|---|---|---|---|---|")
    for (function, method, budget), (ours, theirs) in rates.items():
        ratio = statistics.median(ours) / statistics.median(theirs)
        print(f"| {function} | {method} | {budget} | {', '.join(f'{r:,.0f}' for r in ours)} | "
              f"{', '.join(f'{r:,.0f}' for r in theirs)} | {ratio:.0f}× |", flush=True)


if __name__ == "__main__":
    main()
