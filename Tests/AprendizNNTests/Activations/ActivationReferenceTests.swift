import Aprendiz
import AprendizTestSupport
import Testing

/// Every activation and its derivative against PyTorch on the grid ±0, ±1e-8, ±0.5, ±1, ±2.5, ±3,
/// ±5, ±10, ±20, ±100 and 24 random points in (−6, 6) (Tools/fixtures/generate_activations.py).
@Suite struct ActivationReferenceTests {
    static let fixture = ActivationFixture.shared

    @Test(arguments: ActivationFixture.shared.functions.indices)
    func valueAndDerivativeMatchPyTorch(_ index: Int) {
        let entry = Self.fixture.functions[index]
        let (value, derivative) = ActivationFixture.valueAndDerivative(ActivationFixture.function(entry),
                                                                       at: Self.fixture.gridTensor)
        expectClose(value, entry.f.tensor, absolute: 1e-6, relative: 1e-5, "\(entry.label) f")
        expectClose(derivative, entry.df.tensor, absolute: 1e-6, relative: 1e-5, "\(entry.label) f′")
        // The grid has 44 points: the first 40 run through the SIMD loop, the last 4 through the
        // scalar tail. Reversed, the extremes swap paths, so both forms see every point.
        let reversed = Tensor(Array(Self.fixture.grid.reversed()))
        let (valueReversed, _) = ActivationFixture.valueAndDerivative(ActivationFixture.function(entry), at: reversed)
        expectClose(valueReversed, Tensor(Array(entry.f.tensor.scalars.reversed())), absolute: 1e-6, relative: 1e-5,
                    "\(entry.label) f, reversed grid")
    }

    /// The registry's evaluator (what `plot activation` prints) gives the same numbers for the
    /// default arguments.
    @Test func registryEvaluatorMatchesPyTorchForDefaults() {
        let defaults: [String: [String: Double]] = ["leaky-relu": ["alpha": 0.01], "elu": ["alpha": 1], "swish": ["beta": 1]]
        for entry in Self.fixture.functions where defaults[entry.name].map({ $0 == entry.args }) ?? true {
            guard let activation = Activation(rawValue: entry.name) else {
                Issue.record("fixture name \(entry.name) is not in the registry")
                continue
            }
            let (value, derivative) = activation.evaluate(Self.fixture.gridTensor)
            expectClose(value, entry.f.tensor, absolute: 1e-6, relative: 1e-5, "\(entry.label) f")
            expectClose(derivative, entry.df.tensor, absolute: 1e-6, relative: 1e-5, "\(entry.label) f′")
        }
    }

    @Test func everyRegisteredNameHasAReference() {
        let names = Set(Self.fixture.functions.map(\.name))
        #expect(Activation.allCases.filter { !names.contains($0.name) }.isEmpty)
    }

    @Test func preluGradientsWithRespectToInputAndPerChannelAlpha() {
        let c = Self.fixture.prelu
        let x = Variable(c.input.tensor, requiresGradient: true)
        let alpha = Variable(c.alpha.tensor, requiresGradient: true)
        let y = Aprendiz.prelu(x, alpha: alpha)
        expectClose(y.value, c.output.tensor, absolute: 1e-6, relative: 1e-5)
        y.backward(c.upstream.tensor)
        expectClose(x.grad!, c.gradInput.tensor, absolute: 1e-6, relative: 1e-5)
        expectClose(alpha.grad!, c.gradAlpha.tensor, absolute: 1e-5, relative: 1e-5)
    }

    @Test(arguments: ActivationFixture.shared.softmax.indices)
    func softmaxAndLogSoftmaxMatchPyTorch(_ index: Int) {
        let c = Self.fixture.softmax[index]
        let x = Variable(c.input.tensor, requiresGradient: true)
        let y = c.op == "softmax" ? softmax(x, axis: c.axis) : logSoftmax(x, axis: c.axis)
        expectClose(y.value, c.output.tensor, absolute: 1e-6, relative: 1e-5, "\(c.name)")
        y.backward(c.upstream.tensor)
        expectClose(x.grad!, c.grad.tensor, absolute: 1e-6, relative: 1e-5, "\(c.name) gradient")
    }
}
