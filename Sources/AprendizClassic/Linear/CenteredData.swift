import AprendizTensor

/// Training data centred for fitting an intercept (scikit-learn's `_preprocess_data`): the solvers find
/// w on x − x̄, y − ȳ, and the intercept follows as b = ȳ − x̄ᵀw, unpenalised.
struct CenteredData {
    let x: DenseMatrix
    let y: [Double]
    let featureMeans: [Double]
    let targetMean: Double

    init(_ x: Tensor, _ y: Tensor, fitIntercept: Bool) {
        if fitIntercept {
            (self.x, featureMeans) = DenseMatrix.centered(x)
        } else {
            self.x = DenseMatrix(x)
            featureMeans = [Double](repeating: 0, count: self.x.columns)
        }
        let targets = y.scalars.map(Double.init)
        let mean = fitIntercept ? targets.reduce(0, +) / Double(targets.count) : 0
        targetMean = mean
        self.y = targets.map { $0 - mean }
    }

    /// The fitted model for coefficients `w` found on the centred data.
    func model(coefficients w: [Double], estimator: String, hyperParameters: [String: String]) -> LinearModel {
        LinearModel(coefficients: Tensor(w.map(Float.init)), intercept: Float(targetMean - dot(featureMeans, w)),
                    estimator: estimator, hyperParameters: hyperParameters)
    }
}
