import Aprendiz
import AprendizTestSupport
import Testing

/// Every loss against `Tests/Fixtures/losses.json` (Tools/fixtures/generate_losses.py): the value and
/// the gradient of every differentiable input against PyTorch (float64), for every reduction,
/// class weights, label smoothing, logits of ±100 and probabilities near 0 and 1.
@Suite struct LossReferenceTests {
    static let fixture = try! ReferenceFixture.load("losses.json")

    /// The Aprendiz call for each fixture op. `x` are the inputs as variables (predictions first).
    static func apply(_ c: ReferenceFixture.Case, _ x: [Variable]) -> Variable {
        let a = c.args
        let reduction = a["reduction"].flatMap { value -> LossReduction? in
            if case .string(let name) = value { LossReduction(rawValue: name) } else { nil }
        } ?? .mean
        let weights = a["weightsIndex"]?.int.map { x[$0].value }
        let smoothing = a["labelSmoothing"]?.float ?? 0
        switch c.op {
        case "mse": return mseLoss(predictions: x[0], targets: x[1].value, reduction: reduction,
                                   halved: a["halved"]?.bool ?? false)
        case "mae": return maeLoss(predictions: x[0], targets: x[1].value, reduction: reduction)
        case "huber": return huberLoss(predictions: x[0], targets: x[1].value, delta: a["delta"]!.float!, reduction: reduction)
        case "bce": return binaryCrossEntropy(probabilities: x[0], targets: x[1].value, weights: weights, reduction: reduction)
        case "bceLogits":
            return binaryCrossEntropy(logits: x[0], targets: x[1].value, weights: weights,
                                      positiveWeight: a["positiveWeightIndex"]?.int.map { x[$0].value }, reduction: reduction)
        case "hinge": return hingeLoss(scores: x[0], labels: x[1].value, reduction: reduction)
        case "squaredHinge": return squaredHingeLoss(scores: x[0], labels: x[1].value, reduction: reduction)
        case "crossEntropyLabels":
            return crossEntropy(logits: x[0], labels: x[1].value, classWeights: weights, labelSmoothing: smoothing, reduction: reduction)
        case "crossEntropyTargets":
            return crossEntropy(logits: x[0], targets: x[1].value, classWeights: weights, labelSmoothing: smoothing, reduction: reduction)
        case "categorical":
            return categoricalCrossEntropy(probabilities: x[0], targets: x[1].value, classWeights: weights,
                                           labelSmoothing: smoothing, reduction: reduction)
        case "sparseCategorical":
            return sparseCategoricalCrossEntropy(probabilities: x[0], labels: x[1].value, classWeights: weights,
                                                 labelSmoothing: smoothing, reduction: reduction)
        case "multilabel": return multilabelCrossEntropy(logits: x[0], targets: x[1].value, classWeights: weights, reduction: reduction)
        case "triplet":
            return tripletLoss(anchors: x[0], positives: x[1], negatives: x[2], margin: a["margin"]!.float!, reduction: reduction)
        case "contrastive":
            return contrastiveLoss(first: x[0], second: x[1], labels: x[2].value, margin: a["margin"]!.float!, reduction: reduction)
        case "ganDiscriminator": return ganDiscriminatorLoss(realLogits: x[0], fakeLogits: x[1])
        case "ganMinimaxGenerator": return ganMinimaxGeneratorLoss(fakeLogits: x[0])
        case "ganNonSaturatingGenerator": return ganNonSaturatingGeneratorLoss(fakeLogits: x[0])
        case "composite":
            return compositeLoss([(weight: 0.5, loss: mseLoss(predictions: x[0], targets: x[1].value)),
                                  (weight: 2, loss: maeLoss(predictions: x[0], targets: x[1].value))])
        default: fatalError("no Aprendiz call for fixture op \(c.op)")
        }
    }

    @Test(arguments: fixture.cases.map { $0.name })
    func valueAndGradientMatchPyTorch(_ name: String) {
        let c = Self.fixture.cases.first { $0.name == name }!
        let inputs = c.inputs.enumerated().map { i, array in
            Variable(array.tensor, requiresGradient: c.grads?[i] != nil)
        }
        let loss = Self.apply(c, inputs)
        expectClose(loss.value, c.output.tensor, absolute: 1e-5, relative: 1e-4, "value of \(name)")
        loss.backward(c.upstream?.tensor)
        for (i, expected) in (c.grads ?? []).enumerated() {
            guard let expected else { continue }
            guard let grad = inputs[i].grad else {
                Issue.record("\(name): input \(i) got no gradient")
                continue
            }
            expectClose(grad, expected.tensor, absolute: 1e-5, relative: 1e-4, "gradient of input \(i) of \(name)")
        }
    }

    @Test func everyFixtureOpIsCovered() {
        let ops = Set(Self.fixture.cases.map(\.op))
        #expect(ops.count == 18)
        #expect(Self.fixture.cases.count >= 80)
    }
}
