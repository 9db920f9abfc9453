import AprendizTensor

/// Lasso (§12.5; scikit-learn's `Lasso`): the elastic net with ρ = 1,
/// ```
/// minimise (1/2n)‖y − Xw − b‖² + α‖w‖₁
/// ```
/// whose L1 penalty sets coefficients exactly to zero (feature selection). Defaults as scikit-learn (α = 1).
public struct Lasso: Estimator, Equatable, Codable {
    public static let name = "Lasso"
    /// α ≥ 0.
    public var alpha: Double
    /// Whether to fit b (default true).
    public var fitIntercept: Bool
    /// Duality-gap tolerance (default 10⁻⁴).
    public var tolerance: Double
    /// Maximum coordinate sweeps (default 1 000).
    public var maximumIterations: Int

    /// Validates and stores the hyper-parameters.
    public init(alpha: Double = 1, fitIntercept: Bool = true, tolerance: Double = 1e-4, maximumIterations: Int = 1000) throws(ClassicError) {
        self.alpha = alpha
        self.fitIntercept = fitIntercept
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
        try validate()
    }

    private var elasticNet: ElasticNet {
        get throws(ClassicError) {
            try ElasticNet(alpha: alpha, l1Ratio: 1, fitIntercept: fitIntercept, tolerance: tolerance, maximumIterations: maximumIterations)
        }
    }

    public func validate() throws(ClassicError) {
        do { _ = try elasticNet } catch { throw error.renamed(from: ElasticNet.name, to: Self.name) }
    }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> LinearModel {
        let model: LinearModel
        do { model = try elasticNet.fit(x, y) } catch { throw error.renamed(from: ElasticNet.name, to: Self.name) }
        return LinearModel(coefficients: model.coefficients, intercept: model.intercept, estimator: Self.name,
                           hyperParameters: ["alpha": "\(alpha)", "fitIntercept": "\(fitIntercept)"])
    }
}
