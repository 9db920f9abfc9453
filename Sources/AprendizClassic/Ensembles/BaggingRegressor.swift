import AprendizData
import AprendizTensor

/// Bootstrap aggregating of any regressor (book §15; Breiman 1996; scikit-learn's `BaggingRegressor`):
/// ```
/// S_m = ⌈maxSamples·n⌉ rows drawn with replacement (without, if bootstrap = false);  ŷ = (1/M) Σ_m f_m(x)
/// ```
/// Generic over the member estimator `E`. Defaults: 10 members, maxSamples 1, bootstrap, seed 0.
public struct BaggingRegressor<E: Estimator>: Estimator where E.Model: RegressionModel {
    public static var name: String { "BaggingRegressor" }
    /// The member estimator.
    public let estimator: E
    /// M ≥ 1.
    public let estimators: Int
    /// Fraction of n drawn per member, in (0, 1].
    public let maxSamples: Double
    /// Draw with replacement.
    public let bootstrap: Bool
    /// Seed of the draws (`RandomGenerator(seed: seed + m)` for member m).
    public let seed: UInt64

    /// Validates and stores the options.
    public init(_ estimator: E, estimators: Int = 10, maxSamples: Double = 1, bootstrap: Bool = true, seed: UInt64 = 0) throws(ClassicError) {
        self.estimator = estimator; self.estimators = estimators; self.maxSamples = maxSamples
        self.bootstrap = bootstrap; self.seed = seed
        try validate()
    }

    public func validate() throws(ClassicError) {
        try checkBaggingParameters(Self.name, estimators: estimators, maxSamples: maxSamples)
    }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> BaggingRegressionModel<E.Model> {
        try validate()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        return BaggingRegressionModel(members: try fitBagged(estimator, x, y, estimators: estimators, maxSamples: maxSamples,
                                                             bootstrap: bootstrap, seed: seed))
    }
}

/// A fitted ``BaggingRegressor``: the mean of its members' predictions.
public struct BaggingRegressionModel<M: RegressionModel>: RegressionModel {
    /// The fitted members.
    public let members: [M]

    /// An ensemble of fitted members.
    public init(members: [M]) {
        require(!members.isEmpty, "BaggingRegressionModel: no members")
        self.members = members
    }

    public var featureCount: Int { members[0].featureCount }

    public func predict(_ x: Tensor) -> Tensor {
        members.dropFirst().reduce(members[0].predict(x)) { $0 + $1.predict(x) } / Float(members.count)
    }
}

extension BaggingRegressionModel: Equatable where M: Equatable {}

extension BaggingRegressionModel: ArchivableModel where M: ArchivableModel {
    public static var archiveKind: String { "bagging-regressor" }

    /// Each member's archive under `member<i>.`.
    public func archived() -> SafetensorsArchive {
        var archive = SafetensorsArchive(tensors: [:], estimator: "BaggingRegressor", hyperParameters: ["members": "\(members.count)"])
        for (i, member) in members.enumerated() { EnsembleMemberKinds.embed(EnsembleMemberKinds.archive(member), as: "member\(i)", in: &archive) }
        return archive
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        self.init(members: try loadMembers(M.self, from: archive, for: Self.archiveKind))
    }
}
