import Aprendiz
import Testing
@testable import AprendizCLI

/// `train --schedule` and `--width`: the schedule spans the run's updates exactly, and misuses are one clear error.
@Suite struct TrainScheduleTests {
    func message(_ arguments: [String]) -> String { trainCommandError(arguments) }

    /// 100 examples, validation 0.15 → ⌈15⌉ held out, 85 trained in batches of 10 → 9 updates per epoch, 3 epochs:
    /// the cosine period is 27 updates (η reaches 0 at the last one).
    @Test func cosineSpansEveryUpdateOfTheRun() throws {
        var settings = TrainingSettings(dataset: "iris", epochs: 3, batchSize: 10, validation: 0.15)
        settings.schedule = "cosine"
        let optimizer = Adam(parameters: [Variable(Tensor([1, 2]))], learningRate: 0.01)
        try TrainingRun.applySchedule(settings, to: optimizer, trainingExamples: 100)
        #expect(optimizer.schedule == .cosine(period: 27, minimum: 0))
        #expect(optimizer.schedule.learningRate(base: 0.01, step: 27) == 0)
        settings.schedule = nil
        let unchanged = Adam(parameters: [Variable(Tensor([1, 2]))], learningRate: 0.01)
        try TrainingRun.applySchedule(settings, to: unchanged, trainingExamples: 100)
        #expect(unchanged.schedule == .constant)
    }

    @Test func misusesAreNamed() {
        #expect(message(["--dataset", "iris", "--schedule", "linear"]).contains("unknown learning-rate schedule 'linear' (known: constant, cosine)"))
        #expect(message(["--dataset", "iris", "--width", "8"]) == "--width applies to --model small-resnet, not to --model mlp")
        #expect(message(["--dataset", "iris", "--model", "small-resnet", "--width", "0"]) == "--width must be at least 1, got 0")
        #expect(message(["--dataset", "iris", "--optimizer", "pso", "--schedule", "cosine"])
                == "--schedule does not apply to --optimizer pso (no gradient steps)")
    }
}
