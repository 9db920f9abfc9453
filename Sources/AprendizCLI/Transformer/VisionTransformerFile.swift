import Aprendiz
import Foundation

/// A trained `VisionTransformer` in one safetensors model file: the parameters under their dotted names
/// (`ModelFile`), the configuration (JSON, `aprendiz.vit`) and the data set (`aprendiz.vit.dataset`) in
/// the metadata, so `explain attention` rebuilds it and finds its images.
enum VisionTransformerFile {
    static let configurationKey = "aprendiz.vit"
    static let datasetKey = "aprendiz.vit.dataset"

    /// Writes `model` trained on `dataset` (plus `metadata`) to `path`.
    static func save(_ model: VisionTransformer, dataset: ImageDataset, to path: String, metadata: [String: String] = [:]) throws {
        try TransformerModelFile.save(model, configuration: model.configuration, key: configurationKey,
                                      metadata: metadata.merging([datasetKey: dataset.rawValue]) { $1 }, to: path)
    }

    /// Whether `path` holds a model written by ``save(_:dataset:to:metadata:)``.
    static func holdsVisionTransformer(_ path: String) -> Bool { TransformerModelFile.holds(configurationKey, in: path) }

    /// Reads a model written by ``save(_:dataset:to:metadata:)`` and its data set.
    /// - Throws: `CLIError` naming the file when it is not a ViT model file.
    static func load(_ path: String) throws -> (model: VisionTransformer, dataset: ImageDataset) {
        let (configuration, metadata) = try TransformerModelFile.configuration(
            VisionTransformerConfiguration.self, key: configurationKey, in: path, kind: "ViT", producer: "train-vit")
        if let problem = configuration.problem { throw CLIError("\(path): invalid ViT configuration: \(problem)") }
        guard let dataset = ImageDataset(rawValue: metadata[datasetKey] ?? "") else {
            throw CLIError("\(path): unknown data set '\(metadata[datasetKey] ?? "")' in '\(datasetKey)'")
        }
        var generator = RandomGenerator(seed: 0)
        let model = VisionTransformer(configuration, using: &generator)
        try ModelFile.loadParameters(into: model, from: URL(fileURLWithPath: path))
        return (model, dataset)
    }
}
