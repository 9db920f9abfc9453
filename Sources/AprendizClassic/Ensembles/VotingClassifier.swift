import AprendizData
import AprendizTensor

/// Majority or probability voting over classifiers of any type (book §15; scikit-learn's `VotingClassifier`):
/// ```
/// hard:  ŷ = argmax_k Σ_m w_m [h_m(x) = k]        (ties: the smallest label)
/// soft:  ŷ = argmax_k Σ_m w_m P_m(k | x) / Σ w
/// ```
/// Members are erased (``AnyClassifier``) so that different estimator types share one array. Hard voting
/// reports the weighted vote shares as its probabilities (scikit-learn refuses `predict_proba` then).
/// Defaults: hard voting, equal weights.
public struct VotingClassifier: Estimator {
    public static let name = "VotingClassifier"
    /// How the members' outputs are combined.
    public enum Voting: String, Sendable, Codable, CaseIterable { case hard, soft }
    /// The members.
    public let estimators: [AnyClassifier]
    /// Hard or soft.
    public let voting: Voting
    /// w_m ≥ 0 per member (not all 0), or nil for 1 each.
    public let weights: [Double]?

    /// Validates and stores the members and options.
    public init(_ estimators: [AnyClassifier], voting: Voting = .hard, weights: [Double]? = nil) throws(ClassicError) {
        self.estimators = estimators
        self.voting = voting
        self.weights = weights
        try validate()
    }

    public func validate() throws(ClassicError) {
        try checkEnsembleMembers(Self.name, count: estimators.count, weights: weights)
    }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> VotingClassificationModel {
        try validate()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        let labels = try ClassLabels(y, for: Self.name)
        var members: [AnyClassificationModel] = []
        for estimator in estimators { members.append(try estimator.fit(x, y)) }
        return VotingClassificationModel(members: members, voting: voting, weights: weights ?? estimators.map { _ in 1 },
                                         classes: labels.classes)
    }
}

/// A fitted ``VotingClassifier``. Saved with each member's archive under `member<i>.` and the voting rule,
/// weights and classes in the metadata; members load by kind (``EnsembleMemberKinds``).
public struct VotingClassificationModel: ClassificationModel, ArchivableModel, Equatable {
    /// The fitted members.
    public let members: [AnyClassificationModel]
    /// Hard or soft.
    public let voting: VotingClassifier.Voting
    /// w_m per member.
    public let weights: [Double]
    /// The sorted class labels (every member's).
    public let classes: [Int]

    /// An ensemble of fitted members that share `classes`.
    public init(members: [AnyClassificationModel], voting: VotingClassifier.Voting, weights: [Double], classes: [Int]) {
        require(!members.isEmpty && weights.count == members.count && members.allSatisfy { $0.classes == classes },
                "VotingClassificationModel: \(members.count) members, \(weights.count) weights, classes \(classes)")
        self.members = members; self.voting = voting; self.weights = weights; self.classes = classes
    }

    public var featureCount: Int { members[0].featureCount }

    /// Soft: Σ w_m P_m / Σ w; hard: the weighted share of votes for each class.
    public func predictProbabilities(_ x: Tensor) -> Tensor {
        let total = Float(weights.reduce(0, +)), K = classes.count
        var sum = Tensor.zeros([x.shape[0], K])
        for (member, w) in zip(members, weights) {
            let p = member.predictProbabilities(x)
            if voting == .soft {
                sum = sum + p * Float(w)
            } else {
                let votes = p.argmax(axis: 1).scalars
                var oneHot = [Float](repeating: 0, count: votes.count * K)
                for (i, k) in votes.enumerated() { oneHot[i * K + Int(k)] = Float(w) }
                sum = sum + Tensor(shape: [votes.count, K], scalars: oneHot)
            }
        }
        return sum / total
    }

    public static let archiveKind = "voting-classifier"

    public func archived() -> SafetensorsArchive {
        var archive = SafetensorsArchive(tensors: ["weights": Tensor(weights.map(Float.init))], estimator: VotingClassifier.name,
                                         hyperParameters: ["voting": voting.rawValue, "members": "\(members.count)"])
        archive.metadata["classes"] = ClassListCoding.encode(classes)
        for (i, member) in members.enumerated() { EnsembleMemberKinds.embed(member.archive, as: "member\(i)", in: &archive) }
        return archive
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let kind = Self.archiveKind
        let classes = try ClassListCoding.decode(try archive.value("classes", for: kind), for: kind)
        let weights = try archive.tensor("weights", for: kind).scalars.map(Double.init)
        guard let voting = VotingClassifier.Voting(rawValue: archive.hyperParameters["voting"] ?? ""), !weights.isEmpty else {
            throw .invalidModelFile(expected: kind, reason: "no voting rule or weights")
        }
        var members: [AnyClassificationModel] = []
        for i in weights.indices { members.append(try EnsembleMemberKinds.classifier("member\(i)", from: archive, for: kind)) }
        guard members.allSatisfy({ $0.classes == classes }) else { throw .invalidModelFile(expected: kind, reason: "members' classes differ from \(classes)") }
        self.init(members: members, voting: voting, weights: weights, classes: classes)
    }
}
