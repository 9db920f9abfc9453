import Aprendiz
import AprendizTestSupport
import Foundation

/// `Tests/Fixtures/activations.json`, written by `Tools/fixtures/generate_activations.py` from
/// PyTorch (float64): every activation and its derivative on a shared grid, PReLU's gradients and
/// softmax/log-softmax with upstream gradients.
struct ActivationFixture: Decodable {
    struct Function: Decodable {
        let name: String
        let args: [String: Double]
        let f: ReferenceFixture.Array
        let df: ReferenceFixture.Array
        var label: String { "\(name) \(args.sorted { $0.key < $1.key })" }
    }
    struct PReLUCase: Decodable {
        let input, alpha, upstream, output, gradInput, gradAlpha: ReferenceFixture.Array
    }
    struct SoftmaxCase: Decodable {
        let name: String
        let op: String
        let axis: Int
        let input, upstream, output, grad: ReferenceFixture.Array
    }

    let grid: [Float]
    let functions: [Function]
    let prelu: PReLUCase
    let softmax: [SoftmaxCase]

    static let shared: ActivationFixture = {
        let url = ReferenceFixture.fixtureURL("activations.json")
        return try! JSONDecoder().decode(ActivationFixture.self, from: Data(contentsOf: url))
    }()

    var gridTensor: Tensor { Tensor(grid) }

    /// The Aprendiz function (inference mode) for a fixture entry's name and arguments.
    static func function(_ entry: Function) -> (Variable) -> Variable {
        let a = entry.args.mapValues { Float($0) }
        var generator = RandomGenerator(seed: 1)
        switch entry.name {
        case "sigmoid": return sigmoid
        case "tanh": return tanh
        case "softsign": return softsign
        case "hard-sigmoid": return hardSigmoid
        case "hard-tanh": return hardTanh
        case "relu": return relu
        case "leaky-relu": return { leakyReLU($0, alpha: a["alpha"]!) }
        case "prelu": return { Aprendiz.prelu($0, alpha: Variable(Tensor([a["alpha"]!]))) }
        case "rrelu": return { rrelu($0, lower: a["lower"]!, upper: a["upper"]!, training: false, using: &generator) }
        case "elu": return { elu($0, alpha: a["alpha"]!) }
        case "selu": return selu
        case "noisy-relu": return { noisyReLU($0, training: false, using: &generator) }
        case "gelu": return { gelu($0) }
        case "gelu-tanh": return { gelu($0, approximation: .tanh) }
        case "gelu-sigmoid": return { gelu($0, approximation: .sigmoid) }
        case "swish": return { swish($0, beta: a["beta"]!) }
        case "wilson-cowan": return { wilsonCowan($0, slope: a["a"]!, threshold: a["theta"]!) }
        case "heaviside": return heaviside
        default: fatalError("no Aprendiz function for fixture entry \(entry.name)")
        }
    }

    /// f(x) and f′(x) element-wise: the forward value and the gradient of Σf with respect to x.
    static func valueAndDerivative(_ f: (Variable) -> Variable, at x: Tensor) -> (Tensor, Tensor) {
        let input = Variable(x, requiresGradient: true)
        let output = f(input)
        let derivative = Variable.gradients(of: output, withRespectTo: [input], seed: Tensor.ones(like: x))[0]
        return (output.value, derivative.value)
    }
}
