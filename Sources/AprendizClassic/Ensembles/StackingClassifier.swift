import AprendizData
import AprendizTensor

/// Stacked generalisation (book §15; Wolpert 1992; scikit-learn's `StackingClassifier` with
/// `stack_method="predict_proba"`, no passthrough): a final classifier learns from the members' cross-validated
/// probabilities,
/// ```
/// zᵢ = [P₁(· | xᵢ), …, P_M(· | xᵢ)]   from models fitted without xᵢ's fold   (two classes: P(classes[1]) only)
/// final = fit(z, y);   members refitted on all rows;   P(k | x) = final(z(x))
/// ```
/// Folds: ``StratifiedKFold`` (default 5, no shuffling, as scikit-learn's `cv=None`).
public struct StackingClassifier: Estimator {
    public static let name = "StackingClassifier"
    /// The members.
    public let estimators: [AnyClassifier]
    /// The classifier fitted on the members' probabilities.
    public let finalEstimator: AnyClassifier
    /// Folds of the cross-validated predictions (≥ 2).
    public let folds: Int

    /// Validates and stores the members, the final estimator and the fold count.
    public init(_ estimators: [AnyClassifier], final finalEstimator: AnyClassifier, folds: Int = 5) throws(ClassicError) {
        self.estimators = estimators
        self.finalEstimator = finalEstimator
        self.folds = folds
        try validate()
    }

    public func validate() throws(ClassicError) {
        try checkEnsembleMembers(Self.name, count: estimators.count, weights: nil)
        try checkHyperParameter(folds >= 2, Self.name, "folds", folds, "≥ 2")
    }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> StackingClassificationModel {
        try validate()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        let labels = try ClassLabels(y, for: Self.name)
        guard y.shape[0] >= folds else {
            throw .invalidData(estimator: Self.name, reason: "\(folds) folds need at least \(folds) rows, got \(y.shape[0])")
        }
        let splitter = try StratifiedKFold(folds: folds), columns = labels.classes.count == 2 ? 1 : labels.classes.count
        var blocks: [Tensor] = [], members: [AnyClassificationModel] = []
        for estimator in estimators {
            blocks.append(try outOfFoldPredictions(x, y, splitter: splitter, columns: columns, fit: estimator.fit,
                                                   output: { StackingClassificationModel.metaFeatures($0, $1, classes: labels.classes) }))
            members.append(try estimator.fit(x, y))
        }
        let final = try finalEstimator.fit(Tensor.concatenate(blocks, axis: 1), y)
        return StackingClassificationModel(members: members, final: final)
    }
}

/// A fitted ``StackingClassifier``, saved with each member's archive under `member<i>.` and the final model's under `final.`.
public struct StackingClassificationModel: ClassificationModel, ArchivableModel, Equatable {
    /// The members, fitted on all rows.
    public let members: [AnyClassificationModel]
    /// The final classifier, fitted on the members' out-of-fold probabilities.
    public let final: AnyClassificationModel

    /// An ensemble from fitted members and a final model over their probabilities.
    public init(members: [AnyClassificationModel], final: AnyClassificationModel) {
        require(!members.isEmpty && members.allSatisfy { $0.classes == final.classes },
                "StackingClassificationModel: members' classes differ from the final model's \(final.classes)")
        self.members = members; self.final = final
    }

    public var featureCount: Int { members[0].featureCount }
    public var classes: [Int] { final.classes }

    /// A member's columns of z: its probabilities, or P(classes[1]) alone for two classes.
    static func metaFeatures(_ member: AnyClassificationModel, _ x: Tensor, classes: [Int]) -> Tensor {
        let p = member.predictProbabilities(x)
        return classes.count == 2 ? p.slice(axis: 1, 1..<2) : p
    }

    public func predictProbabilities(_ x: Tensor) -> Tensor {
        final.predictProbabilities(Tensor.concatenate(members.map { Self.metaFeatures($0, x, classes: classes) }, axis: 1))
    }

    public static let archiveKind = "stacking-classifier"

    public func archived() -> SafetensorsArchive {
        var archive = SafetensorsArchive(tensors: [:], estimator: StackingClassifier.name, hyperParameters: ["members": "\(members.count)"])
        for (i, member) in members.enumerated() { EnsembleMemberKinds.embed(member.archive, as: "member\(i)", in: &archive) }
        EnsembleMemberKinds.embed(final.archive, as: "final", in: &archive)
        return archive
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let kind = Self.archiveKind
        guard let count = Int(archive.hyperParameters["members"] ?? ""), count >= 1 else {
            throw .invalidModelFile(expected: kind, reason: "no member count")
        }
        var members: [AnyClassificationModel] = []
        for i in 0..<count { members.append(try EnsembleMemberKinds.classifier("member\(i)", from: archive, for: kind)) }
        let final = try EnsembleMemberKinds.classifier("final", from: archive, for: kind)
        guard members.allSatisfy({ $0.classes == final.classes }) else { throw .invalidModelFile(expected: kind, reason: "members' classes differ") }
        self.init(members: members, final: final)
    }
}
