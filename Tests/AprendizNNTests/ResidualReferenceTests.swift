import Aprendiz
import AprendizTestSupport
import Testing

/// ResNet basic and bottleneck blocks (identity and projection shortcuts) in training mode against the
/// same blocks built from `torch.nn.Conv2d`, `BatchNorm2d` and `ReLU` in float64
/// (`Tests/Fixtures/layers_ch22_24.json`): output, gradients of the input and of every convolution and
/// batch-norm parameter, and the running statistics after the batch.
@Suite struct ResidualReferenceTests {
    nonisolated(unsafe) static let cases = try! JSONFixture("layers_ch22_24.json")["residual"].array

    static func block(_ c: JSONFixture) -> Residual {
        var generator = RandomGenerator(seed: 1)
        if c["kind"].string == "basic" {
            return .basicBlock(inputs: c["inputs"].int, outputs: c["outputs"].int, stride: c["stride"].int, using: &generator)
        }
        return .bottleneckBlock(inputs: c["inputs"].int, middle: c["middle"].int, outputs: c["outputs"].int,
                                stride: c["stride"].int, using: &generator)
    }

    @Test(arguments: cases.map { $0["name"].string })
    func blockMatchesPyTorch(_ name: String) {
        let c = Self.cases.first { $0["name"].string == name }!
        let block = Self.block(c)
        let parameters = block.namedParameters()
        #expect(parameters.map(\.name).sorted() == c["parameters"].keys.sorted())
        for (key, parameter) in parameters { parameter.value = c["parameters"][key].tensor }
        let x = Variable(c["input"].tensor, requiresGradient: true)
        let y = block(x)
        expectClose(y.value, c["output"].tensor, absolute: 1e-5, relative: 1e-5, "output of \(name)")
        y.backward(c["upstream"].tensor)
        expectClose(x.grad!, c["inputGrad"].tensor, absolute: 1e-5, relative: 1e-5, "∂/∂input of \(name)")
        for (key, parameter) in parameters {
            expectClose(parameter.grad ?? Tensor(0), c["grads"][key].tensor, absolute: 1e-5, relative: 1e-5, "∂/∂\(key) of \(name)")
        }
        let buffers = Dictionary(uniqueKeysWithValues: block.namedBuffers().map { ($0.name, $0.buffer) })
        for key in c["running"].keys {
            expectClose(buffers[key]!.value, c["running"][key].tensor, absolute: 1e-6, relative: 1e-5, "\(key) of \(name)")
        }
    }

    @Test func fixtureCoversBothBlocksAndShortcuts() {
        let names = Set(Self.cases.map { $0["name"].string })
        #expect(names == ["basic_identity", "basic_projection_stride2", "bottleneck_projection", "bottleneck_identity_stride1"])
        #expect(Self.block(Self.cases[0]).shortcut == nil && Self.block(Self.cases[1]).shortcut != nil)
    }

    /// The block's input gradient (identity and projection paths together) against finite differences.
    @Test func basicBlockMatchesFiniteDifferences() {
        var generator = RandomGenerator(seed: 22)
        let block = Residual.basicBlock(inputs: 2, outputs: 3, stride: 2, using: &generator)
        block.eval()    // fixed statistics: the finite differences then see one smooth function per element
        expectGradientsMatchFiniteDifferences([Tensor.randomUniform([1, 4, 4, 2], in: -1...1, using: &generator)],
                                              upstream: Tensor.randomUniform([1, 2, 2, 3], in: -1...1, using: &generator),
                                              step: 1e-3) { v in block(v[0]) }
    }

    /// The small ResNet maps 28×28 images to logits and has the parameter count its documentation gives.
    @Test func smallResNetShapes() {
        var generator = RandomGenerator(seed: 3)
        let model = Sequential.smallResNet(using: &generator)
        #expect(model(Tensor.zeros([2, 28, 28, 1])).shape == [2, 10])
        #expect(model.parameters().map(\.value.count).reduce(0, +) == 77_754)
        let named = try? ModelCatalog.named("small-resnet").make(classes: 10, using: &generator)
        #expect(named?.describedArchitecture == model.describedArchitecture && ModelCatalog.smallResNet.inputShape == [28, 28, 1])
    }
}
