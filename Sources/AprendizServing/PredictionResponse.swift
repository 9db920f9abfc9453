import Aprendiz

/// The answer of `POST /v1/models/{name}/predict`, one entry per input row.
///
/// ```
/// {"model": "iris", "task": "classification", "predictions": [0, 2], "labels": ["0", "2"],
///  "probabilities": [[0.97, 0.02, 0.01], [0.01, 0.12, 0.87]]}
/// {"model": "housing", "task": "regression", "predictions": [2.31, 1.07]}
/// ```
///
/// `predictions` are the predicted class indices (arg max of the outputs) or the regression outputs;
/// `probabilities` the softmax of the logits; `labels` the class as the training data's target column
/// wrote it: its name for a text target (``ModelMetadata/classNames``), its original value for numeric
/// classes that were not 0…K-1 (``ModelMetadata/classLabels``), else the index as text.
public struct PredictionResponse: Encodable, Sendable {
    /// Class indices or regression values.
    public enum Predictions: Encodable, Sendable {
        case classes([Int])
        case values([Float])

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .classes(let classes): try container.encode(classes)
            case .values(let values): try container.encode(values)
            }
        }
    }

    public var model: String
    public var task: LearningTask
    public var predictions: Predictions
    public var labels: [String]?
    public var probabilities: [[Float]]?

    public init(model: String, task: LearningTask, predictions: Predictions, labels: [String]? = nil,
                probabilities: [[Float]]? = nil) {
        self.model = model
        self.task = task
        self.predictions = predictions
        self.labels = labels
        self.probabilities = probabilities
    }
}
