import AprendizTensor
import Foundation

/// UMAP's layout optimisation (McInnes, Healy & Melville 2018, §3.2 and Algorithm 5; umap-learn's
/// `optimize_layout_euclidean`): stochastic gradient descent on the fuzzy cross-entropy, edge (i, j) with
/// weight w sampled every max w / w epochs, each positive sample followed by 5 negative samples:
///
/// ```
/// attraction:  yᵢ += α·clip(−2ab·d^(2(b−1)) / (1 + a·d^(2b)) · (yᵢ − yⱼ))
/// repulsion:   yᵢ += α·clip(2γb / ((0.001 + d²)(1 + a·d^(2b))) · (yᵢ − y_k)),   k uniform
/// α = learningRate·(1 − epoch/nEpochs),   clip to [−4, 4]
/// ```
/// Deviation from umap-learn, for determinism: within an epoch every point moves only itself, reading the
/// others' positions from the start of the epoch (umap-learn moves both ends of an edge in place, racing
/// across threads). Points are processed in fixed blocks, each with its own generator derived from the seed,
/// the epoch and the block, so a seed gives the same map for any thread count.
struct UMAPLayoutOptimizer {
    let graph: SparseAffinities
    let curve: UMAPCurve
    let epochs: Int
    let learningRate: Double
    let negativeSampleRate: Int
    let repulsionStrength: Double
    let seed: UInt64

    /// Optimises `y` (row-major `count × dimensions`) in place.
    func optimize(_ y: inout [Double], dimensions: Int) {
        let n = graph.count
        let maximum = graph.values.max() ?? 1
        // Edges lighter than max/epochs are never sampled (umap-learn zeroes them).
        let epochsPerSample = graph.values.map { $0 < maximum / Double(epochs) ? -1 : maximum / $0 }
        var nextSample = epochsPerSample
        var nextNegative = epochsPerSample.map { $0 / Double(negativeSampleRate) }
        let (a, b) = (curve.a, curve.b)
        let blockSize = 256
        for epoch in 0..<epochs {
            let alpha = learningRate * (1 - Double(epoch) / Double(epochs))
            let snapshot = y
            y.withUnsafeMutableBufferPointer { current in
                nextSample.withUnsafeMutableBufferPointer { nextSample in
                    nextNegative.withUnsafeMutableBufferPointer { nextNegative in
                        Parallel.forEach((n + blockSize - 1) / blockSize) { block in
                            var generator = RandomGenerator(seed: seed &+ UInt64(epoch) &* 0x9E37_79B9 &+ UInt64(block) &* 0x85EB_CA6B)
                            for i in (block * blockSize)..<min(block * blockSize + blockSize, n) {
                                for e in graph.rowStart[i]..<graph.rowStart[i + 1] where epochsPerSample[e] > 0 && nextSample[e] <= Double(epoch) {
                                    let j = graph.columns[e]
                                    var d2 = 0.0
                                    for c in 0..<dimensions { let t = current[i * dimensions + c] - snapshot[j * dimensions + c]; d2 += t * t }
                                    let coefficient = d2 > 0 ? -2 * a * b * pow(d2, b - 1) / (a * pow(d2, b) + 1) : 0
                                    for c in 0..<dimensions {
                                        current[i * dimensions + c] += alpha * clip(coefficient * (current[i * dimensions + c] - snapshot[j * dimensions + c]))
                                    }
                                    nextSample[e] += epochsPerSample[e]
                                    let perNegative = epochsPerSample[e] / Double(negativeSampleRate)
                                    let negatives = Int((Double(epoch) - nextNegative[e]) / perNegative)
                                    for _ in 0..<max(negatives, 0) {
                                        let k = Int(generator.next() % UInt64(n))
                                        if k == i { continue }
                                        var d2 = 0.0
                                        for c in 0..<dimensions { let t = current[i * dimensions + c] - snapshot[k * dimensions + c]; d2 += t * t }
                                        guard d2 > 0 else { continue }
                                        let coefficient = 2 * repulsionStrength * b / ((0.001 + d2) * (a * pow(d2, b) + 1))
                                        for c in 0..<dimensions {
                                            current[i * dimensions + c] += alpha * clip(coefficient * (current[i * dimensions + c] - snapshot[k * dimensions + c]))
                                        }
                                    }
                                    nextNegative[e] += Double(max(negatives, 0)) * perNegative
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always) private func clip(_ value: Double) -> Double { min(max(value, -4), 4) }
}
