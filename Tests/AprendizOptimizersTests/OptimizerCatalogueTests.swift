import Aprendiz
import AprendizTestSupport
import Testing

/// The optimizer and minimizer catalogues: names, defaults written once, every member usable.
@Suite struct OptimizerCatalogueTests {
    /// SPEC.md's default learning rates (chapter 6 decisions; the papers' and PyTorch's values).
    static let specDefaults: [String: Float] = [
        "sgd": 0.01, "momentum": 0.001, "heavy-ball": 0.001, "nag": 0.001, "adagrad": 0.01, "rmsprop": 0.001,
        "adam": 0.001, "adamax": 0.002, "nadam": 0.002, "adamw": 0.001, "radam": 0.001, "lion": 1e-4,
    ]

    @Test func defaultLearningRatesAreSPECsAndTheOptimizersOwn() {
        #expect(Set(Self.specDefaults.keys) == Set(OptimizerKind.names))
        for kind in OptimizerKind.allCases {
            #expect(kind.defaultLearningRate == Self.specDefaults[kind.name], "\(kind.name)")
            let optimizer = kind.makeOptimizer(parameters: [Variable(Tensor([1]), requiresGradient: true)])
            #expect(optimizer.learningRate == Self.specDefaults[kind.name], "\(kind.name)")
        }
        #expect(Adam(parameters: []).learningRate == OptimizerKind.adam.defaultLearningRate)
    }

    /// `gd` is the book's GradientDescent (η = 0.001 in its listing), `sgd` the SGD optimizer (0.01).
    @Test func gdDefaultIsGradientDescentsAndSgdIsSGDs() {
        #expect(MinimizerKind.gd.defaultLearningRate == GradientDescent().learningRate)
        #expect(MinimizerKind.gd.defaultLearningRate == 0.001)
        #expect(MinimizerKind.sgd.defaultLearningRate == 0.01)
        #expect(MinimizerKind.newton.defaultLearningRate == nil)
        for kind in MinimizerKind.allCases where kind.optimizer != nil {
            #expect(kind.defaultLearningRate == kind.optimizer!.defaultLearningRate, "\(kind.name)")
        }
    }

    /// Booth f = (x + 2y − 7)² + (2x + y − 5)² from (−4, −2), where f = 450 (by hand: (−15)² + (−15)²):
    /// 100 steps of every minimizer at its default learning rate lower it.
    @Test(arguments: MinimizerKind.allCases)
    func everyMinimizerOfTheCatalogueLowersBooth(_ kind: MinimizerKind) throws {
        let result = try kind.makeMinimizer(epochs: 100).minimize(TestFunction.booth.callAsFunction, from: Tensor([-4, -2]))
        #expect(result.values.first == 450)
        #expect(result.values.last! < 450, "\(kind.name): f went from 450 to \(result.values.last!)")
    }

    @Test func namesAreTrimmedAndCaseInsensitiveAndListsKeepTheirOrder() throws {
        #expect(try OptimizerKind.named(" Heavy-Ball ") == .heavyBall)
        #expect(try MinimizerKind.list("newton, GD ,adam") == [.newton, .gd, .adam])
        #expect(throws: CatalogueError(family: "optimizer", name: "adamm", known: OptimizerKind.names)) {
            try OptimizerKind.named("adamm")
        }
        #expect(throws: CatalogueError(family: "minimizer", name: "", known: MinimizerKind.names)) {
            try MinimizerKind.list(" , ")
        }
        #expect("\(CatalogueError(family: "optimizer", name: "x", known: ["a", "b"]))" == "unknown optimizer 'x' (known: a, b)")
        #expect(try TestFunction.named("Rosenbrock").name == "rosenbrock")
    }
}
