import Aprendiz
import Foundation

/// One epoch's logged values (`loss`, `accuracy`, `val_loss`, `seconds`, …).
struct EpochRecord: Codable {
    var epoch: Int
    var values: [String: Float]

    init(_ logs: EpochLogs) {
        epoch = logs.epoch
        values = logs.values
    }
}

/// The machine-readable result of `train` (what `--json` prints and the report's metrics.json holds).
struct RunSummary: Codable {
    var command = "train"
    var version = AprendizVersion.current
    var settings: TrainingSettings
    var task: LearningTask
    /// The loss used (``TrainingSettings/loss(for:)``).
    var loss: String
    var trainExamples: Int
    var testExamples: Int
    var parameterCount: Int
    var epochs: [EpochRecord]
    /// Loss and metrics on the test part.
    var test: [String: Float]
    var confusionMatrix: [[Int]]?
    var seconds: Double
    var interrupted: Bool
    var modelFile: String?

    init(command: String, settings: TrainingSettings, outcome: TrainingOutcome, modelFile: String?) {
        self.command = command
        self.settings = settings
        task = outcome.data.task
        loss = outcome.loss
        trainExamples = outcome.data.train.count
        testExamples = outcome.data.test.count
        parameterCount = outcome.model.parameters().reduce(0) { $0 + $1.value.count }
        epochs = outcome.history.map(EpochRecord.init)
        test = outcome.test
        confusionMatrix = outcome.confusion?.counts
        seconds = outcome.seconds
        interrupted = outcome.interrupted
        self.modelFile = modelFile
    }
}

/// The JSON encoding used for summaries: sorted keys, NaN and ∞ as strings.
enum SummaryJSON {
    static func encode<T: Encodable>(_ value: T, pretty: Bool = true) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted] : [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(value)
    }
}
