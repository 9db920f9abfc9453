import AprendizData
import AprendizTensor

/// Histogram gradient boosting of regression trees on the squared error (book §15; LightGBM,
/// scikit-learn's `HistGradientBoostingRegressor`):
/// ```
/// F₀ = mean(y),   F_m = F_{m−1} + ν·tree_m,   tree_m fitted to gᵢ = F_{m−1}(xᵢ) − yᵢ, hᵢ = 1
/// leaf value = −Σg / (Σh + λ) · ν,   split gain = G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)
/// ```
/// NaN in x is a missing value, sent at each split to the side that lowers the loss more. Defaults as
/// ``GradientBoostingParameters``.
public struct HistGradientBoostingRegressor: Estimator, Equatable, Codable {
    public static let name = "HistGradientBoostingRegressor"
    /// The hyper-parameters.
    public var parameters: GradientBoostingParameters

    /// Validates and stores the hyper-parameters (see ``GradientBoostingParameters`` for each).
    public init(_ parameters: GradientBoostingParameters = GradientBoostingParameters()) throws(ClassicError) {
        try parameters.validate(for: Self.name)
        self.parameters = parameters
    }

    public func validate() throws(ClassicError) { try parameters.validate(for: Self.name) }

    public func fit(_ x: Tensor, _ y: Tensor) throws(ClassicError) -> HistGradientBoostingRegressionModel {
        try validate()
        try InputValidation.featuresWithMissing(x, y, for: Self.name)
        let trees = HistogramBooster(parameters: parameters, loss: .squaredError, stratify: false)
            .fit(x, y.scalars.map(Double.init))
        return HistGradientBoostingRegressionModel(trees: trees, hyperParameters: parameters.text)
    }
}

/// A fitted ``HistGradientBoostingRegressor``: predictions F(x) = F₀ + Σ_m tree_m(x) (``BoostedTrees``).
/// Saved as the flat tree arrays of ``BoostedTrees`` with the hyper-parameters in the metadata.
public struct HistGradientBoostingRegressionModel: RegressionModel, ArchivableModel, Equatable {
    /// The fitted trees.
    public let trees: BoostedTrees
    /// The estimator's hyper-parameters, as text.
    public let hyperParameters: [String: String]

    /// A model from its trees (one per iteration).
    public init(trees: BoostedTrees, hyperParameters: [String: String] = [:]) {
        require(trees.treesPerIteration == 1, "HistGradientBoostingRegressionModel: \(trees.treesPerIteration) trees per iteration, expected 1")
        self.trees = trees
        self.hyperParameters = hyperParameters
    }

    public var featureCount: Int { trees.featureCount }

    /// F(x) per row of `x` (`[count, featureCount]`, NaN allowed), `[count]`.
    public func predict(_ x: Tensor) -> Tensor { trees.rawPredictions(x).reshaped([-1]) }

    public static let archiveKind = "hist-gradient-boosting-regressor"

    public func archived() -> SafetensorsArchive {
        SafetensorsArchive(tensors: trees.tensors, estimator: HistGradientBoostingRegressor.name, hyperParameters: hyperParameters)
    }

    public init(archive: SafetensorsArchive) throws(ClassicError) {
        self.init(trees: try BoostedTrees(archive: archive, kind: Self.archiveKind, treesPerIteration: 1),
                  hyperParameters: archive.hyperParameters)
    }
}
