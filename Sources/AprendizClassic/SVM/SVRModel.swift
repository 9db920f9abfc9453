import AprendizData
import AprendizTensor

/// A fitted ``SVR``: f(x) = Σₛ βₛ k(sₛ, x) + b with β = α − α* over the support vectors (scikit-learn's
/// `support_vectors_`, `support_`, `dual_coef_` `[1, nSV]`, `intercept_`). Saved as the tensors
/// `support_vectors`, `support`, `dual_coef`, `intercept`, `objective`, with the kernel in the metadata.
public struct SVRModel: RegressionModel, ArchivableModel, Equatable {
    /// The kernel, γ resolved on the training data.
    public let kernel: Kernel
    /// The support vectors, `[nSV, features]`.
    public let supportVectors: Tensor
    /// Their row indices in the training data.
    public let supportIndices: [Int]
    /// β = α − α*, `[1, nSV]`.
    public let dualCoefficients: Tensor
    /// b = −ρ.
    public let intercept: Float
    /// The dual objective (libsvm's `obj`).
    public let objective: Double
    /// The estimator's hyper-parameters, as text.
    public let hyperParameters: [String: String]

    /// A model from its parameters.
    public init(kernel: Kernel, supportVectors: Tensor, supportIndices: [Int], dualCoefficients: Tensor, intercept: Float,
                objective: Double, hyperParameters: [String: String] = [:]) {
        require(supportVectors.rank == 2 && supportVectors.shape[0] == supportIndices.count && dualCoefficients.shape == [1, supportIndices.count],
                "SVRModel: support vectors \(supportVectors.shape), \(supportIndices.count) indices and dual \(dualCoefficients.shape) disagree")
        self.kernel = kernel
        self.supportVectors = supportVectors
        self.supportIndices = supportIndices
        self.dualCoefficients = dualCoefficients
        self.intercept = intercept
        self.objective = objective
        self.hyperParameters = hyperParameters
    }

    public var featureCount: Int { supportVectors.shape[1] }

    /// f(x) for each row, `[count]`.
    public func predict(_ x: Tensor) -> Tensor {
        require(x.rank == 2 && x.shape[1] == featureCount, "SVRModel: x has shape \(x.shape), expected [count, \(featureCount)]")
        let expansion = SupportVectorExpansion(kernel: kernel, supportVectors: supportVectors, supportIndices: supportIndices)
        let sums = expansion.combinations(x, dualCoefficients.scalars.map(Double.init), outputs: 1)
        return Tensor(sums.map { Float($0 + Double(intercept)) })
    }

    public static let archiveKind = "svr"

    public func archived() -> SafetensorsArchive {
        var archive = SafetensorsArchive(
            tensors: ["support_vectors": supportVectors, "support": Tensor(supportIndices.map(Float.init)), "dual_coef": dualCoefficients,
                      "intercept": Tensor([intercept]), "objective": Tensor([Float(objective)])],
            estimator: SVR.name, hyperParameters: hyperParameters)
        archive.metadata.merge(kernel.archived) { $1 }
        return archive
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        let kind = Self.archiveKind
        let vectors = try archive.tensor("support_vectors", for: kind), dual = try archive.tensor("dual_coef", for: kind)
        let indices = try archive.tensor("support", for: kind).scalars.map { Int($0) }
        let b = try archive.tensor("intercept", for: kind).scalars
        guard vectors.rank == 2, vectors.shape[0] == indices.count, dual.shape == [1, indices.count], b.count == 1 else {
            throw .invalidModelFile(expected: kind, reason: "support vectors \(vectors.shape) and dual_coef \(dual.shape) disagree")
        }
        self.init(kernel: try Kernel(archive: archive, for: kind), supportVectors: vectors, supportIndices: indices, dualCoefficients: dual,
                  intercept: b[0], objective: Double(try archive.tensor("objective", for: kind).scalars[0]),
                  hyperParameters: archive.hyperParameters)
    }
}
