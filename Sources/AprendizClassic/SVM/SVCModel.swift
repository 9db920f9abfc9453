import AprendizData
import AprendizTensor

/// A fitted ``SVC``: the support vectors and the K(K−1)/2 pairwise decision functions, laid out as
/// libsvm / scikit-learn (`support_vectors_`, `support_`, `n_support_`, `dual_coef_`, `intercept_`):
/// ```
/// pair (a, b), a < b:  f_ab(x) = Σ_{s ∈ SV_a} D[b−1, s] k(s, x) + Σ_{s ∈ SV_b} D[a, s] k(s, x) + intercept_ab
///                      f_ab(x) > 0 votes a, otherwise b;  predict = the class with most votes (ties: lower)
/// two classes:         D and intercept negated, f(x) > 0 ⇒ classes[1] (scikit-learn's sign)
/// ```
/// Probabilities (fitted with `probability: true`, scikit-learn's `predict_proba`, libsvm's
/// `svm_predict_probability`): each pair's Platt sigmoid on its decision value, clipped, then coupled
/// ```
/// rₐᵦ = min(max(1 / (1 + exp(Aₐᵦ·f_ab(x) + Bₐᵦ)), 10⁻⁷), 1 − 10⁻⁷),  rᵦₐ = 1 − rₐᵦ
/// p = PairwiseCoupling(r)        (two classes too, as scikit-learn's libsvm: p ≈ (r₀₁, r₁₀))
/// ```
/// Their argmax may differ from `predict` (the vote), as in libsvm. A model fitted without probabilities
/// returns each class's share of the pairwise votes instead (votes / (K(K−1)/2), not calibrated).
/// Saved as the tensors `support_vectors`, `support`, `n_support`, `dual_coef`, `intercept`,
/// `objectives` (and `prob_a`, `prob_b` when fitted with probabilities), with the kernel (γ resolved) and
/// classes in the metadata.
public struct SVCModel: ClassificationModel, ArchivableModel, Equatable {
    /// The sorted class labels.
    public let classes: [Int]
    /// The kernel, γ resolved on the training data.
    public let kernel: Kernel
    /// The support vectors grouped by class, `[nSV, features]`.
    public let supportVectors: Tensor
    /// Their row indices in the training data.
    public let supportIndices: [Int]
    /// The number of support vectors of each class.
    public let supportCounts: [Int]
    /// The dual coefficients yᵢαᵢ, `[K − 1, nSV]` (libsvm's layout, above).
    public let dualCoefficients: Tensor
    /// The pairwise intercepts −ρ, `[K(K−1)/2]` (pairs (0,1), (0,2), …, (1,2), …).
    public let intercept: Tensor
    /// The dual objective ½αᵀQα − eᵀα of each pairwise problem (libsvm's `obj`).
    public let objectives: [Double]
    /// The pairwise Platt sigmoids' A (scikit-learn's `probA_`), nil without probabilities.
    public let probabilityA: [Double]?
    /// The pairwise Platt sigmoids' B (scikit-learn's `probB_`), nil without probabilities.
    public let probabilityB: [Double]?
    /// The estimator's hyper-parameters, as text.
    public let hyperParameters: [String: String]

    /// A model from its parameters.
    public init(classes: [Int], kernel: Kernel, supportVectors: Tensor, supportIndices: [Int], supportCounts: [Int],
                dualCoefficients: Tensor, intercept: Tensor, objectives: [Double], probabilityA: [Double]? = nil,
                probabilityB: [Double]? = nil, hyperParameters: [String: String] = [:]) {
        let k = classes.count, count = supportIndices.count
        require(supportVectors.rank == 2 && supportVectors.shape[0] == count && supportCounts.reduce(0, +) == count
                && dualCoefficients.shape == [k - 1, count] && intercept.shape == [k * (k - 1) / 2],
                "SVCModel: support vectors \(supportVectors.shape), \(count) indices, counts \(supportCounts), dual \(dualCoefficients.shape), intercept \(intercept.shape) do not fit \(k) classes")
        require((probabilityA == nil) == (probabilityB == nil) && (probabilityA.map { $0.count == k * (k - 1) / 2 } ?? true)
                && probabilityA?.count == probabilityB?.count,
                "SVCModel: probabilityA and probabilityB must both be given, one per pair (\(k * (k - 1) / 2))")
        self.probabilityA = probabilityA
        self.probabilityB = probabilityB
        self.classes = classes
        self.kernel = kernel
        self.supportVectors = supportVectors
        self.supportIndices = supportIndices
        self.supportCounts = supportCounts
        self.dualCoefficients = dualCoefficients
        self.intercept = intercept
        self.objectives = objectives
        self.hyperParameters = hyperParameters
    }

    /// The model of a one-vs-one training on `x`.
    init(_ fitted: SVCTraining.Fitted, x: Tensor, classes: [Int], kernel: Kernel, hyperParameters: [String: String]) {
        self.init(classes: classes, kernel: kernel, supportVectors: x.selecting(fitted.supportIndices), supportIndices: fitted.supportIndices,
                  supportCounts: fitted.supportCounts, dualCoefficients: fitted.dualCoefficients, intercept: fitted.intercept,
                  objectives: fitted.objectives, probabilityA: fitted.sigmoids?.map(\.a), probabilityB: fitted.sigmoids?.map(\.b),
                  hyperParameters: hyperParameters)
    }

    /// The number of input features the model was fitted on (`FittedModel` requirement).
    public var featureCount: Int { supportVectors.shape[1] }

    private var expansion: SupportVectorExpansion {
        SupportVectorExpansion(kernel: kernel, supportVectors: supportVectors, supportIndices: supportIndices)
    }

    /// The pairwise decision values, `[count, pairs]`, as scikit-learn's `decision_function_shape="ovo"`:
    /// positive votes the first class of the pair; for two classes, the sign of ``decisionFunction(_:)``
    /// (positive ⇒ classes[1]).
    public func oneVsOneDecisions(_ x: Tensor) -> Tensor {
        classes.count == 2 ? -pairwiseDecisions(x) : pairwiseDecisions(x)
    }

    /// The pairwise decision values in libsvm's sign (positive votes the first class of the pair), `[count, pairs]`.
    private func pairwiseDecisions(_ x: Tensor) -> Tensor {
        require(x.rank == 2 && x.shape[1] == featureCount, "SVCModel: x has shape \(x.shape), expected [count, \(featureCount)]")
        let k = classes.count, count = supportIndices.count, pairs = k * (k - 1) / 2
        let starts = supportCounts.reduce(into: [0]) { $0.append($0.last! + $1) }
        let dual = dualCoefficients.scalars.map(Double.init)
        // One coefficient row per pair over all support vectors (zeros outside the pair's two classes).
        var rows = [Double](repeating: 0, count: pairs * count)
        var pair = 0
        for a in 0..<k {
            for b in (a + 1)..<max(k, a + 1) {
                for s in starts[a]..<starts[a + 1] { rows[pair * count + s] = dual[(b - 1) * count + s] }
                for s in starts[b]..<starts[b + 1] { rows[pair * count + s] = dual[a * count + s] }
                pair += 1
            }
        }
        let sums = expansion.combinations(x, rows, outputs: pairs)
        let b = intercept.scalars.map(Double.init), sign = k == 2 ? -1.0 : 1.0
        return Tensor(shape: [x.shape[0], pairs], scalars: sums.enumerated().map { Float(sign * ($1 + b[$0 % pairs])) })
    }

    /// scikit-learn's `decision_function` (shape `ovr`): two classes: f(x), `[count]`, positive ⇒ classes[1];
    /// K classes: `[count, K]`, votes + the summed pairwise confidences c / (3(|c| + 1)) (`_ovr_decision_function`).
    public func decisionFunction(_ x: Tensor) -> Tensor {
        let ovo = pairwiseDecisions(x)
        let k = classes.count, m = x.shape[0]
        if k == 2 { return -ovo.reshaped([-1]) }
        let d = ovo.scalars, pairs = k * (k - 1) / 2
        var out = [Float](repeating: 0, count: m * k)
        for i in 0..<m {
            var votes = [Double](repeating: 0, count: k), confidence = [Double](repeating: 0, count: k)
            var pair = 0
            for a in 0..<k {
                for b in (a + 1)..<k {
                    let v = Double(d[i * pairs + pair])
                    confidence[a] += v
                    confidence[b] -= v
                    if v > 0 { votes[a] += 1 } else { votes[b] += 1 }
                    pair += 1
                }
            }
            for c in 0..<k { out[i * k + c] = Float(votes[c] + confidence[c] / (3 * (abs(confidence[c]) + 1))) }
        }
        return Tensor(shape: [m, k], scalars: out)
    }

    /// The pairwise votes of each row, `[count, K]`.
    public func votes(_ x: Tensor) -> Tensor {
        let ovo = pairwiseDecisions(x)
        let k = classes.count, m = x.shape[0], d = ovo.scalars, pairs = k * (k - 1) / 2
        var out = [Float](repeating: 0, count: m * k)
        for i in 0..<m {
            var pair = 0
            for a in 0..<k {
                for b in (a + 1)..<k {
                    out[i * k + (d[i * pairs + pair] > 0 ? a : b)] += 1
                    pair += 1
                }
            }
        }
        return Tensor(shape: [m, k], scalars: out)
    }

    /// The class with most votes (libsvm's `svm_predict`: ties go to the lower class).
    public func predict(_ x: Tensor) -> Tensor {
        let v = votes(x), k = classes.count
        return Tensor((0..<x.shape[0]).map { i in
            var best = 0
            for c in 1..<k where v[i, c] > v[i, best] { best = c }
            return Float(classes[best])
        })
    }

    /// Platt-scaled, pairwise-coupled probabilities, `[count, K]` (above); without fitted sigmoids, each
    /// class's share of the pairwise votes (not a calibrated probability).
    public func predictProbabilities(_ x: Tensor) -> Tensor {
        let k = classes.count
        guard let probabilityA, let probabilityB else { return votes(x) / Float(k * (k - 1) / 2) }
        let sigmoids = zip(probabilityA, probabilityB).map { PlattScaling(a: $0, b: $1) }
        let decisions = pairwiseDecisions(x).scalars, pairs = k * (k - 1) / 2, m = x.shape[0]
        var out = [Float](repeating: 0, count: m * k)
        for i in 0..<m {
            var r = [Double](repeating: 0, count: k * k), pair = 0
            for a in 0..<k {
                for b in (a + 1)..<k {
                    let p = min(max(sigmoids[pair].probability(Double(decisions[i * pairs + pair])), 1e-7), 1 - 1e-7)
                    r[a * k + b] = p
                    r[b * k + a] = 1 - p
                    pair += 1
                }
            }
            for (c, p) in PairwiseCoupling.probabilities(r, classes: k).enumerated() { out[i * k + c] = Float(p) }
        }
        return Tensor(shape: [m, k], scalars: out)
    }

    /// The model file's kind tag (`ArchivableModel` requirement).
    public static let archiveKind = "svc"

    /// The fitted model as safetensors tensors and metadata (`ArchivableModel` requirement).
    public func archived() -> SafetensorsArchive {
        var archive = SafetensorsArchive(
            tensors: ["support_vectors": supportVectors, "support": Tensor(supportIndices.map(Float.init)),
                      "n_support": Tensor(supportCounts.map(Float.init)), "dual_coef": dualCoefficients, "intercept": intercept,
                      "objectives": Tensor(objectives.map(Float.init))],
            estimator: hyperParameters["nu"] == nil ? SVC.name : NuSVC.name, hyperParameters: hyperParameters)
        if let probabilityA, let probabilityB {
            archive.tensors["prob_a"] = SafetensorsTensor(Tensor(probabilityA.map(Float.init)))
            archive.tensors["prob_b"] = SafetensorsTensor(Tensor(probabilityB.map(Float.init)))
        }
        archive.metadata["classes"] = ClassListCoding.encode(classes)
        archive.metadata.merge(kernel.archived) { $1 }
        return archive
    }

    /// Reads a model written by `archived()`; a missing or malformed tensor is a `ClassicError` naming it.
    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let kind = Self.archiveKind
        let classes = try ClassListCoding.decode(try archive.value("classes", for: kind), for: kind)
        let vectors = try archive.tensor("support_vectors", for: kind), dual = try archive.tensor("dual_coef", for: kind)
        let indices = try archive.tensor("support", for: kind).scalars.map { Int($0) }
        let counts = try archive.tensor("n_support", for: kind).scalars.map { Int($0) }
        let intercept = try archive.tensor("intercept", for: kind)
        let k = classes.count
        guard k >= 2, vectors.rank == 2, vectors.shape[0] == indices.count, counts.count == k, counts.reduce(0, +) == indices.count,
              dual.shape == [k - 1, indices.count], intercept.shape == [k * (k - 1) / 2] else {
            throw .invalidModelFile(expected: kind, reason: "support vectors \(vectors.shape), dual_coef \(dual.shape), intercept \(intercept.shape) do not fit classes \(classes)")
        }
        var probabilityA: [Double]?, probabilityB: [Double]?
        if archive.tensors["prob_a"] != nil || archive.tensors["prob_b"] != nil {
            probabilityA = try archive.tensor("prob_a", for: kind).scalars.map(Double.init)
            probabilityB = try archive.tensor("prob_b", for: kind).scalars.map(Double.init)
            guard probabilityA?.count == k * (k - 1) / 2, probabilityB?.count == k * (k - 1) / 2 else {
                throw .invalidModelFile(expected: kind, reason: "prob_a/prob_b need one value per pair (\(k * (k - 1) / 2))")
            }
        }
        self.init(classes: classes, kernel: try Kernel(archive: archive, for: kind), supportVectors: vectors, supportIndices: indices,
                  supportCounts: counts, dualCoefficients: dual, intercept: intercept,
                  objectives: try archive.tensor("objectives", for: kind).scalars.map(Double.init), probabilityA: probabilityA,
                  probabilityB: probabilityB, hyperParameters: archive.hyperParameters)
    }
}
