#!/usr/bin/env python3
"""Reference runs of the chapter-11 metaheuristics in Python, for `aprendiz bench metaheuristics`.

Same problems, budgets and seed policy as the Swift side: 30-D Sphere, Rastrigin and Ackley in their
customary boxes, 100 000 evaluations, seeds 0 … k−1 (each library seeded with the seed), the median of
the best values over the seeds and the evaluations per second of the whole run. Settings mirror
Aprendiz's defaults:

  GA   DEAP 1.4: μ = 100, selTournament(3), cxSimulatedBinaryBounded(η 15) w.p. 0.9,
       mutPolynomialBounded(η 20, indpb 1/n) on every child, 1 elite; generational loop as
       GeneticAlgorithm (DEAP's algorithms only re-score changed individuals; so does this loop).
  DE   SciPy differential_evolution: best1bin, popsize 15 (450 members), mutation (0.5, 1),
       recombination 0.7, init "random", updating "deferred", vectorized, polish off, tol 0.
  CMA  cma 4.x: x0 uniform in the box, σ₀ = 0.3 × range, bounds, maxfevals = budget, default stops.
  PSO  pyswarms GlobalBestPSO: 40 particles, w 0.7298, c1 = c2 = 1.49618, velocity clamp ±0.5 range,
       bh_strategy "nearest", vh_strategy "zero" (Aprendiz's absorbing bounds).

Usage: /work/venv/bin/python Benchmarks/metaheuristics_reference.py [--seeds 5] [--budget 100000] [--json]
"""
import argparse
import json
import logging
import os
import pathlib
import statistics
import sys
import tempfile
import time

import numpy as np

DIMENSIONS = 30


# The functions themselves are the fixture generator's (one NumPy definition for tests and benchmark).
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "Tools" / "fixtures"))
from generate_test_functions import ackley, rastrigin, sphere  # noqa: E402


FUNCTIONS = {"sphere": (sphere, 5.12), "rastrigin": (rastrigin, 5.12), "ackley": (ackley, 32.768)}


def run_ga(f, bound, budget, seed):
    import random
    from deap import base, creator, tools
    if not hasattr(creator, "FitnessMin"):
        creator.create("FitnessMin", base.Fitness, weights=(-1.0,))
        creator.create("Individual", list, fitness=creator.FitnessMin)
    random.seed(seed)
    n, mu = DIMENSIONS, 100
    toolbox = base.Toolbox()
    toolbox.register("individual", tools.initIterate, creator.Individual, lambda: [random.uniform(-bound, bound) for _ in range(n)])
    toolbox.register("mate", tools.cxSimulatedBinaryBounded, eta=15.0, low=-bound, up=bound)
    toolbox.register("mutate", tools.mutPolynomialBounded, eta=20.0, low=-bound, up=bound, indpb=1.0 / n)
    toolbox.register("select", tools.selTournament, tournsize=3)
    evaluate = lambda ind: (float(f(np.asarray(ind))),)
    population = [toolbox.individual() for _ in range(mu)]
    for ind in population:
        ind.fitness.values = evaluate(ind)
    evaluations = mu
    best = min(ind.fitness.values[0] for ind in population)
    while evaluations + (mu - 1) <= budget:
        elite = tools.selBest(population, 1)
        offspring = [toolbox.clone(ind) for ind in toolbox.select(population, mu - 1 + (mu - 1) % 2)]
        for a, b in zip(offspring[::2], offspring[1::2]):
            if random.random() < 0.9:
                toolbox.mate(a, b)
                del a.fitness.values, b.fitness.values
        for ind in offspring:
            toolbox.mutate(ind)
            del ind.fitness.values
        offspring = offspring[:mu - 1]
        for ind in offspring:
            ind.fitness.values = evaluate(ind)
        evaluations += len(offspring)
        population = [toolbox.clone(e) for e in elite] + offspring
        best = min(best, min(ind.fitness.values[0] for ind in offspring))
    return best, evaluations


def run_de(f, bound, budget, seed):
    from scipy.optimize import differential_evolution
    size = 15 * DIMENSIONS
    counter = {"evaluations": 0}

    def batch(x):  # x: (n, S) with vectorized=True
        counter["evaluations"] += x.shape[1]
        return f(x.T)

    result = differential_evolution(batch, [(-bound, bound)] * DIMENSIONS, strategy="best1bin", popsize=15,
                                    mutation=(0.5, 1), recombination=0.7, init="random", updating="deferred",
                                    vectorized=True, polish=False, tol=0, atol=0, maxiter=(budget - size) // size, rng=seed)
    return float(result.fun), counter["evaluations"]


def run_cmaes(f, bound, budget, seed):
    import cma
    rng = np.random.default_rng(seed)
    x0 = rng.uniform(-bound, bound, DIMENSIONS)
    es = cma.CMAEvolutionStrategy(x0, 0.3 * 2 * bound, {"bounds": [-bound, bound], "maxfevals": budget,
                                                         "seed": seed + 1, "verbose": -9})
    evaluations = 0
    while not es.stop() and evaluations + es.popsize <= budget:
        candidates = es.ask()
        values = f(np.asarray(candidates))
        evaluations += len(candidates)
        es.tell(candidates, values.tolist())
    return float(es.result.fbest), evaluations


def run_pso(f, bound, budget, seed):
    import pyswarms as ps
    logging.getLogger("pyswarms").setLevel(logging.ERROR)
    np.random.seed(seed)
    particles = 40
    optimizer = ps.single.GlobalBestPSO(n_particles=particles, dimensions=DIMENSIONS,
                                        options={"c1": 1.49618, "c2": 1.49618, "w": 0.7298},
                                        bounds=(np.full(DIMENSIONS, -bound), np.full(DIMENSIONS, bound)),
                                        velocity_clamp=(-bound, bound), bh_strategy="nearest", vh_strategy="zero")
    cost, _ = optimizer.optimize(f, iters=budget // particles, verbose=False)
    return float(cost), particles * (budget // particles)


METHODS = {"ga": run_ga, "de": run_de, "cmaes": run_cmaes, "pso": run_pso}


def objective_throughput(f, rows=40, repeats=2000):
    """Evaluations per second of the NumPy objective alone on a [40, 30] batch."""
    x = np.random.default_rng(0).uniform(-5, 5, (rows, DIMENSIONS))
    f(x)
    start = time.perf_counter()
    for _ in range(repeats):
        f(x)
    return rows * repeats / (time.perf_counter() - start)


def main():
    # pyswarms' reporter writes report.log into the working directory: keep it out of the repository.
    os.chdir(tempfile.gettempdir())
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--budget", type=int, default=100_000)
    parser.add_argument("--methods", default="ga,de,cmaes,pso")
    parser.add_argument("--functions", default="sphere,rastrigin,ackley")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    for name in args.functions.split(","):
        f, bound = FUNCTIONS[name]
        for method in args.methods.split(","):
            bests, rates = [], []
            for seed in range(args.seeds):
                start = time.perf_counter()
                best, evaluations = METHODS[method](f, bound, args.budget, seed)
                seconds = time.perf_counter() - start
                bests.append(best)
                rates.append(evaluations / seconds)
            row = {"function": name, "method": method, "median_best": statistics.median(bests), "min_best": min(bests),
                   "max_best": max(bests), "evaluations_per_second": statistics.median(rates), "seeds": args.seeds,
                   "budget": args.budget, "objective_evaluations_per_second": objective_throughput(f)}
            rows.append(row)
            if args.json:
                print(json.dumps(row), flush=True)
            else:
                print(f"{name:10s} {method:6s} median best {row['median_best']:.4g}  [{row['min_best']:.3g}, {row['max_best']:.3g}]"
                      f"  {row['evaluations_per_second']:10.0f} evaluations/s", flush=True)


if __name__ == "__main__":
    main()
