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
        (self.y, targetMean) = Self.centredTargets(y, fitIntercept: fitIntercept)
    }

    /// y − ȳ and ȳ (0 without an intercept).
    static func centredTargets(_ y: Tensor, fitIntercept: Bool) -> (centred: [Double], mean: Double) {
        let targets = y.scalars.map(Double.init)
        let mean = fitIntercept ? targets.reduce(0, +) / Double(targets.count) : 0
        return (targets.map { $0 - mean }, mean)
    }

    /// The fitted model for coefficients `w` found on the centred data.
    func model(coefficients w: [Double], estimator: String, hyperParameters: [String: String]) -> LinearModel {
        Self.model(coefficients: w, featureMeans: featureMeans, targetMean: targetMean, estimator: estimator, hyperParameters: hyperParameters)
    }

    /// b = ȳ − x̄ᵀw with w.
    static func model(coefficients w: [Double], featureMeans: [Double], targetMean: Double, estimator: String,
                      hyperParameters: [String: String]) -> LinearModel {
        LinearModel(coefficients: Tensor(w.map(Float.init)), intercept: Float(targetMean - dot(featureMeans, w)),
                    estimator: estimator, hyperParameters: hyperParameters)
    }

    /// What the solvers on XcᵀXc need (Ridge's primal system, coordinate descent when rows > features), without
    /// the centred `Double` copy of x (``DenseMatrix/centeredProducts(_:minus:_:)``; the same numbers as
    /// `gram()` and `transposeTimes` on ``CenteredData/x``).
    struct Products {
        let gram: [Double]
        let xty: [Double]
        let yty: Double
        let featureMeans: [Double]
        let targetMean: Double

        init(_ x: Tensor, _ y: Tensor, fitIntercept: Bool) {
            featureMeans = fitIntercept ? DenseMatrix.columnMeans(of: x) : [Double](repeating: 0, count: x.shape[1])
            let (centred, mean) = CenteredData.centredTargets(y, fitIntercept: fitIntercept)
            targetMean = mean
            (gram, xty) = DenseMatrix.centeredProducts(x, minus: featureMeans, centred)
            yty = dot(centred, centred)
        }

        /// The fitted model for coefficients `w` found on the centred data.
        func model(coefficients w: [Double], estimator: String, hyperParameters: [String: String]) -> LinearModel {
            CenteredData.model(coefficients: w, featureMeans: featureMeans, targetMean: targetMean, estimator: estimator,
                               hyperParameters: hyperParameters)
        }
    }
}
