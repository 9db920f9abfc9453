import AprendizTensor
import Foundation

/// The categorical distribution over classes 0, 1, …, K − 1 with probabilities p₀ … p_{K−1} (§5.4):
/// one roll of a K-sided, possibly loaded die.
///
/// ```
/// P(X = k) = pₖ,   F(k) = p₀ + … + pₖ
/// E[X] = Σ k·pₖ,   Var[X] = Σ k²·pₖ − E[X]²      (of the class index)
/// ```
/// Weights are normalised to sum to 1 (like `torch.distributions.Categorical(probs=…)`). Sampling: inversion
/// of F by binary search.
public struct Categorical: UnivariateDistribution, Hashable {
    /// pₖ, normalised.
    public let probabilities: [Double]
    private let cumulative: [Double]

    /// From non-negative weights, at least one positive; they are divided by their sum.
    public init(probabilities weights: [Double]) {
        require(!weights.isEmpty, "Categorical: needs at least one class")
        require(weights.allSatisfy { $0 >= 0 && $0.isFinite }, "Categorical: weights must be non-negative and finite, got \(weights)")
        let total = weights.reduce(0, +)
        require(total > 0, "Categorical: the weights sum to zero")
        probabilities = weights.map { $0 / total }
        var running = 0.0
        cumulative = probabilities.map { running += $0; return running }
    }

    /// K, the number of classes.
    public var classCount: Int { probabilities.count }

    /// E[X] = Σ k·pₖ (of the class index).
    public var mean: Double { probabilities.enumerated().reduce(0) { $0 + Double($1.offset) * $1.element } }
    /// Var[X] = Σ (k − E[X])²·pₖ.
    public var variance: Double {
        let m = mean
        return probabilities.enumerated().reduce(0) { $0 + (Double($1.offset) - m) * (Double($1.offset) - m) * $1.element }
    }

    /// ln pₖ; −∞ for a class outside 0..<K.
    public func logProbability(_ k: Int) -> Double { probabilities.indices.contains(k) ? log(probabilities[k]) : -.infinity }

    /// F(k) = p₀ + … + pₖ.
    public func cumulativeProbability(_ k: Int) -> Double { k < 0 ? 0 : (k >= classCount ? 1 : cumulative[k]) }

    /// A class drawn by inversion: the first k with F(k) > u (binary search).
    public func sample(using generator: inout RandomGenerator) -> Int {
        let u = generator.nextUniformDouble() * cumulative[classCount - 1]
        var (low, high) = (0, classCount - 1)
        while low < high {                       // the first k with F(k) > u
            let middle = (low + high) / 2
            if cumulative[middle] > u { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The maximum-likelihood categorical (§5.5): p̂ₖ = (number of samples of class k)/n. Classes must lie
    /// in 0..<classCount; classes never seen get probability 0.
    public static func fit(_ classes: [Int], classCount: Int) -> Categorical {
        FitCheck.nonEmpty(classes, "Categorical")
        require(classCount > 0, "Categorical.fit: classCount must be positive, got \(classCount)")
        var counts = [Double](repeating: 0, count: classCount)
        for k in classes {
            require(k >= 0 && k < classCount, "Categorical.fit: class \(k) outside 0..<\(classCount)")
            counts[k] += 1
        }
        return Categorical(probabilities: counts)
    }
}
