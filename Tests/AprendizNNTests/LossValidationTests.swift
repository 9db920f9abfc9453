import Aprendiz
import Testing

/// Bad targets give an error naming the loss, the index and the value; ``Loss/named(_:)`` lists the
/// valid names.
@Suite struct LossValidationTests {
    static func message(_ loss: Loss, _ predictions: Tensor, _ targets: Tensor) -> String? {
        do {
            try loss.validate(predictions: predictions, targets: targets)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func sparseLabelOutOfRange() {
        let text = Self.message(.crossEntropy, Tensor.zeros([3, 4]), Tensor([0, 4, 1]))
        #expect(text == "crossEntropy: labels[1] = 4.0 is not a class index in 0..<4")
    }

    @Test func fractionalLabel() {
        let text = Self.message(.sparseCategoricalCrossEntropy, Tensor.full([2, 3], value: 1.0 / 3), Tensor([0, 1.5]))
        #expect(text == "sparseCategoricalCrossEntropy: labels[1] = 1.5 is not a class index in 0..<3")
    }

    @Test func oneHotRowThatDoesNotSumToOne() {
        let text = Self.message(.crossEntropyOneHot, Tensor.zeros([2, 3]), Tensor([[0, 1, 0], [1, 1, 0]]))
        #expect(text == "crossEntropy(logits:targets:): targets row 1 sums to 2.0, not 1 (one-hot or a distribution)")
    }

    @Test func probabilityOutsideUnitInterval() {
        let text = Self.message(.binaryCrossEntropy, Tensor([[0.2, 1.3], [0.5, 0.5]]), Tensor([[0, 1], [1, 0]]))
        #expect(text == "binaryCrossEntropy: probabilities[0, 1] = 1.3 is not a probability in [0, 1]")
        let target = Self.message(.binaryCrossEntropyWithLogits, Tensor([3, -2]), Tensor([1, -1]))
        #expect(target == "binaryCrossEntropy(logits:): targets[1] = -1.0 is not a probability in [0, 1]")
    }

    @Test func hingeLabelsMustBePlusMinusOne() {
        let text = Self.message(.hinge, Tensor([0.3, -2, 1]), Tensor([1, 0, -1]))
        #expect(text == "hingeLoss: labels[1] = 0.0 is not -1 or 1")
    }

    @Test func shapeMismatch() {
        let text = Self.message(.mse, Tensor.zeros([4, 1]), Tensor.zeros([4]))
        #expect(text == "mse: predictions shape [4, 1] differs from targets shape [4]")
    }

    @Test func validTargetsPass() {
        #expect(Self.message(.crossEntropy, Tensor.zeros([2, 3]), Tensor([2, 0])) == nil)
        #expect(Self.message(.composite([(1, .mse), (0.5, .mae)]), Tensor([1, 2]), Tensor([0, 2])) == nil)
    }

    @Test func namedLookup() throws {
        #expect(try Loss.named("cross-entropy").name == "cross-entropy")
        #expect(try Loss.named("binary-cross-entropy-with-logits").name == "binary-cross-entropy-with-logits")
        #expect(Set(Loss.catalog.map(\.name)).count == Loss.catalog.count)
        #expect(Loss.catalog.allSatisfy { $0.name == $0.name.lowercased() && !$0.name.contains(" ") })
        #expect(try Loss.named(" Cross-Entropy ").name == "cross-entropy")
        #expect(throws: CatalogueError(family: "loss", name: "cross_entropy", known: Loss.catalog.map(\.name))) {
            try Loss.named("cross_entropy")
        }
        do {
            _ = try Loss.named("nope")
            Issue.record("Loss.named accepted an unknown name")
        } catch {
            #expect(error.description.hasPrefix("unknown loss 'nope' (known: mse, mae, huber, binary-cross-entropy,"))
        }
    }

    @Test func lossValueComputesItsFunction() {
        // MSE of [1, 2] against [0, 2] = (1 + 0)/2 = 0.5 (eq. 10.1 by hand).
        #expect(Loss.mse(Variable(Tensor([1, 2])), Tensor([0, 2])).value.scalar == 0.5)
        // Composite 2·MSE + 1·MAE = 2·0.5 + 0.5 = 1.5 (eq. 10.18 by hand).
        #expect(Loss.composite([(2, .mse), (1, .mae)])(Variable(Tensor([1, 2])), Tensor([0, 2])).value.scalar == 1.5)
    }

    @Test func lossFunctionStopsOnBadLabel() async {
        await #expect(processExitsWith: .failure) {
            _ = crossEntropy(logits: Variable(Tensor.zeros([2, 3])), labels: Tensor([0, 7]))
        }
    }
}
