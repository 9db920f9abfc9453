import AprendizData
import AprendizNN
import AprendizTensor
import Foundation

/// A trained `VisionTransformer` in one safetensors model file: the parameters under their dotted names
/// (`ModelFile`), the configuration (JSON, `aprendiz.vit`) and the data set (`aprendiz.vit.dataset`) in
/// the metadata, so `explain attention` rebuilds it and finds its images.
package enum VisionTransformerFile {
    /// The metadata key of the ViT configuration (JSON).
    package static let configurationKey = "aprendiz.vit"
    /// The metadata key of the image data set the model was trained on.
    package static let datasetKey = "aprendiz.vit.dataset"

    /// Writes `model` trained on `dataset` (plus `metadata`) to `path`.
    package static func save(_ model: VisionTransformer, dataset: ImageDataset, to path: String, metadata: [String: String] = [:]) throws {
        try TransformerModelFile.save(model, configuration: model.configuration, key: configurationKey,
                                      metadata: metadata.merging([datasetKey: dataset.rawValue]) { $1 }, to: path)
    }

    /// Whether `path` holds a model written by ``save(_:dataset:to:metadata:)``.
    package static func holdsVisionTransformer(_ path: String) -> Bool { TransformerModelFile.holds(configurationKey, in: path) }

    /// Reads a model written by ``save(_:dataset:to:metadata:)`` and its data set.
    /// - Throws: ``ModelFileContentError`` naming the file when it is not a ViT model file.
    package static func load(_ path: String) throws -> (model: VisionTransformer, dataset: ImageDataset) {
        try read(SafetensorsArchive(contentsOf: URL(fileURLWithPath: path)), path: path)
    }

    /// The model in `archive`, read from `path`, checked before it is built (``StoredConfigurationChecks``).
    package static func read(_ archive: SafetensorsArchive, path: String) throws -> (model: VisionTransformer, dataset: ImageDataset) {
        let configuration = try TransformerModelFile.configuration(
            VisionTransformerConfiguration.self, key: configurationKey, in: archive, path: path, kind: "ViT", producer: "train-vit")
        if let problem = configuration.problem { throw ModelFileContentError(path, "\(path): invalid ViT configuration: \(problem)") }
        guard let dataset = ImageDataset(rawValue: archive.metadata[datasetKey] ?? "") else {
            throw ModelFileContentError(path, "\(path): unknown data set '\(archive.metadata[datasetKey] ?? "")' in '\(datasetKey)'")
        }
        try StoredConfigurationChecks.check(nil, weights: configuration.storedWeights, kind: "ViT", archive: archive, path: path)
        let model = try StoredConfigurationChecks.build(from: archive, path: path) { VisionTransformer(configuration, using: &$0) }
        return (model, dataset)
    }
}
