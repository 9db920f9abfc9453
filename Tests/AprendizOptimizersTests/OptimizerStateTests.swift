import Aprendiz
import AprendizTestSupport
import Testing

/// Saving and restoring optimizer state resumes training bit for bit.
@Suite struct OptimizerStateTests {
    /// A fixed least-squares problem: loss = mean((xW + b − y)²) with W [3, 2], b [2].
    private static let inputs = Tensor([[0.5, -1, 2], [1.5, 0.2, -0.3], [-0.7, 0.9, 1.1], [0.1, -0.4, 0.8]])
    private static let targets = Tensor([[1, 0], [0, 1], [0.5, -0.5], [2, 1]])

    private static func freshParameters() -> [Variable] {
        [Variable(Tensor([[0.1, -0.2], [0.3, 0.05], [-0.4, 0.2]]), requiresGradient: true),
         Variable(Tensor([0.01, -0.02]), requiresGradient: true)]
    }

    private static func train(_ optimizer: any Optimizer, steps: Int) {
        let (w, b) = (optimizer.parameters[0], optimizer.parameters[1])
        for _ in 0..<steps {
            let loss = (Variable(inputs).matmul(w) + b - targets).squared().mean()
            loss.backward()
            optimizer.step()
            optimizer.zeroGrad()
        }
    }

    static let factories: [(String, @Sendable ([Variable]) -> any Optimizer)] = [
        ("sgd", { SGD(parameters: $0, learningRate: 0.1, momentum: 0.9, weightDecay: 0.01) }),
        ("nag", { NAG(parameters: $0, learningRate: 0.1) }),
        ("momentum", { Momentum(parameters: $0, learningRate: 0.1, schedule: .step(every: 3, factor: 0.5)) }),
        ("heavy-ball", { HeavyBall(parameters: $0, learningRate: 0.1) }),
        ("adagrad", { AdaGrad(parameters: $0, learningRate: 0.1) }),
        ("rmsprop", { RMSProp(parameters: $0, learningRate: 0.01) }),
        ("adam", { Adam(parameters: $0, learningRate: 0.05, schedule: .warmup(steps: 3, then: .cosine(period: 10, minimum: 0.001))) }),
        ("adamax", { AdaMax(parameters: $0) }),
        ("nadam", { Nadam(parameters: $0) }),
        ("nadam-momentum-decay", { Nadam(parameters: $0, momentumDecay: 0.004) }),
        ("adamw", { AdamW(parameters: $0, learningRate: 0.05) }),
        ("radam", { RAdam(parameters: $0, learningRate: 0.05) }),
        ("lion", { Lion(parameters: $0, learningRate: 0.01, weightDecay: 0.1) }),
    ]

    /// The cases above cover every optimizer of the catalogue (a new one needs its case).
    @Test func everyOptimizerOfTheCatalogueHasAStateCase() {
        #expect(Set(OptimizerKind.names).subtracting(Self.factories.map(\.0)).isEmpty)
    }

    @Test(arguments: factories.map(\.0))
    func fivePlusFiveStepsEqualTenBitForBit(_ name: String) throws {
        let make = Self.factories.first { $0.0 == name }!.1
        let uninterrupted = make(Self.freshParameters())
        Self.train(uninterrupted, steps: 10)

        let first = make(Self.freshParameters())
        Self.train(first, steps: 5)
        let savedState = first.stateTensors(), savedValues = first.parameters.map(\.value)

        let restoredParameters = Self.freshParameters()
        for (parameter, value) in zip(restoredParameters, savedValues) { parameter.value = value }
        let resumed = make(restoredParameters)
        try resumed.loadState(savedState)
        Self.train(resumed, steps: 5)

        for (a, b) in zip(resumed.parameters, uninterrupted.parameters) {
            #expect(a.value == b.value, "\(name): resumed \(a.value.scalars) vs uninterrupted \(b.value.scalars)")
        }
        #expect(resumed.stateTensors() == uninterrupted.stateTensors())
    }

    @Test func stateKeysFollowPyTorchNames() {
        let optimizer = Adam(parameters: Self.freshParameters())
        Self.train(optimizer, steps: 2)
        let keys = Set(optimizer.stateTensors().keys)
        #expect(keys == ["state.step", "state.0.step", "state.0.exp_avg", "state.0.exp_avg_sq",
                         "state.1.step", "state.1.exp_avg", "state.1.exp_avg_sq"])
        #expect(optimizer.stateTensors()["state.0.step"] == Tensor(2))
    }

    @Test func loadingReportsMissingKeysAndWrongShapes() {
        let source = Adam(parameters: Self.freshParameters())
        Self.train(source, steps: 1)
        var state = source.stateTensors()
        state["state.1.exp_avg"] = Tensor([1, 2, 3])
        #expect(throws: OptimizerStateError.shapeMismatch(key: "state.1.exp_avg", expected: [2], found: [3])) {
            try Adam(parameters: Self.freshParameters()).loadState(state)
        }
        state["state.1.exp_avg"] = nil
        #expect(throws: OptimizerStateError.missingKey("state.1.exp_avg")) {
            try Adam(parameters: Self.freshParameters()).loadState(state)
        }
    }

    @Test func updateRuleIsAPureFunction() {
        // Adam's first step moves each coordinate by η·sign(g) (m̂ = g, v̂ = g², ε ≪ |g|): Kingma & Ba §2.1.
        let rule = AdamRule()
        let theta = Tensor([1, -2, 0.5]), g = Tensor([0.3, -4, 2])
        let (updated, state) = rule.applied(gradient: g, parameter: theta, state: rule.makeState(for: theta), learningRate: 0.01)
        expectClose(updated, Tensor([0.99, -1.99, 0.49]), absolute: 1e-6)
        #expect(state.step == 1)
        #expect(theta == Tensor([1, -2, 0.5]))
    }

    @Test func stepSkipsParametersWithoutGradients() {
        let parameters = Self.freshParameters()
        let optimizer = Adam(parameters: parameters)
        parameters[0].grad = Tensor.ones([3, 2])
        optimizer.step()
        #expect(optimizer.state(ofParameter: 1) == nil)
        #expect(parameters[1].value == Tensor([0.01, -0.02]))
    }
}
