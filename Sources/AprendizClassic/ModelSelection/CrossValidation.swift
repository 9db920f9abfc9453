import AprendizTensor
import Foundation

/// The scores of a model on each held-out fold (scikit-learn's `cross_validate` test scores).
public struct CrossValidationResult: Sendable, Equatable {
    /// One score per fold, in fold order.
    public let scores: [Float]
    /// The mean score.
    public var mean: Float { scores.reduce(0, +) / Float(scores.count) }
    /// The population standard deviation of the scores (NumPy's `std`, as scikit-learn reports).
    public var standardDeviation: Float {
        let m = mean
        return (scores.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Float(scores.count)).squareRoot()
    }
}

/// Fits `estimator` on each training part of `splitter`'s folds and scores it on the held-out part
/// (default score: the model's own, R² or accuracy), the folds running in parallel on the `Parallel`
/// thread pool:
/// ```
/// scoreₖ = score(fit(X[trainₖ], y[trainₖ]), X[testₖ], y[testₖ]),   reported as mean ± std
/// ```
/// - Throws: the first fold's ``ClassicError`` if any fit fails.
public func crossValidate<E: Estimator>(
    _ estimator: E, _ x: Tensor, _ y: Tensor, splitter: any CrossValidator,
    scoring: @escaping @Sendable (E.Model, Tensor, Tensor) -> Float = { $0.score($1, $2) }
) throws(ClassicError) -> CrossValidationResult {
    try InputValidation.featuresAndTargets(x, y, for: E.name)
    let folds = splitter.splits(y)
    var results = [Result<Float, ClassicError>?](repeating: nil, count: folds.count)
    results.withUnsafeMutableBufferPointer { buffer in
        let results = UncheckedBuffer(buffer)  // each fold writes only its own slot
        Parallel.forEach(folds.count) { k in
            let (train, test) = folds[k]
            do throws(ClassicError) {
                let model = try estimator.fit(x.selecting(train), y.selecting(train))
                results[k] = .success(scoring(model, x.selecting(test), y.selecting(test)))
            } catch {
                results[k] = .failure(error)
            }
        }
    }
    var scores: [Float] = []
    for result in results { scores.append(try result!.get()) }
    return CrossValidationResult(scores: scores)
}
