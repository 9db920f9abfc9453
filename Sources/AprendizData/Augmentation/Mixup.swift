import AprendizTensor
import Foundation

/// Mixup (§24.6; Zhang, Cissé, Dauphin & Lopez-Paz 2018): a batch is blended with a permutation of itself.
/// ```
/// λ ~ Beta(α, α),  π a random permutation of the batch
/// x̃ᵢ = λ·xᵢ + (1 − λ)·x_πᵢ
/// ỹᵢ = λ·onehot(yᵢ) + (1 − λ)·onehot(y_πᵢ)        (soft targets, rows summing to 1)
/// ```
/// With soft targets the cross-entropy −Σ꜀ ỹᵢ꜀ log ŷᵢ꜀ equals the two-label form
/// λ·L(ŷᵢ, yᵢ) + (1 − λ)·L(ŷᵢ, y_πᵢ) of the paper's code, so ``crossEntropy(logits:targets:)`` trains it.
package enum Mixup {
    /// The mixed batch for a given λ and permutation (labels are class indices in 0..<classCount).
    package static func mix(_ batch: Batch, lambda: Float, permutation: [Int], classCount: Int) -> Batch {
        let n = batch.count
        require(permutation.count == n, "Mixup: a permutation of \(permutation.count) for a batch of \(n)")
        require(batch.targets.rank == 1, "Mixup: targets must be class indices of shape [batch], got \(batch.targets.shape)")
        let inputs = batch.inputs * lambda + batch.inputs.selecting(permutation, axis: 0) * (1 - lambda)
        let labels = batch.targets.scalars.map { Int($0) }
        var soft = [Float](repeating: 0, count: n * classCount)
        for i in 0..<n {
            require(labels[i] >= 0 && labels[i] < classCount, "Mixup: label \(labels[i]) is not in 0..<\(classCount)")
            soft[i * classCount + labels[i]] += lambda
            soft[i * classCount + labels[permutation[i]]] += 1 - lambda
        }
        return Batch(inputs: inputs, targets: Tensor(shape: [n, classCount], scalars: soft))
    }

    /// A draw of Beta(α, α) as X / (X + Y) with X, Y ~ Gamma(α, 1).
    package static func beta(_ alpha: Float, using generator: inout RandomGenerator) -> Float {
        let x = gamma(Double(alpha), using: &generator), y = gamma(Double(alpha), using: &generator)
        return x + y > 0 ? Float(x / (x + y)) : 0.5
    }

    /// Gamma(a, 1) by Marsaglia & Tsang (2000); for a < 1, Gamma(a + 1)·U^(1/a).
    package static func gamma(_ a: Double, using generator: inout RandomGenerator) -> Double {
        if a < 1 {
            let u = 1 - generator.nextUniformDouble()
            return gamma(a + 1, using: &generator) * Foundation.pow(u, 1 / a)
        }
        let d = a - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = generator.nextNormal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = 1 - generator.nextUniformDouble()
            if Foundation.log(u) < 0.5 * x * x + d - d * v + d * Foundation.log(v) { return d * v }
        }
    }
}
