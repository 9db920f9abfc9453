import Aprendiz
import AprendizTestSupport
import Testing

/// The book's derivative formulas of chapter 10, written out literally as tensor expressions,
/// against the autodiff gradient on seeded random inputs.
@Suite struct BookLossDerivativeTests {
    static func uniform(_ shape: [Int], _ range: ClosedRange<Float>, seed: UInt64) -> Tensor {
        var generator = RandomGenerator(seed: seed)
        return Tensor.randomUniform(shape, in: range, using: &generator)
    }

    /// ∂loss/∂input by autodiff.
    static func gradient(_ input: Tensor, _ loss: (Variable) -> Variable) -> Tensor {
        let x = Variable(input, requiresGradient: true)
        loss(x).backward()
        return x.grad!
    }

    static func softmax(_ z: Tensor) -> Tensor { (z - z.logSumExp(axes: [1], keepDims: true)).exp() }
    static func sigmoid(_ z: Tensor) -> Tensor { 1 / (1 + (-z).exp()) }

    let yHat = uniform([5, 4], -2...2, seed: 100)
    let y = uniform([5, 4], -2...2, seed: 101)
    var n: Float { Float(yHat.count) }

    @Test func eq10_2MeanSquaredError() {
        let formula = 2 / n * (yHat - y)
        expectClose(Self.gradient(yHat) { mseLoss(predictions: $0, targets: y) }, formula)
    }

    @Test func eq10_4MeanAbsoluteError() {
        let formula = 1 / n * (yHat - y).sign()
        expectClose(Self.gradient(yHat) { maeLoss(predictions: $0, targets: y) }, formula)
    }

    @Test func eq10_6Huber() {
        let delta: Float = 1
        let formula = Tensor.where((yHat - y).abs().lessOrEqual(Tensor(delta)), yHat - y, delta * (yHat - y).sign())
        expectClose(Self.gradient(yHat) { huberLoss(predictions: $0, targets: y, delta: delta, reduction: .sum) }, formula)
    }

    @Test func eq10_8BinaryCrossEntropy() {
        let p = Self.uniform([5, 4], 0.01...0.99, seed: 102)
        let t = Self.uniform([5, 4], 0...1, seed: 103).greater(Tensor(0.5))
        let formula = (p - t) / (p * (1 - p))
        expectClose(Self.gradient(p) { binaryCrossEntropy(probabilities: $0, targets: t, reduction: .sum) }, formula)
    }

    @Test func eq10_10Hinge() {
        let labels = y.greater(Tensor(0)) * 2 - 1
        let formula = Tensor.where((labels * yHat).less(Tensor(1)), -labels, Tensor.zeros(labels.shape))
        expectClose(Self.gradient(yHat) { hingeLoss(scores: $0, labels: labels, reduction: .sum) }, formula)
    }

    @Test func eq10_12CategoricalCrossEntropy() {
        let oneHot = Tensor([[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0], [0, 1, 0, 0]])
        let formula = Self.softmax(yHat) - oneHot
        expectClose(Self.gradient(yHat) { crossEntropy(logits: $0, targets: oneHot, reduction: .sum) }, formula)
    }

    @Test func eq10_14SparseCategoricalCrossEntropy() {
        let labels = Tensor([1, 0, 3, 2, 1])
        let oneHot = Tensor.eye(4).selecting([1, 0, 3, 2, 1])
        let formula = Self.softmax(yHat) - oneHot
        expectClose(Self.gradient(yHat) { crossEntropy(logits: $0, labels: labels, reduction: .sum) }, formula)
    }

    @Test func eq10_16Multilabel() {
        let t = y.greater(Tensor(0))
        let classes = Float(yHat.shape[1])
        let formula = 1 / classes * (Self.sigmoid(yHat) - t)
        expectClose(Self.gradient(yHat) { multilabelCrossEntropy(logits: $0, targets: t, reduction: .sum) }, formula)
    }
}
