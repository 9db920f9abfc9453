import AprendizTensor

/// Mean squared error (scikit-learn's `mean_squared_error`): (1/n) Σᵢ (ŷᵢ − yᵢ)² over every element.
public func meanSquaredError(predictions: Tensor, targets: Tensor) -> Float {
    checkSameShape(predictions, targets, in: "meanSquaredError")
    return (predictions - targets).squared().mean().scalar
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
    let y = targets.rank == 1 ? targets.reshaped([-1, 1]) : targets.reshaped([targets.shape[0], -1])
    let yHat = predictions.reshaped(y.shape)
    let residual = (y - yHat).squared().sum(axis: 0).scalars
    let total = (y - y.mean(axis: 0, keepDims: true)).squared().sum(axis: 0).scalars
    let scores = zip(residual, total).map { r, t -> Float in t == 0 ? (r == 0 ? 1 : 0) : 1 - r / t }
    return scores.reduce(0, +) / Float(scores.count)
}

private func checkSameShape(_ a: Tensor, _ b: Tensor, in operation: String) {
    require(a.shape == b.shape, "\(operation): predictions \(a.shape) and targets \(b.shape) differ in shape")
}
