import Foundation
import AprendizTensor

/// Greedy k-means++ seeding (Arthur & Vassilvitskii 2007; scikit-learn's `_kmeans_plusplus`).
///
/// ```
/// c₁ = a uniformly chosen row
/// for each next centre: draw 2 + ⌊ln k⌋ candidates with P(xᵢ) ∝ D(xᵢ)² (D = distance to the nearest
/// chosen centre) and keep the candidate that most lowers Σᵢ D(xᵢ)²
/// ```
enum KMeansPlusPlus {
    static func centres(_ rows: CentredRows, count k: Int, using generator: inout RandomGenerator) -> [Float] {
        let (n, p) = (rows.count, rows.columns)
        let trials = 2 + Int(log(Double(k)))
        var centres = [Float](), chosen = Int(generator.nextUniformDouble() * Double(n)) % n
        centres += rows.values[(chosen * p)..<((chosen + 1) * p)]
        var closest = (0..<n).map { rows.squaredDistance($0, rows.values[(chosen * p)..<((chosen + 1) * p)]) }
        var potential = closest.reduce(0, +)
        for _ in 1..<max(k, 1) {
            var cumulative = [Double](repeating: 0, count: n), running = 0.0
            for i in 0..<n { running += closest[i]; cumulative[i] = running }
            var bestPotential = Double.infinity, bestCandidate = 0, bestDistances = closest
            for _ in 0..<trials {
                let target = generator.nextUniformDouble() * potential
                let candidate = min(firstIndex(in: cumulative, above: target), n - 1)
                let centre = rows.values[(candidate * p)..<((candidate + 1) * p)]
                let distances = (0..<n).map { min(closest[$0], rows.squaredDistance($0, centre)) }
                let candidatePotential = distances.reduce(0, +)
                if candidatePotential < bestPotential {
                    (bestPotential, bestCandidate, bestDistances) = (candidatePotential, candidate, distances)
                }
            }
            centres += rows.values[(bestCandidate * p)..<((bestCandidate + 1) * p)]
            (closest, potential) = (bestDistances, bestPotential)
        }
        return centres
    }

    /// The first index whose cumulative sum is ≥ `target` (NumPy's `searchsorted`, side "left").
    private static func firstIndex(in cumulative: [Double], above target: Double) -> Int {
        var (low, high) = (0, cumulative.count)
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
