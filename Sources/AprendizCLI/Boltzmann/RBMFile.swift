import Aprendiz
import Foundation

/// An `RBM` in a safetensors file: `weights` `[visible, hidden]`, `visible_bias`, `hidden_bias`, and
/// `aprendiz.model = rbm` in the metadata.
enum RBMFile {
    static let kind = "rbm"

    static func save(_ rbm: RBM, to path: String, metadata: [String: String] = [:]) throws {
        let archive = SafetensorsArchive(
            tensors: ["weights": SafetensorsTensor(rbm.weights), "visible_bias": SafetensorsTensor(rbm.visibleBias),
                      "hidden_bias": SafetensorsTensor(rbm.hiddenBias)],
            metadata: metadata.merging(["aprendiz.model": kind]) { $1 })
        try archive.write(to: URL(fileURLWithPath: path))
    }

    /// Reads a machine written by ``save(_:to:metadata:)``.
    /// - Throws: `CLIError` naming the file when it holds another model or inconsistent shapes.
    static func load(_ path: String) throws -> RBM {
        let archive = try SafetensorsArchive(contentsOf: URL(fileURLWithPath: path))
        guard archive.metadata["aprendiz.model"] == kind,
              let w = archive.tensors["weights"], let b = archive.tensors["visible_bias"], let c = archive.tensors["hidden_bias"] else {
            throw CLIError("\(path) is not an RBM model file (metadata aprendiz.model = \(archive.metadata["aprendiz.model"] ?? "none")); write one with `aprendiz rbm --save`")
        }
        guard w.shape.count == 2, b.shape == [w.shape[0]], c.shape == [w.shape[1]] else {
            throw CLIError("\(path): weights \(w.shape), visible_bias \(b.shape) and hidden_bias \(c.shape) are not [visible, hidden], [visible] and [hidden]")
        }
        return RBM(weights: Tensor(w), visibleBias: Tensor(b), hiddenBias: Tensor(c))
    }
}
