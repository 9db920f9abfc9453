import Aprendiz
import AprendizTestSupport
import Testing

/// Every tensor-core op against `Tests/Fixtures/tensor_ops.json` (Tools/fixtures/generate_tensor_ops.py):
/// the forward value against NumPy, the gradient for the fixture's upstream gradient against PyTorch
/// autograd (float64).
@Suite struct OpReferenceTests {
    static let fixture = try! ReferenceFixture.load("tensor_ops.json")

    /// The Aprendiz call for each fixture op name, on variables (forward values are `.value`).
    static func apply(_ c: ReferenceFixture.Case, _ x: [Variable]) -> Variable? {
        let a = c.args
        let axes = a["axes"]?.ints
        let keep = a["keepDims"]?.bool ?? false
        switch c.op {
        case "add": return x[0] + x[1]
        case "subtract": return x[0] - x[1]
        case "multiply": return x[0] * x[1]
        case "divide": return x[0] / x[1]
        case "maximum": return x[0].maximum(x[1])
        case "minimum": return x[0].minimum(x[1])
        case "pow": return x[0].pow(x[1])
        case "addScalar": return x[0] + a["scalar"]!.float!
        case "multiplyScalar": return x[0] * a["scalar"]!.float!
        case "divideScalar": return x[0] / a["scalar"]!.float!
        case "scalarSubtract": return a["scalar"]!.float! - x[0]
        case "negate": return -x[0]
        case "powScalar": return x[0].pow(a["exponent"]!.float!)
        case "exp": return x[0].exp()
        case "log": return x[0].log()
        case "log1p": return x[0].log1p()
        case "expm1": return x[0].expm1()
        case "sqrt": return x[0].sqrt()
        case "rsqrt": return x[0].rsqrt()
        case "abs": return x[0].abs()
        case "sign": return x[0].sign()
        case "sin": return x[0].sin()
        case "cos": return x[0].cos()
        case "tanh": return x[0].tanh()
        case "erf": return x[0].erf()
        case "square": return x[0].squared()
        case "clamp": return x[0].clamped(min: a["min"]!.float!, max: a["max"]!.float!)
        case "where": return Variable.where(x[0].value, x[1], x[2])
        case "less": return Variable(x[0].value.less(x[1].value))
        case "greater": return Variable(x[0].value.greater(x[1].value))
        case "equal": return Variable(x[0].value.equal(x[1].value))
        case "lessOrEqual": return Variable(x[0].value.lessOrEqual(x[1].value))
        case "greaterOrEqual": return Variable(x[0].value.greaterOrEqual(x[1].value))
        case "notEqual": return Variable(x[0].value.notEqual(x[1].value))
        case "sum": return x[0].sum(axes: axes, keepDims: keep)
        case "mean": return x[0].mean(axes: axes, keepDims: keep)
        case "max": return x[0].max(axes: axes, keepDims: keep)
        case "min": return x[0].min(axes: axes, keepDims: keep)
        case "logSumExp": return x[0].logSumExp(axes: axes, keepDims: keep)
        case "variance": return x[0].variance(axes: axes, correction: a["correction"]!.int!, keepDims: keep)
        case "argmax": return Variable(x[0].value.argmax(axis: a["axis"]?.int))
        case "argmin": return Variable(x[0].value.argmin(axis: a["axis"]?.int))
        case "matmul":
            return x[0].matmul(x[1], transposeSelf: a["transposeSelf"]!.bool!, transposeOther: a["transposeOther"]!.bool!)
        case "reshape": return x[0].reshaped(a["shape"]!.ints!)
        case "permute": return x[0].permuted(a["permutation"]!.ints!)
        case "transpose": return x[0].transposed(a["axis0"]!.int!, a["axis1"]!.int!)
        case "broadcast": return x[0].broadcast(to: a["shape"]!.ints!)
        case "squeeze": return x[0].squeezed(axis: a["axis"]?.int)
        case "unsqueeze": return x[0].unsqueezed(axis: a["axis"]!.int!)
        case "concatenate": return Variable.concatenate(x, axis: a["axis"]!.int!)
        case "stack": return Variable.stack(x, axis: a["axis"]!.int!)
        case "split":
            return x[0].split(sizes: a["sizes"]!.ints!, axis: a["axis"]!.int!)[a["piece"]!.int!] * a["scale"]!.float!
        case "slice": return x[0].slice(axis: a["axis"]!.int!, a["start"]!.int!..<a["end"]!.int!)
        case "selecting": return x[0].selecting(a["indices"]!.ints!, axis: a["axis"]!.int!)
        case "gather": return x[0].gathering(axis: a["axis"]!.int!, indices: x[1].value)
        case "scatterAdd": return x[0].scatterAdding(axis: a["axis"]!.int!, indices: x[1].value, source: x[2])
        case "arange": return Variable(Tensor.arange(a["start"]!.float!, a["end"]!.float!, step: a["step"]!.float!))
        case "linspace": return Variable(Tensor.linspace(a["start"]!.float!, a["end"]!.float!, count: a["count"]!.int!))
        case "eye": return Variable(Tensor.eye(a["n"]!.int!, a["m"]!.int!))
        default: return nil
        }
    }

    static var caseNames: [String] { fixture.cases.map(\.name) }

    /// The cases with PyTorch gradients (the others are forward-only: comparisons, argmax, …).
    static var differentiableCaseNames: [String] {
        fixture.cases.filter { $0.grads != nil && $0.upstream != nil }.map(\.name)
    }

    /// The differentiable cases where central finite differences are meaningful (not at a kink).
    static var smoothCaseNames: [String] { differentiableCaseNames.filter { !nonSmooth.contains($0) } }

    @Test(arguments: caseNames)
    func forwardMatchesNumPy(_ name: String) throws {
        let c = try #require(Self.fixture.cases.first { $0.name == name })
        let inputs = c.inputs.map { Variable($0.tensor) }
        let result = try #require(Self.apply(c, inputs), "no Aprendiz mapping for op \(c.op)")
        expectClose(result.value, c.output.tensor, absolute: 2e-5, relative: 2e-5, "\(name)")
    }

    @Test(arguments: differentiableCaseNames)
    func backwardMatchesPyTorch(_ name: String) throws {
        let c = try #require(Self.fixture.cases.first { $0.name == name })
        let grads = try #require(c.grads), upstream = try #require(c.upstream)
        let inputs = zip(c.inputs, grads).map { Variable($0.tensor, requiresGradient: $1 != nil) }
        let result = try #require(Self.apply(c, inputs))
        result.backward(upstream.tensor)
        for (input, expected) in zip(inputs, grads) {
            guard let expected else { continue }
            let gradient = try #require(input.grad, "\(name): no gradient reached an input")
            expectClose(gradient, expected.tensor, absolute: 5e-5, relative: 1e-4, "\(name)")
        }
    }

    /// Kinks where a finite difference straddles two branches, or ops that are not differentiable.
    static let nonSmooth: Set<String> = ["maximum ties", "minimum ties", "max ties", "logsumexp large"]

    /// Every differentiable op's gradient against central finite differences (in Double) of
    /// Σ(output · upstream), at the fixture's inputs.
    @Test(arguments: smoothCaseNames)
    func backwardMatchesFiniteDifferences(_ name: String) throws {
        let c = try #require(Self.fixture.cases.first { $0.name == name })
        let grads = try #require(c.grads), upstream = try #require(c.upstream?.tensor)
        let differentiable = grads.map { $0 != nil }
        let constants = c.inputs.map(\.tensor)
        let free = zip(constants, differentiable).filter { $1 }.map { $0.0 }
        expectGradientsMatchFiniteDifferences(free, upstream: upstream) { variables in
            var next = variables.makeIterator()
            let inputs = zip(constants, differentiable).map { $1 ? next.next()! : Variable($0) }
            return Self.apply(c, inputs)!
        }
    }
}
