import AprendizDistributed
import AprendizTensor

extension RandomForestClassifier {
    /// The forest of ``fit(_:_:sampleWeights:)`` with its trees grown across `world`'s ranks (every rank
    /// passes the same `x`, `y`): rank r grows trees ⌊rT/p⌋… of the T trees, each with the seed one
    /// process gives it, and every rank gets all T trees in tree order, so the model (trees, predictions,
    /// out-of-bag score) is the one of one process with the same seed. Throws ``ClassicError`` for bad
    /// input or `DistributedError` from MPI.
    public func fit(_ x: Tensor, _ y: Tensor, sampleWeights: [Double]? = nil, across world: Distributed) throws -> ForestClassificationModel {
        try validate()
        let growing = ForestGrowing(treeCount: treeCount, bootstrap: bootstrap, randomThresholds: false, parameters: parameters, seed: seed)
        return try fitForestClassifier(Self.name, growing, criterion, x, y, sampleWeights, outOfBagScore, world: world)
    }
}

extension RandomForestRegressor {
    /// The forest of ``fit(_:_:sampleWeights:)`` with its trees grown across `world`'s ranks, the same
    /// as one process's for the same seed (see ``RandomForestClassifier/fit(_:_:sampleWeights:across:)``).
    public func fit(_ x: Tensor, _ y: Tensor, sampleWeights: [Double]? = nil, across world: Distributed) throws -> ForestRegressionModel {
        try validate()
        let growing = ForestGrowing(treeCount: treeCount, bootstrap: bootstrap, randomThresholds: false, parameters: parameters, seed: seed)
        return try fitForestRegressor(Self.name, growing, criterion, x, y, sampleWeights, outOfBagScore, world: world)
    }
}
