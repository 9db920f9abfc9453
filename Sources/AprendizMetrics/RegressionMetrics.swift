import AprendizTensor

/// Mean squared error (scikit-learn's `mean_squared_error`): (1/n) Σᵢ (ŷᵢ − yᵢ)² over every element.
public func meanSquaredError(predictions: Tensor, targets: Tensor) -> Float {
    checkSameShape(predictions, targets, in: "meanSquaredError")
    return (predictions - targets).squared().mean().scalar
}

/// Root mean squared error (scikit-learn's `root_mean_squared_error`, multi-output `uniform_average`):
/// ```
/// RMSE = √((1/n) Σᵢ (ŷᵢ − yᵢ)²)      per output column, then averaged
/// ```
public func rootMeanSquaredError(predictions: Tensor, targets: Tensor) -> Float {
    checkSameShape(predictions, targets, in: "rootMeanSquaredError")
    let y = columns(targets)
    let perColumn = (y - predictions.reshaped(y.shape)).squared().mean(axis: 0).sqrt().scalars
    return perColumn.reduce(0, +) / Float(perColumn.count)
}

/// Mean absolute error (scikit-learn's `mean_absolute_error`): (1/n) Σᵢ |ŷᵢ − yᵢ| over every element.
public func meanAbsoluteError(predictions: Tensor, targets: Tensor) -> Float {
    checkSameShape(predictions, targets, in: "meanAbsoluteError")
    return (predictions - targets).abs().mean().scalar
}

/// Coefficient of determination (scikit-learn's `r2_score`, multi-output `uniform_average`):
/// ```
/// R² = 1 − Σᵢ (yᵢ − ŷᵢ)² / Σᵢ (yᵢ − ȳ)²      per output column, then averaged
/// ```
/// 1 is a perfect fit, 0 is no better than predicting the mean, negative is worse. A constant
/// target column scores 1 if predicted exactly and 0 otherwise (scikit-learn's convention).
public func r2Score(predictions: Tensor, targets: Tensor) -> Float {
    checkSameShape(predictions, targets, in: "r2Score")
    let y = columns(targets)
    let yHat = predictions.reshaped(y.shape)
    let residual = (y - yHat).squared().sum(axis: 0).scalars
    let total = (y - y.mean(axis: 0, keepDims: true)).squared().sum(axis: 0).scalars
    let scores = zip(residual, total).map { r, t -> Float in t == 0 ? (r == 0 ? 1 : 0) : 1 - r / t }
    return scores.reduce(0, +) / Float(scores.count)
}

/// Explained variance (scikit-learn's `explained_variance_score`, multi-output `uniform_average`):
/// ```
/// EV = 1 − Var(y − ŷ) / Var(y)      per output column, then averaged
/// ```
/// Unlike R² it ignores a constant bias of the predictions. Constant targets: 1 if the residual
/// variance is 0, else 0 (scikit-learn's convention).
public func explainedVarianceScore(predictions: Tensor, targets: Tensor) -> Float {
    checkSameShape(predictions, targets, in: "explainedVarianceScore")
    let y = columns(targets), residual = y - predictions.reshaped(y.shape)
    let scores = zip(residual.variance(axes: [0]).scalars, y.variance(axes: [0]).scalars).map { r, t -> Float in
        t == 0 ? (r == 0 ? 1 : 0) : 1 - r / t
    }
    return scores.reduce(0, +) / Float(scores.count)
}

/// `[count]` or `[count, …]` as a `[count, outputs]` matrix.
private func columns(_ t: Tensor) -> Tensor { t.rank == 1 ? t.reshaped([-1, 1]) : t.reshaped([t.shape[0], -1]) }

private func checkSameShape(_ a: Tensor, _ b: Tensor, in operation: String) {
    require(a.shape == b.shape, "\(operation): predictions \(a.shape) and targets \(b.shape) differ in shape")
}
