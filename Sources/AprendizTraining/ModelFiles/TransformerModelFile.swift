import AprendizData
import AprendizNN
import Foundation

/// The model files of the Transformer commands: a safetensors file whose metadata holds the model's
/// configuration as JSON under one key (`aprendiz.gpt`, `aprendiz.vit`, `aprendiz.bert`,
/// `aprendiz.seq2seq`), so the command that reads it rebuilds the model before loading the parameters.
package enum TransformerModelFile {
    /// Writes `model` with `configuration` under `key`, plus `metadata`, to `path`.
    package static func save(_ model: Module, configuration: some Encodable, key: String, metadata: [String: String] = [:],
                             to path: String) throws {
        let json = String(decoding: try JSONEncoder().encode(configuration), as: UTF8.self)
        try ModelFile.save(model, to: URL(fileURLWithPath: path), metadata: metadata.merging([key: json]) { $1 })
    }

    /// The configuration stored under `key` in `archive` (read from `path`).
    /// - Throws: ``ModelFileContentError`` naming the file and `producer` (the command that writes such files) when
    ///   the key is missing or does not decode.
    package static func configuration<C: Decodable>(_ type: C.Type, key: String, in archive: SafetensorsArchive, path: String,
                                                    kind: String, producer: String) throws(ModelFileContentError) -> C {
        guard let json = archive.metadata[key], let configuration = try? JSONDecoder().decode(C.self, from: Data(json.utf8)) else {
            throw ModelFileContentError(path, "\(path) is not a \(kind) model file (no valid '\(key)' metadata); train one with `aprendiz \(producer)`")
        }
        return configuration
    }

    /// Whether `path` is a safetensors file with metadata `key`.
    package static func holds(_ key: String, in path: String) -> Bool {
        (try? SafetensorsArchive(contentsOf: URL(fileURLWithPath: path)))?.metadata[key] != nil
    }
}
