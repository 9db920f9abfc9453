import AprendizData
import AprendizTensor
import Foundation

/// A fitted model that saves to a safetensors file and loads back to identical predictions: its arrays as
/// tensors, its kind, hyper-parameters and classes in the JSON metadata (SPEC "Classic ML — decisions"),
/// so Python reads the arrays with `safetensors.numpy.load_file`.
public protocol ArchivableModel: FittedModel {
    /// The kind written to the `aprendiz.model` metadata key (`linear`, `logistic`, …).
    static var archiveKind: String { get }
    /// The model's tensors and metadata (the kind is added by ``save(to:)``).
    func archived() -> SafetensorsArchive
    /// Rebuilds the model from ``archived()``'s output; throws if something is missing or inconsistent.
    init(archive: SafetensorsArchive) throws(ClassicError)
}

extension ArchivableModel {
    /// Writes the model to `url` (safetensors).
    public func save(to url: URL) throws {
        var archive = archived()
        archive.metadata["aprendiz.model"] = Self.archiveKind
        try archive.write(to: url)
    }

    /// Reads a model written by ``save(to:)``; throws if the file is unreadable or holds another kind of model.
    public init(contentsOf url: URL) throws {
        let archive = try SafetensorsArchive(contentsOf: url)
        guard archive.metadata["aprendiz.model"] == Self.archiveKind else {
            throw ClassicError.invalidModelFile(expected: Self.archiveKind,
                                                reason: "'\(url.path)' holds model '\(archive.metadata["aprendiz.model"] ?? "none")'")
        }
        try self.init(archive: archive)
    }
}

extension SafetensorsArchive {
    /// The tensor `name`, or a ``ClassicError/invalidModelFile(expected:reason:)``.
    func tensor(_ name: String, for kind: String) throws(ClassicError) -> Tensor {
        guard let t = tensors[name] else { throw .invalidModelFile(expected: kind, reason: "no tensor '\(name)'") }
        return Tensor(t)
    }

    /// The metadata value `key`, or a ``ClassicError/invalidModelFile(expected:reason:)``.
    func value(_ key: String, for kind: String) throws(ClassicError) -> String {
        guard let v = metadata[key] else { throw .invalidModelFile(expected: kind, reason: "no metadata '\(key)'") }
        return v
    }
}

extension SafetensorsArchive {
    /// An archive of a model's tensors with the estimator's name and hyper-parameters (`param.NAME`) in the metadata.
    init(tensors: [String: Tensor], estimator: String, hyperParameters: [String: String]) {
        self.init(archiveTensors: tensors.mapValues(SafetensorsTensor.init), estimator: estimator, hyperParameters: hyperParameters)
    }

    /// ``init(tensors:estimator:hyperParameters:)`` from tensors already in the archive's form (no copy).
    init(archiveTensors tensors: [String: SafetensorsTensor], estimator: String, hyperParameters: [String: String]) {
        var metadata = hyperParameters.reduce(into: [String: String]()) { $0["param." + $1.key] = $1.value }
        metadata["estimator"] = estimator
        self.init(tensors: tensors, metadata: metadata)
    }

    /// The hyper-parameters written by ``init(tensors:estimator:hyperParameters:)``.
    var hyperParameters: [String: String] {
        Dictionary(uniqueKeysWithValues: metadata.filter { $0.key.hasPrefix("param.") }.map { (String($0.key.dropFirst(6)), $0.value) })
    }
}

/// Integer class labels as the metadata string `"[0, 3, 7]"` and back.
enum ClassListCoding {
    static func encode(_ classes: [Int]) -> String { "[" + classes.map(String.init).joined(separator: ", ") + "]" }
    static func decode(_ text: String, for kind: String) throws(ClassicError) -> [Int] {
        let body = text.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
        let parts = body.isEmpty ? [] : body.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.allSatisfy({ $0 != nil }) else { throw .invalidModelFile(expected: kind, reason: "bad class list '\(text)'") }
        return parts.map { $0! }
    }
}
