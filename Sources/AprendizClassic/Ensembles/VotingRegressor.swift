import AprendizData
import AprendizTensor

/// The weighted mean of regressors of any type (book §15; scikit-learn's `VotingRegressor`):
/// ```
/// ŷ = Σ_m w_m f_m(x) / Σ_m w_m
/// ```
/// Members are erased (``AnyRegressor``). Default: equal weights.
public struct VotingRegressor: Estimator {
    public static let name = "VotingRegressor"
    /// The members.
    public let estimators: [AnyRegressor]
    /// w_m ≥ 0 per member (not all 0), or nil for 1 each.
    public let weights: [Double]?

    /// Validates and stores the members and weights.
    public init(_ estimators: [AnyRegressor], weights: [Double]? = nil) throws(ClassicError) {
        self.estimators = estimators
        self.weights = weights
        try validate()
    }

    public func validate() throws(ClassicError) {
        try checkEnsembleMembers(Self.name, count: estimators.count, weights: weights)
    }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> VotingRegressionModel {
        try validate()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        var members: [AnyRegressionModel] = []
        for estimator in estimators { members.append(try estimator.fit(x, y)) }
        return VotingRegressionModel(members: members, weights: weights ?? estimators.map { _ in 1 })
    }
}

/// A fitted ``VotingRegressor``, saved with each member's archive under `member<i>.`.
public struct VotingRegressionModel: RegressionModel, ArchivableModel, Equatable {
    /// The fitted members.
    public let members: [AnyRegressionModel]
    /// w_m per member.
    public let weights: [Double]

    /// An ensemble of fitted members.
    public init(members: [AnyRegressionModel], weights: [Double]) {
        require(!members.isEmpty && weights.count == members.count, "VotingRegressionModel: \(members.count) members, \(weights.count) weights")
        self.members = members; self.weights = weights
    }

    public var featureCount: Int { members[0].featureCount }

    public func predict(_ x: Tensor) -> Tensor {
        var sum = Tensor.zeros([x.shape[0]])
        for (member, w) in zip(members, weights) { sum = sum + member.predict(x) * Float(w) }
        return sum / Float(weights.reduce(0, +))
    }

    public static let archiveKind = "voting-regressor"

    public func archived() -> SafetensorsArchive {
        var archive = SafetensorsArchive(tensors: ["weights": Tensor(weights.map(Float.init))], estimator: VotingRegressor.name,
                                         hyperParameters: ["members": "\(members.count)"])
        for (i, member) in members.enumerated() { EnsembleMemberKinds.embed(member.archive, as: "member\(i)", in: &archive) }
        return archive
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let kind = Self.archiveKind
        let weights = try archive.tensor("weights", for: kind).scalars.map(Double.init)
        guard !weights.isEmpty else { throw .invalidModelFile(expected: kind, reason: "no weights") }
        var members: [AnyRegressionModel] = []
        for i in weights.indices { members.append(try EnsembleMemberKinds.regressor("member\(i)", from: archive, for: kind)) }
        self.init(members: members, weights: weights)
    }
}
