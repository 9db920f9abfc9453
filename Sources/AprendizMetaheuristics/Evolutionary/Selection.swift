import AprendizTensor

/// How a genetic algorithm picks parents from a scored population (§11.1; lower f is fitter).
///
/// ```
/// tournament(k):  draw k individuals uniformly (with replacement), keep the one with the lowest f
/// roulette:       P(i) ∝ fᵢ' = (f_max − fᵢ) + ε,  ε = 10⁻⁶·(f_max − f_min) + 10⁻³⁰   (Holland 1975)
/// rank(s):        sort by f; the individual of rank r (0 = best, μ − 1 = worst) has
///                 P(r) = (s − (2s − 2)·r/(μ − 1)) / μ,   1 ≤ s ≤ 2        (Baker 1985, linear ranking)
/// ```
/// Roulette on minimisation uses the distance to the worst value as fitness (Goldberg 1989, §3.3's
/// "fitness scaling"); non-finite values get fitness 0. Defaults: tournament of 3 (DEAP's usual
/// `selTournament(tournsize=3)`), rank pressure s = 1.5.
public enum Selection: Sendable, Equatable {
    /// The best of `size` individuals drawn at random.
    case tournament(size: Int)
    /// Fitness-proportionate selection.
    case roulette
    /// Linear ranking with selective pressure `pressure` ∈ [1, 2] (1: uniform, 2: the worst never chosen).
    case rank(pressure: Float)

    /// Stops with a message naming the bad setting.
    func validate(populationSize: Int) {
        switch self {
        case .tournament(let size):
            require(size >= 1 && size <= populationSize,
                    "GeneticAlgorithm: invalid tournament size \(size) (expected 1…population size \(populationSize))")
        case .roulette: break
        case .rank(let s):
            require(s >= 1 && s <= 2, "GeneticAlgorithm: invalid rank selection pressure \(s) (expected 1 ≤ s ≤ 2)")
        }
    }

    /// `count` parent indices drawn from a population scored `values`.
    func select(_ values: [Float], count: Int, using generator: inout RandomGenerator) -> [Int] {
        let size = values.count
        switch self {
        case .tournament(let k):
            return (0..<count).map { _ in
                var winner = Int(generator.next() % UInt64(size))
                for _ in 1..<max(k, 1) {
                    let challenger = Int(generator.next() % UInt64(size))
                    if values[challenger] < values[winner] { winner = challenger }
                }
                return winner
            }
        case .roulette:
            let finite = values.filter(\.isFinite)
            let worst = Double(finite.max() ?? 0), best = Double(finite.min() ?? 0)
            let epsilon = 1e-6 * (worst - best) + 1e-30
            return spin(values.map { $0.isFinite ? worst - Double($0) + epsilon : 0 }, count: count, using: &generator)
        case .rank(let s):
            let order = values.indices.sorted { values[$0] < values[$1] }
            var weights = [Double](repeating: 0, count: size)
            let pressure = Double(s)
            for (r, index) in order.enumerated() {
                weights[index] = size == 1 ? 1 : (pressure - (2 * pressure - 2) * Double(r) / Double(size - 1)) / Double(size)
            }
            return spin(weights, count: count, using: &generator)
        }
    }

    /// Indices drawn with probability proportional to `weights` (a roulette wheel; uniform when all are 0).
    private func spin(_ weights: [Double], count: Int, using generator: inout RandomGenerator) -> [Int] {
        var cumulative = [Double](repeating: 0, count: weights.count)
        var total = 0.0
        for (i, w) in weights.enumerated() { total += w; cumulative[i] = total }
        return (0..<count).map { _ in
            guard total > 0 else { return Int(generator.next() % UInt64(weights.count)) }
            let target = generator.nextUniformDouble() * total
            var low = 0, high = cumulative.count - 1
            while low < high {
                let middle = (low + high) / 2
                if cumulative[middle] > target { high = middle } else { low = middle + 1 }
            }
            return low
        }
    }
}
