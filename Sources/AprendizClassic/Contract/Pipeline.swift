import AprendizData
import AprendizTensor

/// Transformers followed by an estimator, fitted as one model (scikit-learn's `Pipeline`): each step is
/// fitted on the output of the steps before it, so cross-validation of a pipeline never lets the
/// held-out fold leak into the preprocessing.
/// ```
/// fit:      T₁ = step₁.fit(x),  T₂ = step₂.fit(T₁(x)), …,  model = final.fit(Tₖ(…T₁(x)), y)
/// predict:  model.predict(Tₖ(…T₁(x)))
/// ```
/// Polynomial regression (§12.3) is `Pipeline(steps: [PolynomialFeatures(degree: d)], final: LinearRegression())`.
public struct Pipeline<Final: Estimator>: Estimator {
    public static var name: String { "Pipeline<\(Final.name)>" }
    /// The preprocessing steps, in order.
    public var steps: [any Transformer]
    /// The estimator fitted on the transformed data.
    public var final: Final

    /// A pipeline of `steps` ending in `final`.
    public init(steps: [any Transformer], final: Final) {
        self.steps = steps
        self.final = final
    }

    public func validate() throws(ClassicError) { try final.validate() }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> PipelineModel<Final.Model> {
        var transforms: [any FittedTransform] = [], current = x
        for step in steps {
            let transform = try step.fit(current)
            current = transform.transform(current)
            transforms.append(transform)
        }
        return PipelineModel(transforms: transforms, model: try final.fit(current, y), featureCount: x.shape[1])
    }
}

/// A fitted ``Pipeline``.
public struct PipelineModel<Model: FittedModel>: FittedModel {
    /// The fitted preprocessing steps.
    public let transforms: [any FittedTransform]
    /// The fitted final model.
    public let model: Model
    public let featureCount: Int

    /// `x` through every fitted step.
    public func transform(_ x: Tensor) -> Tensor { transforms.reduce(x) { $1.transform($0) } }
    /// The final model's predictions on the transformed `x`.
    public func predict(_ x: Tensor) -> Tensor { model.predict(transform(x)) }
    /// The final model's score on the transformed `x`.
    public func score(_ x: Tensor, _ y: Tensor) -> Float { model.score(transform(x), y) }
}

extension PipelineModel: RegressionModel where Model: RegressionModel {}

extension PipelineModel: ClassificationModel where Model: ClassificationModel {
    public var classes: [Int] { model.classes }
    public func predictProbabilities(_ x: Tensor) -> Tensor { model.predictProbabilities(transform(x)) }
}

extension PipelineModel: ArchivableModel where Model: ArchivableModel {
    public static var archiveKind: String { "pipeline" }

    /// The final model's tensors and metadata under `model.`, each step's tensors under `stepᵢ.` with its kind in
    /// the metadata (`stepᵢ.kind`), the step count (`steps`) and the final model's kind (`pipeline.model`).
    /// - Precondition: every step is an ``ArchivableTransform`` (the library's transforms are).
    public func archived() -> SafetensorsArchive {
        let inner = model.archived()
        var tensors = inner.tensors.reduce(into: [String: SafetensorsTensor]()) { $0["model." + $1.key] = $1.value }
        var metadata = inner.metadata.reduce(into: [String: String]()) { $0["model." + $1.key] = $1.value }
        for (index, transform) in transforms.enumerated() {
            guard let step = transform as? any ArchivableTransform else {
                preconditionFailure("PipelineModel: step \(index) (\(type(of: transform))) cannot be saved: it is not an ArchivableTransform")
            }
            for (name, tensor) in step.archivedTensors() { tensors["step\(index).\(name)"] = SafetensorsTensor(tensor) }
            metadata["step\(index).kind"] = type(of: step).archiveKind
        }
        metadata["steps"] = "\(transforms.count)"
        metadata["pipeline.model"] = Model.archiveKind
        metadata["feature_count"] = "\(featureCount)"
        return SafetensorsArchive(tensors: tensors, metadata: metadata)
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let kind = Self.archiveKind
        guard archive.metadata["pipeline.model"] == Model.archiveKind else {
            throw .invalidModelFile(expected: kind, reason: "the final model is '\(archive.metadata["pipeline.model"] ?? "none")', not '\(Model.archiveKind)'")
        }
        guard let count = Int(try archive.value("steps", for: kind)), count >= 0, count <= 1000,
              let width = Int(try archive.value("feature_count", for: kind)), width >= 0 else {
            throw .invalidModelFile(expected: kind, reason: "bad step count or feature count")
        }
        var transforms: [any FittedTransform] = []
        for index in 0..<count {
            let stepKind = try archive.value("step\(index).kind", for: kind)
            guard let type = TransformArchive.kinds.first(where: { $0.archiveKind == stepKind }) else {
                throw .invalidModelFile(expected: kind, reason: "step \(index) is of unknown kind '\(stepKind)'")
            }
            let prefix = "step\(index)."
            let tensors = archive.tensors.filter { $0.key.hasPrefix(prefix) }
                .reduce(into: [String: Tensor]()) { $0[String($1.key.dropFirst(prefix.count))] = Tensor($1.value) }
            transforms.append(try type.init(archivedTensors: tensors))
        }
        let inner = SafetensorsArchive(
            tensors: archive.tensors.filter { $0.key.hasPrefix("model.") }.reduce(into: [:]) { $0[String($1.key.dropFirst(6))] = $1.value },
            metadata: archive.metadata.filter { $0.key.hasPrefix("model.") }.reduce(into: [:]) { $0[String($1.key.dropFirst(6))] = $1.value })
        self.init(transforms: transforms, model: try Model(archive: inner), featureCount: width)
    }
}
