import Aprendiz
@testable import AprendizMetaheuristics
import AprendizTestSupport
import Foundation
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

    /// Every method learns XOR within its budget: 20 000 evaluations, 60 000 for CMA-ES with restarts.
    @Test(arguments: MetaheuristicKind.allCases)
    func learnsXOR(_ kind: MetaheuristicKind) {
        let (data, model) = Self.xor()
        if kind == .cmaes {
            Self.fitWithIPOPRestarts(model, on: data, budget: 60_000, seed: 1)
        } else {
            let trainer = NeuroevolutionTrainer(model: model, loss: .mse, minimizer: kind.makeMinimizer(forWeights: ParameterVector(model).flattened()), logInterval: 50)
            trainer.fit(data, budget: .evaluations(20_000), seed: 1)
        }
        let trainer = NeuroevolutionTrainer(model: model, loss: .mse, minimizer: kind.makeMinimizer())
        let outputs = withoutGradient { model(data.inputs).value }.scalars
        // XOR truth table (by hand): 0, 1, 1, 0.
        #expect(outputs.map { $0 > 0.5 ? 1 : 0 } == [0, 1, 1, 0], "\(kind): outputs \(outputs)")
        #expect(trainer.evaluate(data)["loss"]! < 0.05, "\(kind)")
    }

    /// IPOP-CMA-ES (Auger & Hansen, "A Restart CMA Evolution Strategy With Increasing Population Size",
    /// CEC 2005): a run that stops before the budget (its samples converged) restarts with twice the
    /// population on what is left of the budget, until a run reaches the target loss 10⁻³; the model
    /// ends with the best weights of all runs. Each run starts at the initial weights with σ₀ = 0.5
    /// (`makeMinimizer(forWeights:)`) and its own seed. One CMA-ES run on this 2-2-1 network can settle
    /// in XOR's local minimum (two outputs at 0.5, loss 0.125); which seeds do depends on the rounding
    /// of the forward pass (OpenBLAS or the Swift GEMM, `APRENDIZ_BLAS=none`). Measured once over seeds
    /// 1…20 (README, Reliability): one run alone learned XOR for 13 seeds with OpenBLAS and 8 without,
    /// the restarts within 60 000 evaluations for 20 and 18 (seed 1: the first run with OpenBLAS, the
    /// second, λ = 20, without).
    static func fitWithIPOPRestarts(_ model: Sequential, on data: TensorDataset, budget: Int, seed: UInt64) {
        let start = ParameterVector(model).flattened()
        var populationSize = 4 + Int(3 * log(Double(start.count))), used = 0, run: UInt64 = 0
        var best: SearchResult?
        while budget - used >= populationSize, (best?.bestValue ?? .infinity) >= 1e-3 {
            let minimizer = CMAES(populationSize: populationSize, initialStepSize: 0.05, initialMean: start.scalars)
            let result = NeuroevolutionTrainer(model: model, loss: .mse, minimizer: minimizer)
                .fit(data, budget: .evaluations(budget - used), seed: seed + 1_000 * run)
            if result.bestValue < best?.bestValue ?? .infinity { best = result }
            used += result.evaluations
            populationSize *= 2
            run += 1
        }
        ParameterVector(model).assign(best!.bestPoint)
    }

    static func iris() throws -> (train: TensorDataset, test: TensorDataset) {
        let (train, test) = trainTestSplit(try BundledDataset.iris.load(), testFraction: 0.25, stratified: true, seed: 42)
        let scaler = Standardizer(fitting: train.inputs)
        return (TensorDataset(inputs: scaler.transform(train.inputs), targets: train.targets),
                TensorDataset(inputs: scaler.transform(test.inputs), targets: test.targets))
    }

    /// 5 000 evaluations per run. One seed is not a fair test of a stochastic search: 36 of 38 test flowers is
    /// 0.947, just under the target, and which side of it one seed lands on moved with the BLAS library's
    /// rounding (seed 3's CMA-ES run gave 0.974 with the Swift GEMM and 0.947 with OpenBLAS on an AVX-512
    /// machine). So five seeds, and the median must reach 0.95 (with OpenBLAS and with the Swift GEMM: PSO 0.974 on
    /// seeds 1–3 and 0.947 on 4–5; CMA-ES 0.974 or 1.0 on all five).
    @Test(arguments: [MetaheuristicKind.pso, .cmaes])
    func irisNetworkReachesNinetyFivePercent(_ kind: MetaheuristicKind) throws {
        let (train, test) = try Self.iris()
        var accuracies: [Float] = []
        for seed: UInt64 in 1...5 {
            var generator = RandomGenerator(seed: seed)
            let model = Sequential(Dense(4, 8, using: &generator), Tanh(), Dense(8, 3, using: &generator))
            var logged: [EpochLogs] = []
            let trainer = NeuroevolutionTrainer(model: model, loss: .crossEntropy, minimizer: kind.makeMinimizer(forWeights: ParameterVector(model).flattened()),
                                                metrics: [.accuracy], logInterval: 25) { logged.append($0) }
            let result = trainer.fit(train, budget: .evaluations(5_000), seed: seed, validation: test)
            let accuracy = trainer.evaluate(test)["accuracy"]!
            accuracies.append(accuracy)
            #expect(!logged.isEmpty && logged.last!["val_accuracy"] == accuracy)
            expectClose(trainer.evaluate(train)["loss"]!, result.bestValue, absolute: 1e-5)
        }
        #expect(accuracies.sorted()[2] >= 0.95, "\(kind): test accuracies over seeds 1…5: \(accuracies)")
    }

    /// The batched forward pass (`PopulationForward`) against the model run candidate by candidate
    /// (ParameterVector.assign, then the layers): the same loss for every candidate, to 10⁻⁵; with
    /// 3 000 rows the 9 candidates run in passes of 2 (blockSize 65 536 / (3 000 × 8)).
    @Test(arguments: [Loss.crossEntropy, .mse], [20, 3_000])
    func batchedLossesEqualPerCandidateLosses(_ loss: Loss, rows: Int) throws {
        var generator = RandomGenerator(seed: 11)
        let model = Sequential(Dense(4, 8, using: &generator), Tanh(), Dense(8, 5, using: &generator), ReLU(),
                               Dense(5, 3, useBias: false, using: &generator), Sigmoid())
        let vector = ParameterVector(model)
        let forward = try #require(PopulationForward(model, vector: vector))
        let population = Tensor.randomUniform([9, vector.count], in: -2...2, using: &generator)
        let inputs = Tensor.randomNormal([rows, 4], using: &generator)
        let targets = loss.name == Loss.mse.name ? Tensor.randomUniform([rows, 3], using: &generator)
                                                 : Tensor((0..<rows).map { Float($0 % 3) })
        let batch = Batch(inputs: inputs, targets: targets)
        let trainer = NeuroevolutionTrainer(model: model, loss: loss, minimizer: ParticleSwarm())
        let batched = trainer.losses(population, on: batch, vector: vector, forward: forward)
        let single = trainer.losses(population, on: batch, vector: vector, forward: nil)
        #expect(batched.count == 9 && Set(single).count == 9)
        for (a, b) in zip(batched, single) { expectClose(a, b, absolute: 0, relative: 1e-5) }
        // The outputs themselves, candidate 4 (the per-candidate path left the model holding the last one).
        population.withUnsafeBufferPointer { candidates in
            let outputs = forward.outputs(candidates, count: 9, inputs: inputs)
            vector.assign(UnsafeBufferPointer(rebasing: candidates[(4 * vector.count)..<(5 * vector.count)]))
            expectClose(outputs.slice(axis: 0, 4..<5).reshaped([rows, 3]), withoutGradient { model(Variable(inputs)).value },
                        absolute: 1e-6, relative: 1e-5)
        }
    }

    /// Models the batched pass cannot run stay on the per-candidate path (no wrong numbers).
    @Test func batchedForwardDeclinesOtherModels() {
        var generator = RandomGenerator(seed: 2)
        let softmax = Sequential(Dense(4, 3, using: &generator), Softmax())
        let dropout = Sequential(Dense(4, 3, using: &generator), Dropout(probability: 0.5, seed: 1), Dense(3, 2, using: &generator))
        let learnedSwish = Sequential(Dense(4, 3, using: &generator), Swish(learnable: true), Dense(3, 2, using: &generator))
        let activationFirst = Sequential(Tanh(), Dense(4, 3, using: &generator))
        for model in [softmax, dropout, learnedSwish, activationFirst] {
            #expect(PopulationForward(model, vector: ParameterVector(model)) == nil, "\(model.layers.map { type(of: $0) })")
        }
        let plain = Sequential(Dense(4, 3, using: &generator), GELU(), Dense(3, 2, using: &generator))
        #expect(PopulationForward(plain, vector: ParameterVector(plain)) != nil)
    }
}
