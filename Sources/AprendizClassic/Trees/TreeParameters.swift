import AprendizTensor

/// The hyper-parameters shared by every CART tree and by the trees of a forest (scikit-learn's names in
/// brackets; §13.3 stops growth by depth and node size, the rest follow scikit-learn):
/// ```
/// maxDepth             depth limit, nil = unlimited                                  [max_depth = None]
/// minSamplesSplit      a node with fewer samples is a leaf (≥ 2)                      [min_samples_split = 2]
/// minSamplesLeaf       each child keeps at least this many samples (≥ 1)             [min_samples_leaf = 1]
/// minImpurityDecrease  split only if (N_t/N)(I(t) − N_tR/N_t I(t_R) − N_tL/N_t I(t_L)) ≥ it   [0]
/// maxFeatures          features examined per node                                    [max_features]
/// maxLeafNodes         grow best-first to at most this many leaves (≥ 2), nil = depth-first   [None]
/// ccpAlpha             cost-complexity pruning strength α ≥ 0                          [ccp_alpha = 0]
/// seed                 the split search's generator state (see below)                [random_state]
/// ```
/// The seed is the initial state of scikit-learn's splitter generator (`SplitterRandom`), which scikit-learn
/// derives from `random_state` as `numpy.random.RandomState(random_state).randint(0, 2**31 - 1)`: passing
/// that number here grows scikit-learn's tree, ties between equally good features included.
public struct TreeParameters: Sendable, Equatable {
    public var maxDepth: Int?
    public var minSamplesSplit: Int
    public var minSamplesLeaf: Int
    public var minImpurityDecrease: Double
    public var maxFeatures: MaxFeatures
    public var maxLeafNodes: Int?
    public var ccpAlpha: Double
    public var seed: UInt32

    /// Parameters with scikit-learn's defaults (every feature, unlimited depth).
    public init(maxDepth: Int? = nil, minSamplesSplit: Int = 2, minSamplesLeaf: Int = 1, minImpurityDecrease: Double = 0,
                maxFeatures: MaxFeatures = .all, maxLeafNodes: Int? = nil, ccpAlpha: Double = 0, seed: UInt32 = 0) {
        self.maxDepth = maxDepth
        self.minSamplesSplit = minSamplesSplit
        self.minSamplesLeaf = minSamplesLeaf
        self.minImpurityDecrease = minImpurityDecrease
        self.maxFeatures = maxFeatures
        self.maxLeafNodes = maxLeafNodes
        self.ccpAlpha = ccpAlpha
        self.seed = seed
    }

    /// Throws for the first parameter out of range, naming it and the estimator.
    func validate(_ estimator: String) throws(ClassicError) {
        try checkHyperParameter(maxDepth.map { $0 >= 1 } ?? true, estimator, "maxDepth", maxDepth.map(String.init) ?? "nil", "≥ 1 or nil")
        try checkHyperParameter(minSamplesSplit >= 2, estimator, "minSamplesSplit", minSamplesSplit, "≥ 2")
        try checkHyperParameter(minSamplesLeaf >= 1, estimator, "minSamplesLeaf", minSamplesLeaf, "≥ 1")
        try checkHyperParameter(minImpurityDecrease >= 0 && minImpurityDecrease.isFinite, estimator, "minImpurityDecrease",
                                minImpurityDecrease, "finite and ≥ 0")
        try checkHyperParameter(maxFeatures.isValid, estimator, "maxFeatures", maxFeatures, "all, sqrt, log2, a count ≥ 1 or a fraction in (0, 1]")
        try checkHyperParameter(maxLeafNodes.map { $0 >= 2 } ?? true, estimator, "maxLeafNodes", maxLeafNodes.map(String.init) ?? "nil", "≥ 2 or nil")
        try checkHyperParameter(ccpAlpha >= 0 && ccpAlpha.isFinite, estimator, "ccpAlpha", ccpAlpha, "finite and ≥ 0")
    }

    /// The growth limits for data with `featureCount` features, grown with generator state `seed`.
    func growth(featureCount: Int, seed: UInt32, randomThresholds: Bool = false) -> TreeGrowth {
        TreeGrowth(maxDepth: maxDepth ?? Int.max, minSamplesSplit: max(minSamplesSplit, 2 * minSamplesLeaf),
                   minSamplesLeaf: minSamplesLeaf, minImpurityDecrease: minImpurityDecrease,
                   maxFeatures: maxFeatures.resolved(featureCount), maxLeafNodes: maxLeafNodes,
                   randomThresholds: randomThresholds, seed: seed)
    }

    /// The parameters as text, for model files and reports.
    var described: [String: String] {
        ["maxDepth": maxDepth.map(String.init) ?? "nil", "minSamplesSplit": "\(minSamplesSplit)", "minSamplesLeaf": "\(minSamplesLeaf)",
         "minImpurityDecrease": "\(minImpurityDecrease)", "maxFeatures": "\(maxFeatures)",
         "maxLeafNodes": maxLeafNodes.map(String.init) ?? "nil", "ccpAlpha": "\(ccpAlpha)", "seed": "\(seed)"]
    }
}
