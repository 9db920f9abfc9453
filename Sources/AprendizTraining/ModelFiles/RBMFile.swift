import AprendizData
import AprendizNN
import AprendizTensor
import Foundation

/// An `RBM` in a safetensors file: `weights` `[visible, hidden]`, `visible_bias`, `hidden_bias`, and
/// `aprendiz.model = rbm` in the metadata (`aprendiz rbm --save`).
package enum RBMFile {
    /// The value of `aprendiz.model` in the metadata of an RBM file.
    package static let kind = "rbm"

    /// Writes `rbm` (plus `metadata`) to `path`.
    package static func save(_ rbm: RBM, to path: String, metadata: [String: String] = [:]) throws {
        let archive = SafetensorsArchive(
            tensors: ["weights": SafetensorsTensor(rbm.weights), "visible_bias": SafetensorsTensor(rbm.visibleBias),
                      "hidden_bias": SafetensorsTensor(rbm.hiddenBias)],
            metadata: metadata.merging(["aprendiz.model": kind]) { $1 })
        try archive.write(to: URL(fileURLWithPath: path))
    }

    /// Reads a machine written by ``save(_:to:metadata:)``.
    /// - Throws: ``ModelFileContentError`` naming the file when it holds another model or inconsistent shapes.
    package static func load(_ path: String) throws -> RBM {
        try read(SafetensorsArchive(contentsOf: URL(fileURLWithPath: path)), path: path)
    }

    /// The machine in `archive`, read from `path`: three tensors of shapes `[v, h]`, `[v]`, `[h]` with v, h ≥ 1.
    package static func read(_ archive: SafetensorsArchive, path: String) throws(ModelFileContentError) -> RBM {
        guard archive.metadata["aprendiz.model"] == kind,
              let w = archive.tensors["weights"], let b = archive.tensors["visible_bias"], let c = archive.tensors["hidden_bias"] else {
            throw ModelFileContentError(path, "\(path) is not an RBM model file (metadata aprendiz.model = \(archive.metadata["aprendiz.model"] ?? "none")); write one with `aprendiz rbm --save`")
        }
        guard w.shape.count == 2, w.shape.allSatisfy({ $0 >= 1 }), b.shape == [w.shape[0]], c.shape == [w.shape[1]] else {
            throw ModelFileContentError(path, "\(path): weights \(w.shape), visible_bias \(b.shape) and hidden_bias \(c.shape) are not [visible, hidden], [visible] and [hidden]")
        }
        return RBM(weights: Tensor(w), visibleBias: Tensor(b), hiddenBias: Tensor(c))
    }
}
