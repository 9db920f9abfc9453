import Foundation
import AprendizAutodiff
import AprendizData
import AprendizNN
import AprendizOptimizers
import AprendizTensor

/// Models saved as safetensors files that PyTorch, Hugging Face and `safetensors` read.
///
/// ```
/// [8-byte little-endian header length][JSON header][raw little-endian F32 data]
/// header: {"layers.0.weight": {"dtype": "F32", "shape": [64, 256], "data_offsets": [0, 65536]}, …,
///          "__metadata__": {"format": "pt", "aprendiz.architecture": "{\"type\":\"Sequential\",…}", …}}
/// ```
/// Parameters are stored under their dotted names (`Module.namedParameters()`, then the buffers of
/// `Module.namedBuffers()` such as batch normalisation's running statistics), optimizer state
/// under `optimizer.<key>` (`Optimizer.stateTensors()`), and the architecture (`Architecture`
/// JSON) in the metadata so ``load(from:registry:)`` rebuilds the model without its code. Dense
/// weights are `[inputs, outputs]`: PyTorch's `nn.Linear` wants the transpose.
///
/// Writes are atomic (temporary file, fsync, rename): a crash mid-save leaves the previous file.
/// A truncated or malformed file throws `SafetensorsError`; a file that does not fit the model
/// throws ``ModelFileError``.
public enum ModelFile {
    /// The metadata key of the architecture JSON.
    public static let architectureKey = "aprendiz.architecture"
    /// The prefix of optimizer-state tensor names.
    public static let optimizerPrefix = "optimizer."

    /// Saves `model`'s parameters (and `optimizer`'s state, if given) to `url`, atomically.
    /// - Parameters:
    ///   - model: the model to save.
    ///   - url: the file to write.
    ///   - optimizer: whose state to save with the parameters (default none).
    ///   - metadata: extra string entries for `__metadata__` (epoch, metrics, …).
    ///   - registry: the registry that will load the file (default `ArchitectureRegistry.standard`):
    ///     a layer type it cannot build fails here, not when the file is loaded.
    /// - Throws: ``ModelFileError/unregisteredLayers(_:types:)`` before writing anything, `SafetensorsError`.
    public static func save(_ model: Module, to url: URL, optimizer: (any Optimizer)? = nil,
                            metadata: [String: String] = [:], registry: ArchitectureRegistry = .standard) throws {
        if let architecture = model.describedArchitecture {
            let missing = registry.unregisteredTypes(in: architecture)
            guard missing.isEmpty else { throw ModelFileError.unregisteredLayers(url.path, types: missing) }
        }
        var tensors: [String: SafetensorsTensor] = [:]
        for (name, parameter) in storedTensors(of: model) { tensors[name] = SafetensorsTensor(parameter.value) }
        for (key, value) in optimizer?.stateTensors() ?? [:] { tensors[optimizerPrefix + key] = SafetensorsTensor(value) }
        var header = metadata.merging(["format": "pt"]) { $1 }
        if let architecture = model.describedArchitecture { header[architectureKey] = architecture.jsonString() }
        try SafetensorsArchive(tensors: tensors, metadata: header).write(to: url)
    }

    /// Rebuilds the model described in the file and loads its parameters.
    /// - Returns: the model, the file's metadata and any saved optimizer state (keys without the prefix).
    /// - Throws: ``ModelFileError/noArchitecture(_:)`` for a parameters-only file (use
    ///   ``loadParameters(into:from:optimizer:)``), `ArchitectureError`, `SafetensorsError`.
    public static func load(from url: URL, registry: ArchitectureRegistry = .standard) throws
        -> (model: Module, metadata: [String: String], optimizerState: [String: Tensor]) {
        let archive = try SafetensorsArchive(contentsOf: url)
        guard let json = archive.metadata[architectureKey] else { throw ModelFileError.noArchitecture(url.path) }
        let architecture = try Architecture(jsonString: json)
        // Checked before building: the layers allocate (and initialise) their weights from the description.
        let stored = archive.tensors.values.reduce(0) { $0 + $1.scalars.count }
        let described = weightCount(of: architecture)
        guard described <= stored else {
            throw ModelFileError.architectureLargerThanFile(url.path, weights: described, stored: stored)
        }
        let model = try registry.build(architecture)
        let state = try assign(archive, to: model, path: url.path)
        return (model, archive.metadata, state)
    }

    /// Loads the file's parameters into an existing `model` (and optimizer state into `optimizer`).
    /// - Returns: the file's metadata.
    /// - Throws: ``ModelFileError`` when a parameter is missing, extra or of another shape.
    @discardableResult
    public static func loadParameters(into model: Module, from url: URL, optimizer: (any Optimizer)? = nil) throws -> [String: String] {
        let archive = try SafetensorsArchive(contentsOf: url)
        let state = try assign(archive, to: model, path: url.path)
        if let optimizer, !state.isEmpty { try optimizer.loadState(state) }
        return archive.metadata
    }

    /// Loads the parameters of an archive already read from `path` into `model` (the model-file readers of
    /// `ModelFiles/`, which read the metadata first); optimizer state is ignored.
    /// - Throws: ``ModelFileError`` when a parameter is missing, extra or of another shape.
    package static func loadParameters(into model: Module, from archive: SafetensorsArchive, path: String) throws {
        _ = try assign(archive, to: model, path: path)
    }

    /// The parameters and then the buffers (running statistics) of `model`: what a model file holds.
    private static func storedTensors(of model: Module) -> [(name: String, parameter: Variable)] {
        model.namedParameters() + model.namedBuffers().map { (name: $0.name, parameter: $0.buffer) }
    }

    /// The number of weights the description asks the standard layers to allocate (saturating at `Int.max`):
    ///
    /// ```
    /// Dense: inputs·outputs     Conv2D: outputs·(inputs/groups)·kh·kw     other layers: channels, if given
    /// ```
    /// A file that holds the model stores at least these many scalars, so a larger count is a corrupt description.
    public static func weightCount(of architecture: Architecture) -> Int {
        var count = 1, sized = false
        func multiply(_ value: Int) {
            sized = true
            let (product, overflow) = count.multipliedReportingOverflow(by: max(value, 0))
            count = overflow ? Int.max : product
        }
        for name in ["inputs", "outputs", "channels"] {
            if case .int(let value)? = architecture.options[name] { multiply(value) }
        }
        if case .ints(let kernel)? = architecture.options["kernelSize"] { kernel.forEach(multiply) }
        if sized, case .int(let groups)? = architecture.options["groups"], groups > 1 { count /= groups }
        var total = sized ? count : 0
        for layer in architecture.layers {
            let (sum, overflow) = total.addingReportingOverflow(weightCount(of: layer))
            total = overflow ? Int.max : sum
        }
        return total
    }

    /// Checks every name and shape first, then assigns, so a mismatch leaves the model untouched.
    private static func assign(_ archive: SafetensorsArchive, to model: Module, path: String) throws -> [String: Tensor] {
        let parameters = storedTensors(of: model)
        for (name, parameter) in parameters {
            guard let stored = archive.tensors[name] else { throw ModelFileError.missingParameter(path, name: name) }
            guard stored.shape == parameter.shape else {
                throw ModelFileError.shapeMismatch(path, name: name, expected: parameter.shape, found: stored.shape)
            }
        }
        let known = Set(parameters.map(\.name))
        if let extra = archive.tensors.keys.sorted().first(where: { !known.contains($0) && !$0.hasPrefix(optimizerPrefix) }) {
            throw ModelFileError.unexpectedTensor(path, name: extra)
        }
        for (name, parameter) in parameters { parameter.value = Tensor(archive.tensors[name]!) }
        var state: [String: Tensor] = [:]
        for (name, tensor) in archive.tensors where name.hasPrefix(optimizerPrefix) {
            state[String(name.dropFirst(optimizerPrefix.count))] = Tensor(tensor)
        }
        return state
    }
}

/// Why a model file does not fit.
public enum ModelFileError: Error, Equatable, CustomStringConvertible {
    case noArchitecture(String)
    case missingParameter(String, name: String)
    case unexpectedTensor(String, name: String)
    case shapeMismatch(String, name: String, expected: [Int], found: [Int])
    /// Layer types the loading registry cannot build (a layer added without its `register` line).
    case unregisteredLayers(String, types: [String])
    /// The architecture describes more weights than the file stores scalars (a corrupt or hostile description).
    case architectureLargerThanFile(String, weights: Int, stored: Int)

    public var description: String {
        switch self {
        case .noArchitecture(let path):
            "model file '\(path)': no architecture in its metadata; build the model in code and use loadParameters(into:from:)"
        case .missingParameter(let path, let name): "model file '\(path)': parameter '\(name)' is missing"
        case .unexpectedTensor(let path, let name): "model file '\(path)': tensor '\(name)' is not a parameter of the model"
        case .shapeMismatch(let path, let name, let expected, let found):
            "model file '\(path)': parameter '\(name)' has shape \(found), the model expects \(expected)"
        case .unregisteredLayers(let path, let types):
            "model file '\(path)': layer type(s) \(types.joined(separator: ", ")) not in the architecture registry; register them (ArchitectureRegistry.register) so the file can be loaded"
        case .architectureLargerThanFile(let path, let weights, let stored):
            "model file '\(path)': the architecture describes \(weights) weights but the file stores \(stored) values"
        }
    }
}
