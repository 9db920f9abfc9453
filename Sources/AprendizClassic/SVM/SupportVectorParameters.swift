import AprendizData
import AprendizTensor

/// The hyper-parameters SVC and SVR share, with scikit-learn's defaults: kernel `rbf`, γ `scale`,
/// degree 3, coef0 0, tolerance ε = 10⁻³ (the stopping gap of `SMOSolver`), shrinking on, a 200 MB kernel cache.
public struct SupportVectorParameters: Equatable, Sendable {
    /// The kernel function.
    public var kernel: KernelKind
    /// γ of poly, rbf and sigmoid.
    public var gamma: KernelGamma
    /// The degree of poly (≥ 1).
    public var degree: Int
    /// coef0 of poly and sigmoid.
    public var coef0: Double
    /// The solver's stopping tolerance (> 0).
    public var tolerance: Double
    /// Whether the solver shrinks the active set.
    public var shrinking: Bool
    /// The kernel cache limit in megabytes (> 0).
    public var cacheSize: Double

    /// Stores the parameters (validated by the estimator).
    public init(kernel: KernelKind = .rbf, gamma: KernelGamma = .scale, degree: Int = 3, coef0: Double = 0,
                tolerance: Double = 1e-3, shrinking: Bool = true, cacheSize: Double = 200) {
        self.kernel = kernel
        self.gamma = gamma
        self.degree = degree
        self.coef0 = coef0
        self.tolerance = tolerance
        self.shrinking = shrinking
        self.cacheSize = cacheSize
    }

    func validate(_ estimator: String) throws(ClassicError) {
        if case .value(let g) = gamma { try checkHyperParameter(g > 0 && g.isFinite, estimator, "gamma", g, "> 0") }
        try checkHyperParameter(degree >= 1, estimator, "degree", degree, "≥ 1")
        try checkHyperParameter(coef0.isFinite, estimator, "coef0", coef0, "finite")
        try checkHyperParameter(tolerance > 0, estimator, "tolerance", tolerance, "> 0")
        try checkHyperParameter(cacheSize > 0, estimator, "cacheSize", cacheSize, "> 0")
    }

    /// The kernel with γ resolved on the training rows; checks that a precomputed Gram matrix is square.
    func resolvedKernel(for x: Tensor, _ estimator: String) throws(ClassicError) -> Kernel {
        if kernel == .precomputed && x.shape[0] != x.shape[1] {
            throw .invalidData(estimator: estimator, reason: "a precomputed kernel needs a square Gram matrix, got shape \(x.shape)")
        }
        return Kernel(kind: kernel, gamma: gamma.resolved(for: x), degree: degree, coef0: coef0)
    }

    /// The rows `indices` of the training data as kernel rows (for a precomputed kernel: the Gram
    /// matrix restricted to those rows and columns).
    static func trainingRows(_ x: DenseMatrix, _ indices: [Int], precomputed: Bool) -> KernelRows {
        let columns = precomputed ? indices.count : x.columns
        var values = [Double]()
        values.reserveCapacity(indices.count * columns)
        for i in indices {
            if precomputed {
                for j in indices { values.append(x.values[i * x.columns + j]) }
            } else {
                values += x.values[(i * x.columns)..<((i + 1) * x.columns)]
            }
        }
        return KernelRows(DenseMatrix(rows: indices.count, columns: columns, values: values), training: true)
    }

    /// The metadata written into model files.
    var archived: [String: String] {
        ["kernel": kernel.rawValue, "gamma": gamma.description, "degree": "\(degree)", "coef0": "\(coef0)",
         "tolerance": "\(tolerance)", "shrinking": "\(shrinking)", "cacheSize": "\(cacheSize)"]
    }
}

extension Kernel {
    /// The kernel as model-file metadata (γ resolved).
    var archived: [String: String] {
        ["kernel.kind": kind.rawValue, "kernel.gamma": "\(gamma)", "kernel.degree": "\(degree)", "kernel.coef0": "\(coef0)"]
    }

    /// The kernel read back from ``archived``.
    init(archive: SafetensorsArchive, for kind: String) throws(ClassicError) {
        let name = try archive.value("kernel.kind", for: kind)
        guard let k = KernelKind(rawValue: name), let g = Double(try archive.value("kernel.gamma", for: kind)),
              let d = Int(try archive.value("kernel.degree", for: kind)), let c0 = Double(try archive.value("kernel.coef0", for: kind)) else {
            throw .invalidModelFile(expected: kind, reason: "bad kernel metadata")
        }
        self.init(kind: k, gamma: g, degree: d, coef0: c0)
    }
}
