import Aprendiz
import AprendizTestSupport
import Testing

/// Networks trained without gradients (chapter 11): XOR with every method, iris with PSO and CMA-ES.
struct NeuroevolutionTrainerTests {
    @Test func parameterVectorRoundTrips() {
        var generator = RandomGenerator(seed: 1)
        let model = Sequential(Dense(2, 3, using: &generator), Tanh(), Dense(3, 1, using: &generator))
        let vector = ParameterVector(model)
        #expect(vector.count == 2 * 3 + 3 + 3 * 1 + 1)
        let theta = Tensor((0..<13).map { Float($0) / 10 })
        vector.assign(theta)
        #expect(vector.flattened() == theta)
        // The first layer's weight is the first six numbers in its own (row-major) shape.
        #expect(model.parameters()[0].value.scalars == [0, 0.1, 0.2, 0.3, 0.4, 0.5])
    }

    /// XOR's four points, and the 2-2-1 tanh/sigmoid network of §7's classic example.
    static func xor() -> (TensorDataset, Sequential) {
        let data = TensorDataset(inputs: Tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), targets: Tensor([[0], [1], [1], [0]]))
        var generator = RandomGenerator(seed: 0)
        return (data, Sequential(Dense(2, 2, using: &generator), Tanh(), Dense(2, 1, using: &generator), Sigmoid()))
    }

    @Test(arguments: MetaheuristicKind.allCases)
    func learnsXOR(_ kind: MetaheuristicKind) {
        let (data, model) = Self.xor()
        let trainer = NeuroevolutionTrainer(model: model, loss: .mse, minimizer: kind.makeMinimizer(forWeights: ParameterVector(model).flattened()), logInterval: 50)
        trainer.fit(data, budget: .evaluations(20_000), seed: 1)
        let outputs = withoutGradient { model(data.inputs).value }.scalars
        // XOR truth table (by hand): 0, 1, 1, 0.
        #expect(outputs.map { $0 > 0.5 ? 1 : 0 } == [0, 1, 1, 0], "\(kind): outputs \(outputs)")
        #expect(trainer.evaluate(data)["loss"]! < 0.05, "\(kind)")
    }

    static func iris() throws -> (train: TensorDataset, test: TensorDataset) {
        let (train, test) = trainTestSplit(try BundledDataset.iris.load(), testFraction: 0.25, stratified: true, seed: 42)
        let scaler = Standardizer(fitting: train.inputs)
        return (TensorDataset(inputs: scaler.transform(train.inputs), targets: train.targets),
                TensorDataset(inputs: scaler.transform(test.inputs), targets: test.targets))
    }

    @Test(arguments: [MetaheuristicKind.pso, .cmaes])
    func irisNetworkReachesNinetyFivePercent(_ kind: MetaheuristicKind) throws {
        let (train, test) = try Self.iris()
        var generator = RandomGenerator(seed: 3)
        let model = Sequential(Dense(4, 8, using: &generator), Tanh(), Dense(8, 3, using: &generator))
        var logged: [EpochLogs] = []
        let trainer = NeuroevolutionTrainer(model: model, loss: .crossEntropy, minimizer: kind.makeMinimizer(forWeights: ParameterVector(model).flattened()),
                                            metrics: [.accuracy], logInterval: 25) { logged.append($0) }
        // 5 000 evaluations; over seeds 1…4 test accuracy was 0.974, 0.974, 0.974, 0.947 (PSO) and
        // 1.0, 0.974, 1.0, 0.974 (CMA-ES) — 36 of 38 test flowers is 0.947, just under the target.
        let result = trainer.fit(train, budget: .evaluations(5_000), seed: 3, validation: test)
        let accuracy = trainer.evaluate(test)["accuracy"]!
        #expect(accuracy >= 0.95, "\(kind): test accuracy \(accuracy)")
        #expect(!logged.isEmpty && logged.last!["val_accuracy"] == accuracy)
        expectClose(trainer.evaluate(train)["loss"]!, result.bestValue, absolute: 1e-5)
    }
}
