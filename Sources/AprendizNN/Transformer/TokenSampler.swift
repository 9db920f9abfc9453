import AprendizTensor
import Foundation

/// Draws the next token from a language model's logits (§25.6.2): temperature, then top-k and
/// nucleus (top-p) truncation, then a draw from the renormalised distribution.
///
/// ```
/// p = softmax(z / τ)                                 τ = 0: greedy (argmax z)
/// top-k: keep the k largest pᵢ (ties with the k-th kept)
/// top-p: keep the smallest set of largest pᵢ whose sum ≥ p (Holtzman et al. 2020)
/// token ~ p restricted to the kept set, renormalised
/// ```
/// Defaults: τ = 1, no top-k, no top-p; the draws come from the sampler's own seeded generator, so
/// a seed gives the same text every run.
public struct TokenSampler: Sendable {
    /// τ; 0 picks the most likely token.
    public var temperature: Float
    /// k, or `nil` for all tokens.
    public var topK: Int?
    /// p ∈ (0, 1], or `nil` for no nucleus truncation.
    public var topP: Float?
    /// The generator of the draws.
    public var generator: RandomGenerator

    /// - Parameters:
    ///   - temperature: τ ≥ 0 (default 1).
    ///   - topK: k ≥ 1, or `nil` (default).
    ///   - topP: p ∈ (0, 1], or `nil` (default).
    ///   - seed: the seed of the draws (default 0).
    public init(temperature: Float = 1, topK: Int? = nil, topP: Float? = nil, seed: UInt64 = 0) {
        require(temperature >= 0 && temperature.isFinite, "TokenSampler: temperature \(temperature) is not ≥ 0")
        require(topK.map { $0 >= 1 } ?? true, "TokenSampler: top-k \(topK!) is not ≥ 1")
        require(topP.map { $0 > 0 && $0 <= 1 } ?? true, "TokenSampler: top-p \(topP!) is not in (0, 1]")
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        generator = RandomGenerator(seed: seed)
    }

    /// Greedy decoding (τ = 0).
    public static var greedy: TokenSampler { TokenSampler(temperature: 0) }

    /// The truncated, renormalised distribution the next draw uses (zeros outside the kept set).
    public func distribution(logits: [Float]) -> [Double] {
        require(!logits.isEmpty, "TokenSampler: no logits")
        if temperature == 0 {
            var one = [Double](repeating: 0, count: logits.count)
            one[logits.indices.max { logits[$0] < logits[$1] }!] = 1
            return one
        }
        let scaled = logits.map { Double($0) / Double(temperature) }
        let top = scaled.max()!
        var weights = scaled.map { Foundation.exp($0 - top) }
        let order = weights.indices.sorted { weights[$0] > weights[$1] }
        if let topK, topK < order.count {
            let threshold = weights[order[topK - 1]]
            for i in weights.indices where weights[i] < threshold { weights[i] = 0 }
        }
        var total = weights.reduce(0, +)
        if let topP {
            var cumulative = 0.0, keep = true
            for i in order {
                if !keep { weights[i] = 0; continue }
                cumulative += weights[i] / total
                if cumulative >= Double(topP) { keep = false }
            }
            total = weights.reduce(0, +)
        }
        return weights.map { $0 / total }
    }

    /// Draws one token index from `logits`.
    public mutating func sample(logits: [Float]) -> Int {
        let p = distribution(logits: logits)
        if temperature == 0 { return p.firstIndex(of: 1)! }
        let u = generator.nextUniformDouble()
        var cumulative = 0.0
        for (i, probability) in p.enumerated() where probability > 0 {
            cumulative += probability
            if u < cumulative { return i }
        }
        return p.lastIndex { $0 > 0 }!
    }
}
