import Aprendiz
import AprendizTestSupport
import Testing

@Suite struct DenseTests {
    /// Reference: torch.nn.Linear(3, 2) (Tools/fixtures/generate_layers.py). PyTorch stores the
    /// weight as [out, in] = [2, 3] and computes x·Wᵀ + b; Aprendiz stores [in, out] = [3, 2] and
    /// computes x·W + b, so the fixture's weight and weight gradient are transposed here.
    @Test func forwardAndBackwardMatchPyTorchLinear() throws {
        let fixture = try JSONFixture("layers.json")["dense"]
        var generator = RandomGenerator(seed: 1)
        let layer = Dense(3, 2, using: &generator)
        layer.weight.value = fixture["torch_weight"].tensor.transposed()
        layer.bias!.value = fixture["bias"].tensor
        let x = Variable(fixture["input"].tensor, requiresGradient: true)
        let y = layer(x)
        expectClose(y.value, fixture["output"].tensor)
        y.backward(fixture["upstream"].tensor)
        expectClose(x.grad!, fixture["grad_input"].tensor)
        expectClose(layer.weight.grad!, fixture["torch_grad_weight"].tensor.transposed())
        expectClose(layer.bias!.grad!, fixture["grad_bias"].tensor)
    }

    @Test func parametersAndShapes() {
        var generator = RandomGenerator(seed: 2)
        let layer = Dense(5, 4, using: &generator)
        #expect(layer.namedParameters().map(\.name) == ["weight", "bias"])
        #expect(layer.weight.shape == [5, 4] && layer.bias!.shape == [4])
        #expect(layer.bias!.value == Tensor.zeros([4]))  // Keras default: zero bias
        let noBias = Dense(5, 4, useBias: false, using: &generator)
        #expect(noBias.namedParameters().map(\.name) == ["weight"])
        // A rank-3 input is a batch of rows of its last axis.
        #expect(layer(Tensor.ones([2, 3, 5])).shape == [2, 3, 4])
    }

    @Test func sameSeedSameWeights() {
        var a = RandomGenerator(seed: 7), b = RandomGenerator(seed: 7)
        #expect(Dense(3, 3, using: &a).weight.value == Dense(3, 3, using: &b).weight.value)
    }
}

@Suite struct SequentialTests {
    @Test func composesLayersWithStableNames() {
        var generator = RandomGenerator(seed: 3)
        let model = Sequential(Dense(4, 8, using: &generator), Flatten(), Dropout(probability: 0.2), Dense(8, 2, using: &generator))
        #expect(model.namedParameters().map(\.name) == ["layers.0.weight", "layers.0.bias", "layers.3.weight", "layers.3.bias"])
        #expect(model(Tensor.ones([6, 4])).shape == [6, 2])
        model.eval()
        #expect(model.layers.allSatisfy { !$0.isTraining })
    }

    @Test func architectureRoundTripsThroughJSON() throws {
        var generator = RandomGenerator(seed: 4)
        let model = Sequential(Dense(4, 8, using: &generator), Dropout(probability: 0.25), Flatten(),
                               Dense(8, 3, useBias: false, using: &generator))
        let json = try #require(model.describedArchitecture).jsonString()
        #expect(json.contains(#""type":"Dense""#) && json.contains(#""probability":0.25"#))
        let rebuilt = try ArchitectureRegistry.standard.build(Architecture(jsonString: json))
        #expect(rebuilt.describedArchitecture == model.describedArchitecture)
        #expect(rebuilt.namedParameters().map(\.name) == model.namedParameters().map(\.name))
        #expect(rebuilt.namedParameters().map(\.parameter.shape) == model.namedParameters().map(\.parameter.shape))
    }

    @Test func unknownTypesAndBadOptionsAreReported() {
        #expect(throws: ArchitectureError.unknownType("Mystery")) {
            try ArchitectureRegistry.standard.build(Architecture(type: "Mystery"))
        }
        #expect(throws: ArchitectureError.badOption(type: "Dense", name: "outputs")) {
            try ArchitectureRegistry.standard.build(Architecture(type: "Dense", options: ["inputs": .int(2), "outputs": .string("x")]))
        }
        #expect(throws: ArchitectureError.self) { try Architecture(jsonString: "{not json") }
    }

    final class Custom: Module {
        let inner = Dense(2, 2)
        override func callAsFunction(_ x: Variable) -> Variable { inner(x) * 2 }
    }

    @Test func aContainerWithAnUndescribableLayerHasNoArchitecture() {
        #expect(Sequential(Custom()).describedArchitecture == nil)
        #expect(Sequential(Custom()).namedParameters().map(\.name) == ["layers.0.inner.weight", "layers.0.inner.bias"])
    }
}

@Suite struct FlattenAndDropoutTests {
    @Test func flattenKeepsTheBatchAxis() {
        let x = Variable(Tensor.ones([2, 3, 4]), requiresGradient: true)
        let y = Flatten()(x)
        #expect(y.shape == [2, 12])
        y.sum().backward()
        #expect(x.grad == Tensor.ones([2, 3, 4]))
    }

    /// Inverted dropout, hand-derived: a kept element is x/(1 − p) = 1/0.75; the fraction kept is
    /// Binomial(n, 0.75)/n, within 0.01 of 0.75 for n = 40 000 (4.5 standard deviations).
    @Test func trainingDropsAndRescalesInferenceIsIdentity() {
        let layer = Dropout(probability: 0.25, seed: 9)
        let x = Variable(Tensor.ones([200, 200]), requiresGradient: true)
        let y = layer(x)
        let values = y.value.scalars
        #expect(values.allSatisfy { $0 == 0 || Swift.abs($0 - 1 / 0.75) < 1e-6 })
        let kept = Float(values.filter { $0 != 0 }.count) / Float(values.count)
        #expect(Swift.abs(kept - 0.75) < 0.01)
        y.sum().backward()
        #expect(x.grad == y.value)  // ∂y/∂x = m/(1 − p), and x = 1
        layer.eval()
        #expect(layer(x).value == x.value)
    }
}
