import Aprendiz
import AprendizTestSupport
import Foundation
import Testing

/// Tests/Fixtures/optimizers.json, written by Tools/fixtures/generate_optimizers.py.
struct OptimizerFixture: Decodable {
    struct Case: Decodable {
        let name: String
        let source: String
        let options: [String: Float]
        let trajectory: ReferenceFixture.Array
    }
    struct Schedule: Decodable {
        let name: String
        let args: [String: Float]
        let base: Float
        let rates: [Float]
    }
    let parameters: ReferenceFixture.Array
    let gradients: ReferenceFixture.Array
    let cases: [Case]
    let schedules: [Schedule]

    static let shared: OptimizerFixture = {
        let url = ReferenceFixture.fixtureURL("optimizers.json")
        // The fixture is committed with the tests: failing to read it is a broken checkout.
        return try! JSONDecoder().decode(OptimizerFixture.self, from: Data(contentsOf: url))
    }()
}

/// The Aprendiz optimizer for a fixture case, with the case's options.
private func makeOptimizer(_ c: OptimizerFixture.Case, _ theta: Variable) -> any Optimizer {
    let o = c.options, lr = o["lr"]!, wd = o["weight_decay"] ?? 0, p = [theta]
    switch c.name {
    case "sgd", "sgd_weight_decay": return SGD(parameters: p, learningRate: lr, weightDecay: wd)
    case "sgd_momentum": return SGD(parameters: p, learningRate: lr, momentum: o["momentum"]!)
    case "sgd_nesterov": return NAG(parameters: p, learningRate: lr, momentum: o["momentum"]!, weightDecay: wd)
    case "adagrad": return AdaGrad(parameters: p, learningRate: lr)
    case "rmsprop": return RMSProp(parameters: p, learningRate: lr, decay: o["alpha"]!)
    case "adam", "adam_weight_decay": return Adam(parameters: p, learningRate: lr, weightDecay: wd)
    case "adamax": return AdaMax(parameters: p, learningRate: lr)
    case "nadam_momentum_decay": return Nadam(parameters: p, learningRate: lr, momentumDecay: o["momentum_decay"]!)
    case "adamw": return AdamW(parameters: p, learningRate: lr, weightDecay: wd)
    case "radam": return RAdam(parameters: p, learningRate: lr)
    case "momentum_rumelhart": return Momentum(parameters: p, learningRate: lr, momentum: o["momentum"]!)
    case "heavy_ball": return HeavyBall(parameters: p, learningRate: lr, beta: o["beta"]!)
    case "nadam_book": return Nadam(parameters: p, learningRate: lr)
    case "lion": return Lion(parameters: p, learningRate: lr, weightDecay: wd)
    default: fatalError("no optimizer for fixture case \(c.name)")
    }
}

@Suite struct OptimizerReferenceTests {
    static let fixture = OptimizerFixture.shared

    /// Ten steps with fixed gradients against torch.optim (source "torch") or the formula computed
    /// in NumPy float64 (source "hand"); defaults' ε as in SPEC.md (the generator sets PyTorch's).
    ///
    /// The update loops run eight elements at a time and finish with a scalar tail, so each case runs
    /// twice: on the fixture's 2×3 parameter (the tail alone) and on five stacked copies of it, 30
    /// elements (three vectors and a tail of six), where every copy must follow the reference.
    @Test(arguments: OptimizerFixture.shared.cases.map(\.name), [1, 5])
    func tenStepsMatchReference(_ name: String, copies: Int) {
        let c = Self.fixture.cases.first { $0.name == name }!
        func stacked(_ t: Tensor) -> Tensor { Tensor.concatenate(Array(repeating: t.reshaped([2, 3]), count: copies)) }
        let theta = Variable(stacked(Self.fixture.parameters.tensor), requiresGradient: true)
        let optimizer = makeOptimizer(c, theta)
        let gradients = Self.fixture.gradients.tensor, expected = c.trajectory.tensor
        for t in 0..<10 {
            theta.grad = stacked(gradients.slice(axis: 0, t..<(t + 1)))
            optimizer.step()
            expectClose(theta.value, stacked(expected.slice(axis: 0, t..<(t + 1))),
                        absolute: 2e-5, relative: 1e-4, "\(name) (\(c.source)) ×\(copies) step \(t + 1)")
        }
    }

    /// The fixture cases that check each optimizer of the catalogue (an exhaustive switch: a new
    /// optimizer does not compile until it names its reference case).
    static func referenceCases(_ kind: OptimizerKind) -> [String] {
        switch kind {
        case .sgd: ["sgd", "sgd_momentum"]
        case .momentum: ["momentum_rumelhart"]
        case .heavyBall: ["heavy_ball"]
        case .nag: ["sgd_nesterov"]
        case .adagrad: ["adagrad"]
        case .rmsprop: ["rmsprop"]
        case .adam: ["adam"]
        case .adamax: ["adamax"]
        case .nadam: ["nadam_momentum_decay", "nadam_book"]
        case .adamw: ["adamw"]
        case .radam: ["radam"]
        case .lion: ["lion"]
        }
    }

    @Test(arguments: OptimizerKind.allCases)
    func everyOptimizerOfTheCatalogueHasAReferenceCase(_ kind: OptimizerKind) {
        let names = Set(Self.fixture.cases.map(\.name))
        for required in Self.referenceCases(kind) {
            #expect(names.contains(required), "\(kind.name): missing fixture case \(required)")
        }
    }

    @Test(arguments: OptimizerFixture.shared.schedules.map(\.name))
    func scheduleMatchesPyTorch(_ name: String) {
        let s = Self.fixture.schedules.first { $0.name == name }!
        let schedule: LearningRateSchedule = switch name {
        case "step": .step(every: Int(s.args["every"]!), factor: s.args["factor"]!)
        case "exponential": .exponential(factor: s.args["factor"]!)
        case "cosine": .cosine(period: Int(s.args["period"]!), minimum: s.args["minimum"]!)
        default: .warmup(steps: Int(s.args["steps"]!), then: .constant)
        }
        for (t, rate) in s.rates.enumerated() {
            expectClose(schedule.learningRate(base: s.base, step: t), rate, absolute: 1e-7, relative: 1e-5, "\(name) step \(t)")
        }
    }
}
