import Aprendiz
import AprendizTestSupport
import Foundation
import Testing

@Suite struct TrainerTests {
    /// Two interleaved spirals are not linearly separable; an MLP fits them. The threshold (90 % of
    /// held-out points) is far above chance (50 %), so a broken gradient or update fails it.
    @Test func fitLearnsSpiralsWithValidationAndMetrics() throws {
        let data = Synthetic.spirals(count: 400, classes: 2, noise: 0.1, seed: 1)
        let (train, test) = trainTestSplit(data, testFraction: 0.25, stratified: true, seed: 2)
        let model = multilayerPerceptron([2, 32, 32, 2], seed: 3)
        var lines: [String] = []
        let trainer = Trainer(model: model, loss: softmaxCrossEntropy,
                              optimizer: SGD(parameters: model.parameters(), learningRate: 0.3),
                              metrics: [.accuracy], callbacks: [ProgressLogger { lines.append($0) }])
        let history = try trainer.fit(train, epochs: 150, batchSize: 32, seed: 4, validation: .dataset(test))
        #expect(history.count == 150 && lines.count == 150)
        #expect(lines.last!.hasPrefix("epoch 150/150  accuracy"))
        let final = try #require(history.last)
        #expect(final["val_accuracy"]! >= 0.9, "spirals test accuracy \(final["val_accuracy"]!)")
        #expect(final["loss"]! < history[0]["loss"]!)
        let evaluated = trainer.evaluate(test)
        expectClose(evaluated["accuracy"]!, final["val_accuracy"]!)
        #expect(trainer.predict(test.inputs).shape == [100, 2])
    }

    /// A learning rate of 10⁶ makes the loss overflow; the trainer must stop with the NaN/∞ error
    /// and put back the parameters of the last good epoch.
    @Test func nonFiniteLossStopsAndRestores() throws {
        let data = Synthetic.linearRegression(count: 64, weights: [3, -2], bias: 1, seed: 5)
        let model = Sequential(Dense(2, 1))
        let mse = Loss(name: "mse") { p, t in (p - t).squared().mean() }
        let optimizer = SGD(parameters: model.parameters(), learningRate: 0.1)
        let trainer = Trainer(model: model, loss: mse, optimizer: optimizer,
                              callbacks: [LearningRateScheduler { epoch, rate in epoch >= 3 ? 1e6 : rate }])
        var snapshot: [Tensor] = []
        let recorder = Recorder { snapshot = model.parameters().map(\.value) }
        trainer.callbacks.append(recorder)
        #expect {
            try trainer.fit(data, epochs: 10, batchSize: 8)
        } throws: { error in
            guard case .nonFiniteLoss(let epoch, _, let value, _) = error as? TrainingError else { return false }
            return epoch == 3 && !value.isFinite && "\(error)".contains("restored to the end of epoch 2")
        }
        #expect(model.parameters().map(\.value) == snapshot)
        #expect(model.parameters().allSatisfy { $0.value.scalars.allSatisfy(\.isFinite) })
    }

    /// Early stopping with patience 2 on a value that never improves after epoch 1 stops at epoch 3.
    @Test func earlyStoppingStopsAfterPatience() throws {
        let data = Synthetic.linearRegression(count: 32, weights: [1], seed: 6)
        let model = Sequential(Dense(1, 1))
        let trainer = Trainer(model: model, loss: Loss(name: "mse") { p, t in (p - t).squared().mean() },
                              optimizer: SGD(parameters: model.parameters(), learningRate: 0), metrics: [.meanSquaredError])
        let stopper = EarlyStopping(monitor: "val_mse", patience: 2)
        trainer.callbacks = [stopper]
        let history = try trainer.fit(data, epochs: 20, batchSize: 8, validation: .split(0.25))
        #expect(history.count == 3 && stopper.stoppedEpoch == 3 && stopper.bestEpoch == 1)
        #expect(throws: TrainingError.self) {
            try Trainer(model: model, loss: trainer.loss, optimizer: trainer.optimizer, callbacks: [EarlyStopping(monitor: "nope")])
                .fit(data, epochs: 2)
        }
    }

    /// Gradient clipping and penalties take part in the step: with clipping to norm 10⁻³ a plain SGD
    /// step of rate 1 moves the parameters by at most 10⁻³ (hand-derived from θ ← θ − η·g).
    @Test func clippingLimitsTheStep() {
        let model = Sequential(Dense(3, 2))
        let before = model.parameters().map(\.value)
        let trainer = Trainer(model: model, loss: softmaxCrossEntropy,
                              optimizer: SGD(parameters: model.parameters(), learningRate: 1),
                              penalties: [.l2(0.1)], gradientClipping: .norm(1e-3))
        trainer.trainStep(Batch(inputs: Tensor([[10, -20, 30]]), targets: Tensor([1])))
        let moved = zip(model.parameters(), before).map { ($0.value - $1).squared().sum().scalar }.reduce(0, +)
        #expect(moved.squareRoot() <= 1.0001e-3 && moved > 0)
    }

    final class Recorder: Callback {
        let action: () -> Void
        init(_ action: @escaping () -> Void) { self.action = action }
        func epochDidEnd(_ logs: EpochLogs, trainer: Trainer) { action() }
    }
}
