import AprendizTensor

/// Permutation importance (Breiman 2001 §10; scikit-learn's `sklearn.inspection.permutation_importance`):
/// how much a fitted model's score drops when one feature's column is shuffled, breaking its link with y,
/// ```
/// importance_j = s − (1/R) Σ_r s_{j,r},   s = model.score(x, y),  s_{j,r} = score with column j permuted (repeat r)
/// ```
/// with the standard deviation over the R repeats. Works for any fitted model (its own score: accuracy or R²).
public struct PermutationImportance: Sendable, Equatable {
    /// The score on the unpermuted data.
    public let baseline: Float
    /// The mean drop per feature.
    public let means: [Double]
    /// The standard deviation of the drop per feature (population, as scikit-learn).
    public let standardDeviations: [Double]
}

/// The ``PermutationImportance`` of every feature of `model` on `(x, y)`, `repeats` shuffles each (default 5),
/// drawn from `seed`.
public func permutationImportance<Model: FittedModel>(model: Model, x: Tensor, y: Tensor, repeats: Int = 5,
                                                      seed: UInt64 = 0) -> PermutationImportance {
    require(x.rank == 2 && x.shape[1] == model.featureCount && y.shape == [x.shape[0]] && repeats >= 1,
            "permutationImportance: x \(x.shape), y \(y.shape), repeats \(repeats) do not fit a model of \(model.featureCount) features")
    let baseline = model.score(x, y)
    var generator = RandomGenerator(seed: seed)
    let n = x.shape[0], p = x.shape[1], source = x.scalars
    var means: [Double] = [], deviations: [Double] = []
    for j in 0..<p {
        var drops: [Double] = []
        for _ in 0..<repeats {
            let order = generator.permutation(of: n)
            var scalars = source
            for i in 0..<n { scalars[i * p + j] = source[order[i] * p + j] }
            drops.append(Double(baseline - model.score(Tensor(shape: x.shape, scalars: scalars), y)))
        }
        let mean = drops.reduce(0, +) / Double(repeats)
        means.append(mean)
        deviations.append((drops.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(repeats)).squareRoot())
    }
    return PermutationImportance(baseline: baseline, means: means, standardDeviations: deviations)
}
