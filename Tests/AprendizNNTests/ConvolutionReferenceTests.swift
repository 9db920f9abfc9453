import Aprendiz
import AprendizTestSupport
import Testing

/// Convolution and pooling against `Tests/Fixtures/convolution.json`
/// (Tools/fixtures/generate_convolution.py): PyTorch's `F.conv2d`, `F.max_pool2d`, `F.avg_pool2d` and
/// `F.adaptive_avg_pool2d` in float64, transposed NCHW ↔ NHWC — output and the gradient of every input
/// for strides, `valid`/`same`/explicit padding, dilations, groups and depthwise filters.
@Suite struct ConvolutionReferenceTests {
    static let fixture = try! ReferenceFixture.load("convolution.json")

    static func pair(_ value: JSONValue?) -> (Int, Int) {
        let values = value!.ints!
        return (values[0], values[1])
    }

    static func padding(_ value: JSONValue?) -> ConvolutionPadding {
        switch value {
        case .string(let name)?: return ConvolutionPadding(parsing: name)!
        case .number(let amount)?: return .uniform(Int(amount))
        case .array?:
            let p = value!.ints!
            return .explicit(top: p[0], bottom: p[1], left: p[2], right: p[3])
        default: fatalError("bad padding \(String(describing: value))")
        }
    }

    /// The Aprendiz call for each fixture op.
    static func apply(_ c: ReferenceFixture.Case, _ x: [Variable]) -> Variable {
        let a = c.args
        switch c.op {
        case "conv2d":
            return conv2d(x[0], filter: x[1], bias: x.count > 2 ? x[2] : nil, stride: pair(a["stride"]),
                          padding: padding(a["padding"]), dilation: pair(a["dilation"]), groups: a["groups"]!.int!)
        case "maxPool2D":
            return maxPool2D(x[0], size: pair(a["size"]), stride: pair(a["stride"]), padding: padding(a["padding"]))
        case "averagePool2D":
            return averagePool2D(x[0], size: pair(a["size"]), stride: pair(a["stride"]), padding: padding(a["padding"]),
                                 countIncludesPadding: a["countIncludesPadding"]!.bool!)
        case "globalAveragePool2D":
            return globalAveragePool2D(x[0], keepDims: a["keepDims"]!.bool!)
        default: fatalError("no Aprendiz call for fixture op \(c.op)")
        }
    }

    @Test(arguments: fixture.cases.map { $0.name })
    func outputAndGradientsMatchPyTorch(_ name: String) {
        let c = Self.fixture.cases.first { $0.name == name }!
        let inputs = c.inputs.map { Variable($0.tensor, requiresGradient: true) }
        let output = Self.apply(c, inputs)
        expectClose(output.value, c.output.tensor, absolute: 1e-5, relative: 1e-4, "output of \(name)")
        output.backward(c.upstream!.tensor)
        for (i, expected) in c.grads!.enumerated() {
            guard let expected else { continue }
            guard let grad = inputs[i].grad else {
                Issue.record("\(name): input \(i) got no gradient")
                continue
            }
            expectClose(grad, expected.tensor, absolute: 1e-5, relative: 1e-4, "gradient of input \(i) of \(name)")
        }
    }

    @Test func fixtureCoversEveryOperation() {
        #expect(Set(Self.fixture.cases.map(\.op)) == ["conv2d", "maxPool2D", "averagePool2D", "globalAveragePool2D"])
        #expect(Self.fixture.cases.filter { $0.op == "conv2d" }.count >= 12)
    }
}
