import Aprendiz
import AprendizTestSupport
import Testing

/// LayerNorm, BatchNorm (1-D and 2-D, training and inference), GroupNorm and Embedding against
/// `Tests/Fixtures/layers_ch22_24.json` (Tools/fixtures/generate_layers_ch22_24.py): PyTorch's
/// `nn.LayerNorm`, `nn.BatchNorm1d/2d`, `nn.GroupNorm` and `nn.Embedding` in float64 — the output, the
/// gradients of the input and of γ and β, and the running statistics after each batch.
@Suite struct NormalizationReferenceTests {
    nonisolated(unsafe) static let fixture = try! JSONFixture("layers_ch22_24.json")
    nonisolated(unsafe) static let cases = fixture["normalization"].array

    static func makeLayer(_ c: JSONFixture) -> (Module, [(String, Variable)]) {
        let args = c["args"], layer = c["layer"].string
        func option(_ key: String) -> JSONFixture? { args.has(key) ? args[key] : nil }
        let epsilon = option("epsilon")?.float ?? 1e-5
        switch layer {
        case "LayerNorm":
            let l = LayerNorm(args["normalizedShape"].array.map(\.int), epsilon: epsilon,
                              elementwiseAffine: option("elementwiseAffine")?.bool ?? true)
            return (l, [("weight", l.weight), ("bias", l.bias)].compactMap { n, v in v.map { (n, $0) } })
        case "BatchNorm":
            let momentum: Float? = option("momentum").map { $0.isNull ? nil : $0.float } ?? 0.1
            let l = BatchNorm(args["channels"].int, epsilon: epsilon, momentum: momentum,
                              trackRunningStatistics: option("trackRunningStatistics")?.bool ?? true)
            let named: [(String, Variable?)] = [("weight", l.weight), ("bias", l.bias), ("runningMean", l.runningMean),
                                                ("runningVariance", l.runningVariance)]
            return (l, named.compactMap { n, v in v.map { (n, $0) } })
        case "GroupNorm":
            let l = GroupNorm(groups: args["groups"].int, channels: args["channels"].int, epsilon: epsilon,
                              affine: option("affine")?.bool ?? true)
            return (l, [("weight", l.weight), ("bias", l.bias)].compactMap { n, v in v.map { (n, $0) } })
        default: fatalError("no Aprendiz layer for fixture layer \(layer)")
        }
    }

    @Test(arguments: cases.map { $0["name"].string })
    func outputGradientsAndRunningStatisticsMatchPyTorch(_ name: String) {
        let c = Self.cases.first { $0["name"].string == name }!
        let (layer, tensors) = Self.makeLayer(c)
        for (key, variable) in tensors where c["parameters"].has(key) { variable.value = c["parameters"][key].tensor }
        layer.train(c["training"].bool)
        let inputs = c["inputs"].array.map(\.tensor)
        for x in inputs.dropLast() { _ = withoutGradient { layer(x) } }
        let x = Variable(inputs.last!, requiresGradient: true)
        let y = layer(x)
        expectClose(y.value, c["output"].tensor, absolute: 1e-5, relative: 1e-5, "output of \(name)")
        y.backward(c["upstream"].tensor)
        expectClose(x.grad ?? Tensor(0), c["grads"]["input"].tensor, absolute: 1e-5, relative: 1e-5, "∂/∂input of \(name)")
        for (key, variable) in tensors where c["grads"].has(key) {
            expectClose(variable.grad ?? Tensor(0), c["grads"][key].tensor, absolute: 1e-5, relative: 1e-5, "∂/∂\(key) of \(name)")
        }
        if c.has("after"), let batchNorm = layer as? BatchNorm {
            expectClose(batchNorm.runningMean!.value, c["after"]["runningMean"].tensor, absolute: 1e-6, relative: 1e-5)
            expectClose(batchNorm.runningVariance!.value, c["after"]["runningVariance"].tensor, absolute: 1e-6, relative: 1e-5)
            #expect(batchNorm.batchesTracked!.value.scalars == [Float(c["after"]["batchesTracked"].int)])
        }
    }

    @Test func fixtureCoversBothModesOfBothBatchNorms() {
        let names = Set(Self.cases.map { $0["name"].string })
        #expect(names.isSuperset(of: ["batchnorm1d_train", "batchnorm1d_eval", "batchnorm2d_train", "batchnorm2d_eval"]))
        #expect(Set(Self.cases.map { $0["layer"].string }) == ["LayerNorm", "BatchNorm", "GroupNorm"])
    }

    @Test func embeddingMatchesPyTorch() {
        let e = Self.fixture["embedding"]
        let layer = Embedding(7, 3)
        layer.weight.value = e["weight"].tensor
        let y = layer(e["indices"].tensor)
        expectClose(y.value, e["output"].tensor, absolute: 0, relative: 0)
        y.backward(e["upstream"].tensor)
        expectClose(layer.weight.grad!, e["grad"].tensor, absolute: 1e-6, relative: 1e-6)
    }
}
