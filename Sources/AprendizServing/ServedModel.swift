import Aprendiz
import Foundation

/// A model file loaded for serving: the network (in inference mode) or the classic estimator, the
/// preprocessing stored with it (`ModelMetadata`), and what `GET /v1/models` reports.
///
/// Inputs go through the same steps as `aprendiz predict`: a table's recorded encoding (``features(_:)``),
/// standardise with the training part's μ and σ (tables), then the network's forward pass without the
/// graph, or the classic model's scores (the loader `aprendiz predict` uses, `ClassicFit.load`):
///
/// ```
/// outputs = network(reshape((x − μ) / σ, [n] + inputShape))          (networks: logits or values)
/// outputs = log P(class | (x − μ) / σ)  or  ŷ((x − μ) / σ)             (classic classifiers / regressors)
/// probabilities = softmax(outputs) = exp(outputs − logsumexp(outputs))   (classification)
/// ```
///
/// The model is only read after loading (parameters, mode), and the tensor core's shared buffers
/// are locked, so concurrent forward passes on one ``ServedModel`` are safe.
public final class ServedModel: @unchecked Sendable {
    /// The name in `/v1/models/{name}/predict`.
    public let name: String
    /// The model file.
    public let path: String
    /// The preprocessing and task stored with the model.
    public let metadata: ModelMetadata
    /// When the file was loaded.
    public let loadedAt: Date
    /// The file's size in bytes.
    public let fileSize: Int
    /// The SHA-256 of the file's bytes (hex), as `sha256sum` prints it.
    public let sha256: String
    private let predictor: Predictor
    private let standardizer: Standardizer?

    /// What computes the outputs.
    private enum Predictor {
        case network(Module)
        case classic(ClassicFit)
    }

    /// Loads `path` (a file from `aprendiz train --save`: a network or a classic model).
    /// - Throws: `ModelMetadataError`, `ModelFileError`, a classic model file's error or a safetensors
    ///   error naming the file.
    public init(name: String, path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw ModelMetadataError.missingFile(path) }
        if let (fit, metadata) = try ClassicFit.load(path) {
            predictor = .classic(fit)
            self.metadata = metadata
        } else {
            let (network, metadata) = try ModelMetadata.loadModel(path)
            network.eval()
            predictor = .network(network)
            self.metadata = metadata
        }
        self.name = name
        self.path = path
        standardizer = metadata.standardizer
        loadedAt = Date()
        let bytes = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
        fileSize = bytes.count
        sha256 = SHA256.hex(bytes)
    }

    /// The number of values in one input row (the product of `ModelMetadata.inputShape`).
    public var featureCount: Int { metadata.inputShape.reduce(1, *) }

    /// Numeric rows as a `[rows, features]` tensor.
    /// - Throws: ``ServingError`` (422) when a row has another length than ``featureCount``.
    public func tensor(_ rows: [[Double]]) throws(ServingError) -> Tensor {
        let width = featureCount
        if let i = rows.firstIndex(where: { $0.count != width }) {
            throw ServingError(.unprocessableContent,
                               "inputs[\(i)] has \(rows[i].count) values; model '\(name)' expects \(width) (shape \(metadata.inputShape))")
        }
        var scalars = [Float]()
        scalars.reserveCapacity(rows.count * width)
        for row in rows { for value in row { scalars.append(Float(value)) } }
        return Tensor(shape: [rows.count, width], scalars: scalars)
    }

    /// The network's raw outputs (`[rows, outputs]`: logits or regression values) for `[rows, features]` inputs.
    public func outputs(_ features: Tensor) -> Tensor {
        var x = features
        if let standardizer { x = standardizer.transform(x) }
        switch predictor {
        case .network(let network):
            let inputs = x.reshaped([features.shape[0]] + metadata.inputShape)
            return withoutGradient { network(inputs).value }
        case .classic(let fit):
            return fit.outputs(x, classCount: metadata.classCount)
        }
    }

    /// The JSON answer for raw `outputs`.
    public func answer(_ outputs: Tensor) -> PredictionResponse {
        guard metadata.task == .classification else {
            return PredictionResponse(model: name, task: metadata.task, predictions: .values(outputs.scalars))
        }
        let classes = outputs.shape[1]
        let probabilities = (outputs - outputs.logSumExp(axes: [1], keepDims: true)).exp().scalars
        let predicted = predictedClasses(outputs)
        let names = metadata.classDisplayNames ?? []
        return PredictionResponse(
            model: name, task: metadata.task, predictions: .classes(predicted),
            labels: predicted.map { $0 < names.count ? names[$0] : String($0) },
            probabilities: (0..<outputs.shape[0]).map { Array(probabilities[$0 * classes..<($0 + 1) * classes]) })
    }
}
