/// The hyper-parameters shared by ``HistGradientBoostingRegressor`` and ``HistGradientBoostingClassifier``
/// (scikit-learn's `HistGradientBoosting*` names and defaults):
/// ```
/// F_m(x) = F_{m−1}(x) + learningRate · tree_m(x),   m = 1 … maximumIterations   (per class for softmax)
/// ```
/// Defaults: learning rate 0.1, 100 iterations, 31 leaves, no depth limit, 20 samples per leaf, λ = 0,
/// 255 bins, early stopping `auto` (on when there are more than 10 000 samples) on a 10 % validation
/// split with 10 iterations of patience and tolerance 1e-7, seed 0.
public struct GradientBoostingParameters: Sendable, Equatable, Codable {
    /// When to stop on a held-out validation split.
    public enum EarlyStopping: String, Sendable, Equatable, Codable, CaseIterable {
        /// On when the training set has more than 10 000 rows (scikit-learn's `"auto"`).
        case auto
        /// Always on.
        case on
        /// Never: exactly `maximumIterations` iterations.
        case off
    }

    /// Shrinkage ν applied to each tree's leaf values, in (0, ∞).
    public var learningRate: Double
    /// Boosting iterations M ≥ 1.
    public var maximumIterations: Int
    /// Leaves per tree ≥ 2 (growth is best-first).
    public var maximumLeafNodes: Int
    /// Edges from the root to the deepest leaf (≥ 1), or nil for no limit.
    public var maximumDepth: Int?
    /// Samples per leaf ≥ 1.
    public var minimumSamplesLeaf: Int
    /// λ ≥ 0 in the leaf value −G/(H + λ).
    public var l2Regularization: Double
    /// Ordinary bins per feature in 2 … 255 (missing values get one more).
    public var maximumBins: Int
    /// Whether to stop early.
    public var earlyStopping: EarlyStopping
    /// Fraction of the training rows held out for early stopping, in (0, 1).
    public var validationFraction: Double
    /// Stop when none of the last `iterationsWithoutChange` scores beats the one before them by `tolerance`.
    public var iterationsWithoutChange: Int
    /// The improvement that counts, ≥ 0.
    public var tolerance: Double
    /// Seed of the validation split.
    public var seed: UInt64

    /// Stores the hyper-parameters (``validate(for:)`` checks them).
    public init(learningRate: Double = 0.1, maximumIterations: Int = 100, maximumLeafNodes: Int = 31,
                maximumDepth: Int? = nil, minimumSamplesLeaf: Int = 20, l2Regularization: Double = 0,
                maximumBins: Int = 255, earlyStopping: EarlyStopping = .auto, validationFraction: Double = 0.1,
                iterationsWithoutChange: Int = 10, tolerance: Double = 1e-7, seed: UInt64 = 0) {
        self.learningRate = learningRate
        self.maximumIterations = maximumIterations
        self.maximumLeafNodes = maximumLeafNodes
        self.maximumDepth = maximumDepth
        self.minimumSamplesLeaf = minimumSamplesLeaf
        self.l2Regularization = l2Regularization
        self.maximumBins = maximumBins
        self.earlyStopping = earlyStopping
        self.validationFraction = validationFraction
        self.iterationsWithoutChange = iterationsWithoutChange
        self.tolerance = tolerance
        self.seed = seed
    }

    /// Throws ``ClassicError/invalidHyperParameter(estimator:name:value:requirement:)`` naming the first bad value.
    public func validate(for estimator: String) throws(ClassicError) {
        try checkHyperParameter(learningRate > 0 && learningRate.isFinite, estimator, "learningRate", learningRate, "> 0")
        try checkHyperParameter(maximumIterations >= 1, estimator, "maximumIterations", maximumIterations, "≥ 1")
        try checkHyperParameter(maximumLeafNodes >= 2, estimator, "maximumLeafNodes", maximumLeafNodes, "≥ 2")
        try checkHyperParameter((maximumDepth ?? 1) >= 1, estimator, "maximumDepth", maximumDepth.map(String.init) ?? "nil", "≥ 1 or nil")
        try checkHyperParameter(minimumSamplesLeaf >= 1, estimator, "minimumSamplesLeaf", minimumSamplesLeaf, "≥ 1")
        try checkHyperParameter(l2Regularization >= 0 && l2Regularization.isFinite, estimator, "l2Regularization", l2Regularization, "≥ 0")
        try checkHyperParameter((2...255).contains(maximumBins), estimator, "maximumBins", maximumBins, "in 2 … 255")
        try checkHyperParameter(validationFraction > 0 && validationFraction < 1, estimator, "validationFraction",
                                validationFraction, "in (0, 1)")
        try checkHyperParameter(iterationsWithoutChange >= 1, estimator, "iterationsWithoutChange", iterationsWithoutChange, "≥ 1")
        try checkHyperParameter(tolerance >= 0, estimator, "tolerance", tolerance, "≥ 0")
    }

    /// The parameters as text for a model file's metadata.
    var text: [String: String] {
        ["learningRate": "\(learningRate)", "maximumIterations": "\(maximumIterations)",
         "maximumLeafNodes": "\(maximumLeafNodes)", "maximumDepth": maximumDepth.map(String.init) ?? "none",
         "minimumSamplesLeaf": "\(minimumSamplesLeaf)", "l2Regularization": "\(l2Regularization)",
         "maximumBins": "\(maximumBins)", "earlyStopping": earlyStopping.rawValue,
         "validationFraction": "\(validationFraction)", "iterationsWithoutChange": "\(iterationsWithoutChange)",
         "tolerance": "\(tolerance)", "seed": "\(seed)"]
    }
}
