import AprendizData
import AprendizTensor

// Voting and stacking hold estimators of different types in one array. The simplest design that type-checks:
// each member is erased once, at construction, into a value holding its name and a `fit` closure
// (`AnyClassifier`, `AnyRegressor`), and each fitted member into a model holding an existential
// `any ClassificationModel & ArchivableModel` (`AnyClassificationModel`, `AnyRegressionModel`). Equality of
// erased models compares their archives; loading one reads its kind from the archive and looks it up in
// `EnsembleMemberKinds`.

/// A classifier estimator of any type (its model must be archivable), for ``VotingClassifier`` and ``StackingClassifier``.
public struct AnyClassifier: Sendable {
    /// The wrapped estimator's name.
    public let name: String
    private let body: @Sendable (Tensor, Tensor) throws(ClassicError) -> AnyClassificationModel

    /// Wraps `estimator`.
    public init<E: Estimator>(_ estimator: E) where E.Model: ClassificationModel & ArchivableModel {
        name = E.name
        body = { x, y throws(ClassicError) in AnyClassificationModel(try estimator.fit(x, y)) }
    }

    /// Fits the wrapped estimator.
    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> AnyClassificationModel { try body(x, y) }
}

/// A regressor estimator of any type (its model must be archivable), for ``VotingRegressor`` and ``StackingRegressor``.
public struct AnyRegressor: Sendable {
    /// The wrapped estimator's name.
    public let name: String
    private let body: @Sendable (Tensor, Tensor) throws(ClassicError) -> AnyRegressionModel

    /// Wraps `estimator`.
    public init<E: Estimator>(_ estimator: E) where E.Model: RegressionModel & ArchivableModel {
        name = E.name
        body = { x, y throws(ClassicError) in AnyRegressionModel(try estimator.fit(x, y)) }
    }

    /// Fits the wrapped estimator.
    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> AnyRegressionModel { try body(x, y) }
}

/// A fitted classifier of any archivable type; equal when the archives are equal.
public struct AnyClassificationModel: ClassificationModel, Equatable {
    /// The wrapped model.
    public let base: any ClassificationModel & ArchivableModel
    /// Wraps `base`.
    public init(_ base: any ClassificationModel & ArchivableModel) { self.base = base }
    public var featureCount: Int { base.featureCount }
    public var classes: [Int] { base.classes }
    public func predictProbabilities(_ x: Tensor) -> Tensor { base.predictProbabilities(x) }
    /// The wrapped model's archive, its kind included.
    public var archive: SafetensorsArchive { EnsembleMemberKinds.archive(base) }
    public static func == (a: Self, b: Self) -> Bool { a.archive == b.archive }
}

/// A fitted regressor of any archivable type; equal when the archives are equal.
public struct AnyRegressionModel: RegressionModel, Equatable {
    /// The wrapped model.
    public let base: any RegressionModel & ArchivableModel
    /// Wraps `base`.
    public init(_ base: any RegressionModel & ArchivableModel) { self.base = base }
    public var featureCount: Int { base.featureCount }
    public func predict(_ x: Tensor) -> Tensor { base.predict(x) }
    /// The wrapped model's archive, its kind included.
    public var archive: SafetensorsArchive { EnsembleMemberKinds.archive(base) }
    public static func == (a: Self, b: Self) -> Bool { a.archive == b.archive }
}

/// The model kinds an ensemble file can hold as members, and the member ↔ prefixed-archive coding.
public enum EnsembleMemberKinds {
    /// Classifier model types by archive kind.
    public static let classifiers: [String: any (ClassificationModel & ArchivableModel).Type] = [
        LogisticModel.archiveKind: LogisticModel.self,
        HistGradientBoostingClassificationModel.archiveKind: HistGradientBoostingClassificationModel.self,
        AdaBoostModel.archiveKind: AdaBoostModel.self,
    ]
    /// Regressor model types by archive kind.
    public static let regressors: [String: any (RegressionModel & ArchivableModel).Type] = [
        LinearModel.archiveKind: LinearModel.self,
        HistGradientBoostingRegressionModel.archiveKind: HistGradientBoostingRegressionModel.self,
    ]

    static func archive<M: ArchivableModel>(_ model: M) -> SafetensorsArchive {
        var archive = model.archived()
        archive.metadata["aprendiz.model"] = M.archiveKind
        return archive
    }

    /// Adds `member`'s tensors and metadata to `archive` under the prefix `name.`.
    static func embed(_ member: SafetensorsArchive, as name: String, in archive: inout SafetensorsArchive) {
        for (key, tensor) in member.tensors { archive.tensors["\(name).\(key)"] = tensor }
        for (key, value) in member.metadata { archive.metadata["\(name).\(key)"] = value }
    }

    /// The member archive stored under `name.` by ``embed(_:as:in:)``.
    static func extract(_ name: String, from archive: SafetensorsArchive) -> SafetensorsArchive {
        let prefix = name + "."
        return SafetensorsArchive(
            tensors: Dictionary(uniqueKeysWithValues: archive.tensors.filter { $0.key.hasPrefix(prefix) }.map { (String($0.key.dropFirst(prefix.count)), $0.value) }),
            metadata: Dictionary(uniqueKeysWithValues: archive.metadata.filter { $0.key.hasPrefix(prefix) }.map { (String($0.key.dropFirst(prefix.count)), $0.value) }))
    }

    /// The classifier stored under `name.`; throws if absent or of an unknown kind.
    static func classifier(_ name: String, from archive: SafetensorsArchive, for kind: String) throws(ClassicError) -> AnyClassificationModel {
        let member = extract(name, from: archive)
        guard let memberKind = member.metadata["aprendiz.model"], let type = classifiers[memberKind] else {
            throw .invalidModelFile(expected: kind, reason: "member '\(name)' is missing or of an unknown kind")
        }
        return AnyClassificationModel(try type.init(archive: member))
    }

    /// The regressor stored under `name.`; throws if absent or of an unknown kind.
    static func regressor(_ name: String, from archive: SafetensorsArchive, for kind: String) throws(ClassicError) -> AnyRegressionModel {
        let member = extract(name, from: archive)
        guard let memberKind = member.metadata["aprendiz.model"], let type = regressors[memberKind] else {
            throw .invalidModelFile(expected: kind, reason: "member '\(name)' is missing or of an unknown kind")
        }
        return AnyRegressionModel(try type.init(archive: member))
    }
}

/// Checks the members of a voting or stacking ensemble: at least one, and `weights` (if given) one per member,
/// non-negative, not all 0.
func checkEnsembleMembers(_ name: String, count: Int, weights: [Double]?) throws(ClassicError) {
    try checkHyperParameter(count > 0, name, "estimators", "[]", "at least one estimator")
    if let weights {
        try checkHyperParameter(weights.count == count && weights.allSatisfy { $0 >= 0 } && weights.contains { $0 > 0 },
                                name, "weights", weights, "\(count) non-negative values, not all 0")
    }
}
