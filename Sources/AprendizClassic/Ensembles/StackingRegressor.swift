import AprendizData
import AprendizTensor

/// Stacked generalisation for regression (book §15; scikit-learn's `StackingRegressor`, no passthrough): a final
/// regressor learns from the members' cross-validated predictions,
/// ```
/// zᵢ = [f₁(xᵢ), …, f_M(xᵢ)]   from models fitted without xᵢ's fold;   final = fit(z, y);   ŷ = final(z(x))
/// ```
/// Folds: ``KFold`` (default 5, no shuffling, as scikit-learn's `cv=None`).
public struct StackingRegressor: Estimator {
    public static let name = "StackingRegressor"
    /// The members.
    public let estimators: [AnyRegressor]
    /// The regressor fitted on the members' predictions.
    public let finalEstimator: AnyRegressor
    /// Folds of the cross-validated predictions (≥ 2).
    public let folds: Int

    /// Validates and stores the members, the final estimator and the fold count.
    public init(_ estimators: [AnyRegressor], final finalEstimator: AnyRegressor, folds: Int = 5) throws(ClassicError) {
        self.estimators = estimators
        self.finalEstimator = finalEstimator
        self.folds = folds
        try validate()
    }

    public func validate() throws(ClassicError) {
        try checkEnsembleMembers(Self.name, count: estimators.count, weights: nil)
        try checkHyperParameter(folds >= 2, Self.name, "folds", folds, "≥ 2")
    }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> StackingRegressionModel {
        try validate()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        guard y.shape[0] >= folds else {
            throw .invalidData(estimator: Self.name, reason: "\(folds) folds need at least \(folds) rows, got \(y.shape[0])")
        }
        let splitter = try KFold(folds: folds)
        var blocks: [Tensor] = [], members: [AnyRegressionModel] = []
        for estimator in estimators {
            blocks.append(try outOfFoldPredictions(x, y, splitter: splitter, columns: 1, fit: estimator.fit,
                                                   output: { $0.predict($1).reshaped([-1, 1]) }))
            members.append(try estimator.fit(x, y))
        }
        return StackingRegressionModel(members: members, final: try finalEstimator.fit(Tensor.concatenate(blocks, axis: 1), y))
    }
}

/// A fitted ``StackingRegressor``, saved with each member's archive under `member<i>.` and the final model's under `final.`.
public struct StackingRegressionModel: RegressionModel, ArchivableModel, Equatable {
    /// The members, fitted on all rows.
    public let members: [AnyRegressionModel]
    /// The final regressor, fitted on the members' out-of-fold predictions.
    public let final: AnyRegressionModel

    /// An ensemble from fitted members and a final model over their predictions.
    public init(members: [AnyRegressionModel], final: AnyRegressionModel) {
        require(!members.isEmpty && final.featureCount == members.count,
                "StackingRegressionModel: the final model takes \(final.featureCount) inputs for \(members.count) members")
        self.members = members; self.final = final
    }

    public var featureCount: Int { members[0].featureCount }

    public func predict(_ x: Tensor) -> Tensor {
        final.predict(Tensor.concatenate(members.map { $0.predict(x).reshaped([-1, 1]) }, axis: 1))
    }

    public static let archiveKind = "stacking-regressor"

    public func archived() -> SafetensorsArchive {
        var archive = SafetensorsArchive(tensors: [:], estimator: StackingRegressor.name, hyperParameters: ["members": "\(members.count)"])
        for (i, member) in members.enumerated() { EnsembleMemberKinds.embed(member.archive, as: "member\(i)", in: &archive) }
        EnsembleMemberKinds.embed(final.archive, as: "final", in: &archive)
        return archive
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let kind = Self.archiveKind
        guard let count = Int(archive.hyperParameters["members"] ?? ""), count >= 1 else {
            throw .invalidModelFile(expected: kind, reason: "no member count")
        }
        var members: [AnyRegressionModel] = []
        for i in 0..<count { members.append(try EnsembleMemberKinds.regressor("member\(i)", from: archive, for: kind)) }
        let final = try EnsembleMemberKinds.regressor("final", from: archive, for: kind)
        guard final.featureCount == count else { throw .invalidModelFile(expected: kind, reason: "final model does not take \(count) inputs") }
        self.init(members: members, final: final)
    }
}
