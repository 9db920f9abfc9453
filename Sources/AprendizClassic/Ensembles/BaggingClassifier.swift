import AprendizData
import AprendizTensor

/// Bootstrap aggregating of any classifier (book §15; Breiman 1996; scikit-learn's `BaggingClassifier`):
/// ```
/// for m = 1 … M:  S_m = ⌈maxSamples·n⌉ rows drawn with replacement (without, if bootstrap = false);  h_m = fit(S_m)
/// P(k | x) = (1/M) Σ_m P_m(k | x)      (a class a member never saw gets probability 0 from it)
/// ```
/// Generic over the member estimator `E` (one type for all members). Row draws come from `RandomGenerator`
/// seeded with `seed + m`, so they differ from NumPy's. Defaults: 10 members, maxSamples 1, bootstrap, seed 0.
public struct BaggingClassifier<E: Estimator>: Estimator where E.Model: ClassificationModel {
    public static var name: String { "BaggingClassifier" }
    /// The member estimator.
    public let estimator: E
    /// M ≥ 1.
    public let estimators: Int
    /// Fraction of n drawn per member, in (0, 1].
    public let maxSamples: Double
    /// Draw with replacement.
    public let bootstrap: Bool
    /// Seed of the draws.
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

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> BaggingClassificationModel<E.Model> {
        try validate()
        try InputValidation.featuresAndTargets(x, y, for: Self.name)
        let labels = try ClassLabels(y, for: Self.name)
        let members = try fitBagged(estimator, x, y, estimators: estimators, maxSamples: maxSamples, bootstrap: bootstrap, seed: seed)
        return BaggingClassificationModel(members: members, classes: labels.classes)
    }
}

/// Checks the options shared by the bagging estimators.
func checkBaggingParameters(_ name: String, estimators: Int, maxSamples: Double) throws(ClassicError) {
    try checkHyperParameter(estimators >= 1, name, "estimators", estimators, "≥ 1")
    try checkHyperParameter(maxSamples > 0 && maxSamples <= 1, name, "maxSamples", maxSamples, "in (0, 1]")
}

/// Fits `estimators` copies of `estimator`, each on its own draw of rows, in parallel on the `Parallel` pool.
func fitBagged<E: Estimator>(_ estimator: E, _ x: Tensor, _ y: Tensor, estimators: Int, maxSamples: Double, bootstrap: Bool,
                             seed: UInt64) throws(ClassicError) -> [E.Model] {
    let n = x.shape[0], size = max(1, Int((maxSamples * Double(n)).rounded(.up)))
    var results = [Result<E.Model, ClassicError>?](repeating: nil, count: estimators)
    results.withUnsafeMutableBufferPointer { buffer in
        let out = UncheckedBuffer(buffer)
        Parallel.forEach(estimators) { m in
            var generator = RandomGenerator(seed: seed &+ UInt64(m))
            let rows = bootstrap ? (0..<size).map { _ in Int(generator.next() % UInt64(n)) }
                                 : Array(generator.permutation(of: n).prefix(size))
            do throws(ClassicError) { out[m] = .success(try estimator.fit(x.selecting(rows), y.selecting(rows))) } catch { out[m] = .failure(error) }
        }
    }
    var members: [E.Model] = []
    for result in results { members.append(try result!.get()) }
    return members
}

/// A fitted ``BaggingClassifier``: the mean of its members' probabilities over the ensemble's classes.
public struct BaggingClassificationModel<M: ClassificationModel>: ClassificationModel {
    /// The fitted members.
    public let members: [M]
    /// The sorted class labels of the whole training set.
    public let classes: [Int]

    /// An ensemble of members whose classes are among `classes`.
    public init(members: [M], classes: [Int]) {
        require(!members.isEmpty && members.allSatisfy { Set($0.classes).isSubset(of: Set(classes)) },
                "BaggingClassificationModel: a member has classes outside \(classes)")
        self.members = members; self.classes = classes
    }

    public var featureCount: Int { members[0].featureCount }

    public func predictProbabilities(_ x: Tensor) -> Tensor {
        let n = x.shape[0], K = classes.count
        var sum = [Float](repeating: 0, count: n * K)
        for member in members {
            let p = member.predictProbabilities(x).scalars, columns = member.classes.map { classes.firstIndex(of: $0)! }
            for i in 0..<n { for (c, k) in columns.enumerated() { sum[i * K + k] += p[i * columns.count + c] } }
        }
        return Tensor(shape: [n, K], scalars: sum) / Float(members.count)
    }
}

extension BaggingClassificationModel: Equatable where M: Equatable {}

extension BaggingClassificationModel: ArchivableModel where M: ArchivableModel {
    public static var archiveKind: String { "bagging-classifier" }

    /// Each member's archive under `member<i>.`, the classes in the metadata.
    public func archived() -> SafetensorsArchive {
        var archive = SafetensorsArchive(tensors: [:], estimator: "BaggingClassifier", hyperParameters: ["members": "\(members.count)"])
        archive.metadata["classes"] = ClassListCoding.encode(classes)
        for (i, member) in members.enumerated() { EnsembleMemberKinds.embed(EnsembleMemberKinds.archive(member), as: "member\(i)", in: &archive) }
        return archive
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let kind = Self.archiveKind
        let classes = try ClassListCoding.decode(try archive.value("classes", for: kind), for: kind)
        let members = try loadMembers(M.self, from: archive, for: kind)
        guard members.allSatisfy({ Set($0.classes).isSubset(of: Set(classes)) }) else {
            throw .invalidModelFile(expected: kind, reason: "a member has classes outside \(classes)")
        }
        self.init(members: members, classes: classes)
    }
}

/// The `member<i>.` archives of a homogeneous ensemble, each checked to be of kind `M.archiveKind`.
func loadMembers<M: ArchivableModel>(_ type: M.Type, from archive: SafetensorsArchive, for kind: String) throws(ClassicError) -> [M] {
    guard let count = Int(archive.hyperParameters["members"] ?? ""), count >= 1 else {
        throw .invalidModelFile(expected: kind, reason: "no member count")
    }
    var members: [M] = []
    for i in 0..<count {
        let member = EnsembleMemberKinds.extract("member\(i)", from: archive)
        guard member.metadata["aprendiz.model"] == M.archiveKind else {
            throw .invalidModelFile(expected: kind, reason: "member \(i) is not a '\(M.archiveKind)' model")
        }
        members.append(try M(archive: member))
    }
    return members
}
