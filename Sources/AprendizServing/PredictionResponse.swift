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
/// wrote it: its name for a text target (`ModelMetadata.classNames`), its original value for numeric
/// classes that were not 0…K-1 (`ModelMetadata.classLabels`), else the index as text.
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

extension PredictionResponse {
    /// The JSON body, one line ending in a newline, keys sorted — what `JSONEncoder` with `.sortedKeys` writes,
    /// without its reflection-driven encoding: the answer to every prediction request is written here, so it
    /// costs a few microseconds, not tens. Numbers are the shortest text that reads back as the same `Float`
    /// (Swift's `description`); a non-finite value is written `null`.
    public func json() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + (probabilities?.first?.count ?? 1) * 14 * (probabilities?.count ?? 1) + 24 * (labels?.count ?? 0))
        func append(_ text: String) { out.append(contentsOf: text.utf8) }
        func number(_ x: Float) { append(x.isFinite ? x.description : "null") }
        func string(_ text: String) {
            out.append(UInt8(ascii: "\""))
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "\\"): append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                case 0..<0x20: append("\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16))
                default: out.append(byte)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        func list<T>(_ values: [T], _ element: (T) -> Void) {
            out.append(UInt8(ascii: "["))
            for (i, value) in values.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                element(value)
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "{"))
        if let labels { append("\"labels\":"); list(labels, string); out.append(UInt8(ascii: ",")) }
        append("\"model\":"); string(model)
        append(",\"predictions\":")
        switch predictions {
        case .classes(let classes): list(classes) { append(String($0)) }
        case .values(let values): list(values, number)
        }
        if let probabilities { append(",\"probabilities\":"); list(probabilities) { list($0, number) } }
        append(",\"task\":"); string(task.rawValue)
        append("}\n")
        return out
    }
}
