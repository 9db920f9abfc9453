import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz train --optimizer ga|de|cmaes|pso` (chapter 11): the model's weights searched by a
/// metaheuristic with `NeuroevolutionTrainer` instead of gradient steps. `--epochs` counts
/// generations; every generation scores the whole population on the training part (so keep the
/// model and data small: iris, wine, XOR-sized problems). Progress: one line every tenth of the run;
/// prints the test metrics and honours --save and --json (no --report folder in this mode).
extension TrainCommand {
    func trainWithoutGradient(_ kind: MetaheuristicKind) throws {
        let settings = try settings
        let epochs = settings.epochs, seed = settings.seed
        let console = training.console
        let loaded = try DataPreparation.load(try DatasetSpecifier(parsing: dataset), task: task, seed: seed, limit: settings.limit,
                                              table: table.csv, split: DataSplit(missing: table.impute))
        let outcome = try NeuroevolutionRun.run(kind, settings: settings, data: loaded, logInterval: max(1, epochs / 10)) { logs in
            let fields = logs.values.keys.sorted().filter { $0 != "seconds" }.map { "\($0) \(String(format: "%.4f", logs.values[$0]!))" }
            console.line("generation \(logs.epoch)/\(epochs)  " + fields.joined(separator: "  "))
        } announce: { console.line($0) }
        let (model, data, inputShape, result, test) = (outcome.model, outcome.data, outcome.inputShape, outcome.result, outcome.test)
        let fields = test.keys.sorted().map { "\($0) \(String(format: "%.4f", test[$0]!))" }
        console.line("test: " + fields.joined(separator: "  ")
                     + String(format: "  (%d evaluations, %.1f s)", result.evaluations, outcome.seconds))
        if let save {
            let metadata = ModelMetadata(data: data, model: settings.model, inputShape: inputShape, seed: seed)
            try ModelFile.save(model, to: URL(fileURLWithPath: save), metadata: try metadata.entry())
            console.line("model written to \(save)")
        }
        if console.json {
            let object: [String: Any] = ["optimizer": kind.name, "evaluations": result.evaluations,
                                         "test": test.mapValues { Double($0) }, "best_training_loss": Double(result.bestValue)]
            console.printJSON(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
        }
    }
}

/// A network's weights searched by a metaheuristic with `NeuroevolutionTrainer` (chapter 11): the one path of
/// `train --optimizer ga|de|cmaes|pso` and of those names in `compare optimizers`. `settings.epochs` counts
/// generations; the search box is [−5, 5] per weight (CMA-ES starts at the initialised weights).
enum NeuroevolutionRun {
    struct Outcome {
        let model: Sequential
        let data: PreparedData
        let inputShape: [Int]
        let result: SearchResult
        /// Per logged generation: training and validation (test part) loss and metrics, evaluations, seconds so far.
        let history: [EpochLogs]
        /// Loss and metrics on the test part.
        let test: [String: Float]
        let seconds: Double
    }

    static func run(_ kind: MetaheuristicKind, settings: TrainingSettings, data loaded: PreparedData, logInterval: Int,
                    progress: @escaping (EpochLogs) -> Void, announce: (String) -> Void = { _ in }) throws -> Outcome {
        guard settings.learningRate == nil else {
            throw CLIError("--learning-rate does not apply to --optimizer \(kind.name) (no gradient steps)")
        }
        guard settings.schedule == nil else {
            throw CLIError("--schedule does not apply to --optimizer \(kind.name) (no gradient steps)")
        }
        let inputShape = try ModelFactory.inputShape(for: settings.model, exampleShape: loaded.exampleShape)
        let data = loaded.reshaped(to: inputShape)
        let model = try ModelFactory.make(settings.model, inputShape: inputShape, outputs: data.outputCount, hidden: settings.hidden,
                                          activation: try ModelFactory.activation(settings.activation), task: data.task, seed: settings.seed,
                                          width: settings.width)
        let loss = try settings.loss(for: data.task)
        let metrics: [Metric] = data.task == .classification ? [.accuracy] : [.meanSquaredError, .r2]
        let trainer = NeuroevolutionTrainer(model: model, loss: loss,
                                            minimizer: kind.makeMinimizer(forWeights: ParameterVector(model).flattened()),
                                            metrics: metrics, logInterval: logInterval, progress: progress)
        announce("\(kind.name): searching \(ParameterVector(model).count) weights in [−5, 5], \(settings.epochs) generations")
        let start = Date()
        let result = trainer.fit(data.train, budget: .generations(settings.epochs), seed: settings.seed, validation: data.test)
        return Outcome(model: model, data: data, inputShape: inputShape, result: result, history: trainer.history,
                       test: trainer.evaluate(data.test), seconds: Date().timeIntervalSince(start))
    }
}
