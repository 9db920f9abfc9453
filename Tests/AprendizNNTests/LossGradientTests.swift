import Aprendiz
import AprendizTestSupport
import Testing

/// Finite-difference checks of every loss's gradient (away from kinks), on seeded random inputs.
@Suite struct LossGradientTests {
    static func uniform(_ shape: [Int], _ range: ClosedRange<Float>, seed: UInt64) -> Tensor {
        var generator = RandomGenerator(seed: seed)
        return Tensor.randomUniform(shape, in: range, using: &generator)
    }

    let targets = uniform([4, 3], -1...1, seed: 1)
    let binary = uniform([4, 3], 0...1, seed: 2).greater(Tensor(0.5))
    let signs = uniform([4, 3], 0...1, seed: 3).greater(Tensor(0.5)) * 2 - 1
    let labels = Tensor([2, 0, 1, 2])

    @Test func regression() {
        let x = [Self.uniform([4, 3], -2...2, seed: 10)]
        expectGradientsMatchFiniteDifferences(x) { mseLoss(predictions: $0[0], targets: targets) }
        expectGradientsMatchFiniteDifferences(x) { maeLoss(predictions: $0[0], targets: targets, reduction: .sum) }
        expectGradientsMatchFiniteDifferences(x) { huberLoss(predictions: $0[0], targets: targets, delta: 0.7) }
    }

    @Test func binaryClassification() {
        let p = [Self.uniform([4, 3], 0.1...0.9, seed: 11)], z = [Self.uniform([4, 3], -4...4, seed: 12)]
        expectGradientsMatchFiniteDifferences(p) { binaryCrossEntropy(probabilities: $0[0], targets: binary) }
        expectGradientsMatchFiniteDifferences(z) {
            binaryCrossEntropy(logits: $0[0], targets: binary, positiveWeight: Tensor([0.5, 1, 3]))
        }
        expectGradientsMatchFiniteDifferences(z) { hingeLoss(scores: $0[0], labels: signs) }
        expectGradientsMatchFiniteDifferences(z) { squaredHingeLoss(scores: $0[0], labels: signs) }
        expectGradientsMatchFiniteDifferences(z) { multilabelCrossEntropy(logits: $0[0], targets: binary) }
    }

    @Test func categorical() {
        let z = [Self.uniform([4, 3], -3...3, seed: 13)]
        let p = [Self.uniform([4, 3], 0.05...0.95, seed: 14)]
        let oneHot = Tensor([[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
        let w = Tensor([0.5, 2, 1])
        expectGradientsMatchFiniteDifferences(z) {
            crossEntropy(logits: $0[0], labels: labels, classWeights: w, labelSmoothing: 0.1)
        }
        expectGradientsMatchFiniteDifferences(z) { crossEntropy(logits: $0[0], targets: oneHot, labelSmoothing: 0.2) }
        expectGradientsMatchFiniteDifferences(p) { categoricalCrossEntropy(probabilities: $0[0], targets: oneHot) }
        expectGradientsMatchFiniteDifferences(p) {
            sparseCategoricalCrossEntropy(probabilities: $0[0], labels: labels, classWeights: w, labelSmoothing: 0.1)
        }
    }

    @Test func metricAndAdversarial() {
        let embeddings = (0..<3).map { Self.uniform([4, 3], -1...1, seed: 20 + UInt64($0)) }
        expectGradientsMatchFiniteDifferences(embeddings) {
            tripletLoss(anchors: $0[0], positives: $0[1], negatives: $0[2], margin: 1)
        }
        expectGradientsMatchFiniteDifferences(Array(embeddings.prefix(2))) {
            contrastiveLoss(first: $0[0], second: $0[1], labels: Tensor([1, 0, 0, 1]), margin: 2)
        }
        let logits = Array(embeddings.prefix(2)).map { $0 * 3 }
        expectGradientsMatchFiniteDifferences(logits) { ganDiscriminatorLoss(realLogits: $0[0], fakeLogits: $0[1]) }
        expectGradientsMatchFiniteDifferences([logits[1]]) { ganMinimaxGeneratorLoss(fakeLogits: $0[0]) }
        expectGradientsMatchFiniteDifferences([logits[1]]) { ganNonSaturatingGeneratorLoss(fakeLogits: $0[0]) }
        expectGradientsMatchFiniteDifferences([logits[0]]) {
            compositeLoss([(weight: 0.3, loss: mseLoss(predictions: $0[0], targets: logits[1])),
                           (weight: 1, loss: ganNonSaturatingGeneratorLoss(fakeLogits: $0[0]))])
        }
    }
}
