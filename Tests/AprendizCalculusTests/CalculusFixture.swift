import AprendizTestSupport
import Foundation
import Testing

/// `Tests/Fixtures/calculus.json`, written by `Tools/fixtures/generate_statistics.py` (scipy.integrate,
/// torch.autograd.functional in float64).
struct CalculusFixture: Decodable {
    struct Samples: Decodable {
        let x: [Double], y: [Double]
        let trapezoid: Double, simpson: Double, trapezoidDx: Double, simpsonDx: Double
    }

    struct Quadrature: Decodable {
        let name: String
        let lower: Double?, upper: Double?
        let lowerInfinite: Bool, upperInfinite: Bool
        let value: Double, error: Double
        var from: Double { lowerInfinite ? -.infinity : lower! }
        var to: Double { upperInfinite ? .infinity : upper! }
    }

    struct Derivative: Decodable { let name: String; let x: Double; let derivative: Double; let second: Double }
    struct Matrix: Decodable { let shape: [Int]; let data: [Double] }
    struct Multivariate: Decodable { let name: String; let point: [Double]; let gradient: [Double]; let hessian: Matrix }
    struct Jacobian: Decodable { let point: [Double]; let jacobian: Matrix }

    let samples: [String: Samples]
    let quad: [Quadrature]
    let derivatives: [Derivative]
    let multivariate: [Multivariate]
    let polarJacobian: Jacobian
    let docExamples: [String: Double]

    static let shared: CalculusFixture = {
        let url = ReferenceFixture.fixtureURL("calculus.json")
        return try! JSONDecoder().decode(CalculusFixture.self, from: Data(contentsOf: url))
    }()
}

/// The functions the fixture names, written again here (the generator defines them in NumPy/PyTorch).
enum NamedFunction {
    static let integrands: [String: @Sendable (Double) -> Double] = [
        "sin": sin, "gaussian": { exp(-$0 * $0) }, "lorentzian": { 1 / (1 + $0 * $0) }, "sqrt": { $0.squareRoot() },
        "log": log, "cubic": { $0 * $0 * $0 - 2 * $0 }, "oscillating": { cos(50 * $0) }, "exponentialTail": exp,
        "peak": { 1 / (($0 - 0.3) * ($0 - 0.3) + 0.001) },
    ]
    static let scalar: [String: @Sendable (Double) -> Double] = [
        "sin": sin, "exp": exp, "cube": { $0 * $0 * $0 - 2 * $0 }, "sigmoid": { 1 / (1 + exp(-$0)) },
        "log": log, "scaledExp": { exp($0 / 1000) * 1e6 },
    ]
    static let multivariate: [String: @Sendable ([Double]) -> Double] = [
        "rosenbrock": { v in (1 - v[0]) * (1 - v[0]) + 100 * (v[1] - v[0] * v[0]) * (v[1] - v[0] * v[0]) },
        "paraboloid": { v in v[0] * v[0] + 3 * v[0] * v[1] + 2 * v[1] * v[1] },
    ]
}
