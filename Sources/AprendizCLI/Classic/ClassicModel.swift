import Aprendiz

/// The classic (closed-form, coordinate-descent or L-BFGS) models `--model` names, fitted by the
/// estimators of AprendizClassic (Docs/Classic.md); `--param NAME=VALUE` sets their hyper-parameters.
///
/// | name | estimator | parameters (defaults) |
/// |---|---|---|
/// | `linear-regression` | `LinearRegression` (least squares) | `fit-intercept` (true) |
/// | `polynomial-regression` | `PolynomialFeatures` (no bias column) → `LinearRegression`, or `Ridge` when `alpha` > 0 | `degree` (2), `alpha` (0), `fit-intercept` (true) |
/// | `ridge` | `Ridge` | `alpha` (1), `fit-intercept` (true) |
/// | `lasso` | `Lasso` | `alpha` (1), `tol` (10⁻⁴), `max-iter` (1 000), `fit-intercept` (true) |
/// | `elastic-net` | `ElasticNet` | `alpha` (1), `l1-ratio` (0.5), `tol` (10⁻⁴), `max-iter` (1 000), `fit-intercept` (true) |
/// | `logistic-regression` | `LogisticRegression` (sigmoid for two classes, softmax beyond) | `c` (1), `tol` (10⁻⁶), `max-iter` (1 000), `fit-intercept` (true) |
/// | `softmax-regression` | `SoftmaxRegression` (softmax even for two classes) | as `logistic-regression` |
/// | `decision-tree`, `random-forest`, `extra-trees` | `DecisionTree…`, `RandomForest…`, `ExtraTrees…` (classifier or regressor by task) | ``TreeModels`` |
/// | `knn` | `KNeighborsClassifier` or `KNeighborsRegressor` (by the data's task) | `k` (5), `weights` (uniform\|distance), `p` (2; Minkowski exponent), `metric` (minkowski, or euclidean, manhattan, chebyshev, cosine), `algorithm` (auto\|brute\|kd-tree), `leaf-size` (30) |
/// | `naive-bayes` | `GaussianNB`, `MultinomialNB` or `BernoulliNB` | `variant` (gaussian\|multinomial\|bernoulli), `var-smoothing` (10⁻⁹), `alpha` (1), `binarize` (0), `fit-prior` (true) |
/// | `svc` | `SVC` (libsvm C-SVC, one-vs-one) | `c` (1), `kernel` (rbf), `gamma` (scale), `degree` (3), `coef0` (0), `tol` (10⁻³), `class-weight` (none), `cache-size` (200 MB), `probability` (false; Platt scaling), `seed` (0; its folds) |
/// | `nu-svc` | `NuSVC` (libsvm ν-SVC, one-vs-one) | `nu` (0.5), the kernel parameters, `probability`, `seed` as `svc` |
/// | `svr` | `SVR` (libsvm ε-SVR) | `c` (1), `epsilon` (0.1), `kernel`, `gamma`, `degree`, `coef0`, `tol`, `cache-size` as `svc` |
/// | `linear-svc` | `LinearSVC` (liblinear dual coordinate descent, one-vs-rest) | `c` (1), `loss` (squared-hinge), `tol` (10⁻⁴), `max-iter` (1 000), `fit-intercept` (true) |
/// | `linear-svr` | `LinearSVR` (liblinear dual coordinate descent) | `c` (1), `epsilon` (0), `loss` (epsilon-insensitive\|squared-epsilon-insensitive), `tol` (10⁻⁴), `max-iter` (1 000), `fit-intercept` (true) |
/// | `gradient-boosting`, `adaboost`, `bagging`, `voting`, `stacking` | the chapter-15 ensembles (``EnsembleModels``) | see ``EnsembleModels`` |
///
/// `linear-regression`, `logistic-regression` and `softmax-regression` also train as a one-Dense network by
/// gradient descent with `--solver gd` (the network path: optimizer, epochs, learning curves).
enum ClassicModel: String, Catalogue, Hashable, Codable {
    case linearRegression = "linear-regression"
    case polynomialRegression = "polynomial-regression"
    case ridge
    case lasso
    case elasticNet = "elastic-net"
    case logisticRegression = "logistic-regression"
    case softmaxRegression = "softmax-regression"
    case decisionTree = "decision-tree"
    case randomForest = "random-forest"
    case extraTrees = "extra-trees"
    case knn
    case naiveBayes = "naive-bayes"
    case svc
    case svr
    case linearSVC = "linear-svc"
    case nuSVC = "nu-svc"
    case linearSVR = "linear-svr"
    case gradientBoosting = "gradient-boosting"
    case adaboost
    case bagging
    case voting
    case stacking

    static let familyName = "classic model"

    /// The tasks the model solves; a model of both tasks (a tree, k-nearest neighbours) fits the estimator of
    /// the data's task.
    var tasks: [LearningTask] {
        switch self {
        case .decisionTree, .randomForest, .extraTrees: [.classification, .regression]
        case .knn: [.classification, .regression]
        case .naiveBayes: [.classification]
        case .linearRegression, .polynomialRegression, .ridge, .lasso, .elasticNet, .svr, .linearSVR: [.regression]
        case .logisticRegression, .softmaxRegression, .svc, .linearSVC, .nuSVC: [.classification]
        case .gradientBoosting, .adaboost, .bagging, .voting, .stacking: EnsembleModels.tasks(self)
        }
    }

    /// Checks that the model solves `task`.
    func check(_ task: LearningTask, dataset: String) throws {
        guard tasks.contains(task) else {
            throw CLIError("--model \(rawValue) is for \(tasks.map(\.rawValue).joined(separator: " and ")); data set '\(dataset)' is \(task.rawValue) (override with --task)")
        }
    }

    /// Checks that the loaded data are of a task this model solves.
    func check(_ data: PreparedData) throws { try check(data.task, dataset: data.name) }

    /// Whether `--solver gd` can train it as a one-Dense network.
    var trainsByGradientDescent: Bool {
        switch self {
        case .linearRegression, .logisticRegression, .softmaxRegression: true
        case .decisionTree, .randomForest, .extraTrees: false
        case .knn, .naiveBayes: false
        case .polynomialRegression, .ridge, .lasso, .elasticNet, .svc, .svr, .linearSVC, .nuSVC, .linearSVR: false
        case .gradientBoosting, .adaboost, .bagging, .voting, .stacking: false
        }
    }

    /// The `--param` names it accepts, in help order.
    var parameterNames: [String] {
        switch self {
        case .linearRegression: ["fit-intercept"]
        case .polynomialRegression: ["degree", "alpha", "fit-intercept"]
        case .ridge: ["alpha", "fit-intercept"]
        case .lasso: ["alpha", "tol", "max-iter", "fit-intercept"]
        case .elasticNet: ["alpha", "l1-ratio", "tol", "max-iter", "fit-intercept"]
        case .logisticRegression, .softmaxRegression: ["c", "tol", "max-iter", "fit-intercept"]
        case .decisionTree: TreeModels.treeParameterNames
        case .randomForest, .extraTrees: TreeModels.forestParameterNames
        case .knn: ["k", "weights", "p", "metric", "algorithm", "leaf-size"]
        case .naiveBayes: ["variant", "var-smoothing", "alpha", "binarize", "fit-prior"]
        case .svc: ["c"] + Self.kernelParameterNames + ["class-weight", "probability", "seed"]
        case .nuSVC: ["nu"] + Self.kernelParameterNames + ["probability", "seed"]
        case .linearSVR: ["c", "epsilon", "loss", "tol", "max-iter", "fit-intercept"]
        case .svr: ["c", "epsilon"] + Self.kernelParameterNames
        case .linearSVC: ["c", "loss", "tol", "max-iter", "fit-intercept"]
        case .gradientBoosting, .adaboost, .bagging, .voting, .stacking: EnsembleModels.parameterNames(self)
        }
    }

    /// Fits the estimator of `task` with `parameters` on `x` `[n, d]` and `y` (`[n]` targets or class indices).
    /// - Throws: ``CLIError`` naming the parameter or the estimator's problem.
    func fit(_ x: Tensor, _ y: Tensor, task: LearningTask, parameters: ClassicParameters) throws -> ClassicFit {
        try check(task, dataset: "of the fit")
        let p = parameters
        do {
            switch self {
            case .linearRegression:
                return .linear(try LinearRegression(fitIntercept: p.bool("fit-intercept", default: true)).fit(x, y))
            case .polynomialRegression:
                let degree = try p.int("degree", default: 2)
                let expansion = try PolynomialFeatures(degree: degree, includeBias: false).fit(x)
                let alpha = try p.double("alpha", default: 0), fitIntercept = try p.bool("fit-intercept", default: true)
                let expanded = expansion.transform(x)
                let model = alpha == 0 ? try LinearRegression(fitIntercept: fitIntercept).fit(expanded, y)
                                       : try Ridge(alpha: alpha, fitIntercept: fitIntercept).fit(expanded, y)
                return .polynomial(model, degree: degree, expansion: expansion)
            case .ridge:
                return .linear(try Ridge(alpha: p.double("alpha", default: 1), fitIntercept: p.bool("fit-intercept", default: true)).fit(x, y))
            case .lasso:
                let lasso = try Lasso(alpha: p.double("alpha", default: 1), fitIntercept: p.bool("fit-intercept", default: true),
                                      tolerance: p.double("tol", default: 1e-4), maximumIterations: p.int("max-iter", default: 1000))
                return .linear(try lasso.fit(x, y))
            case .elasticNet:
                let net = try ElasticNet(alpha: p.double("alpha", default: 1), l1Ratio: p.double("l1-ratio", default: 0.5),
                                         fitIntercept: p.bool("fit-intercept", default: true), tolerance: p.double("tol", default: 1e-4),
                                         maximumIterations: p.int("max-iter", default: 1000))
                return .linear(try net.fit(x, y))
            case .logisticRegression:
                let logistic = try LogisticRegression(c: p.double("c", default: 1), fitIntercept: p.bool("fit-intercept", default: true),
                                                      tolerance: p.double("tol", default: 1e-6), maximumIterations: p.int("max-iter", default: 1000))
                return .model(ClassifierOutputs(model: try logistic.fit(x, y)))
            case .softmaxRegression:
                let softmax = try SoftmaxRegression(c: p.double("c", default: 1), fitIntercept: p.bool("fit-intercept", default: true),
                                                    tolerance: p.double("tol", default: 1e-6), maximumIterations: p.int("max-iter", default: 1000))
                return .model(ClassifierOutputs(model: try softmax.fit(x, y)))
            case .decisionTree, .randomForest, .extraTrees:
                return try TreeModels.fit(self, x, y, task: task, parameters: p)
            case .knn:
                return try Self.fitNeighbors(x, y, task: task, parameters: p)
            case .naiveBayes:
                return try Self.fitNaiveBayes(x, y, parameters: p)
            case .svc: return .model(ClassifierOutputs(model: try Self.svc(p).fit(x, y)))
            case .svr: return .model(RegressorOutputs(model: try Self.svr(p).fit(x, y)))
            case .linearSVC: return .model(ClassifierOutputs(model: try Self.linearSVC(p).fit(x, y)))
            case .nuSVC: return .model(ClassifierOutputs(model: try Self.nuSVC(p).fit(x, y)))
            case .linearSVR: return .model(RegressorOutputs(model: try Self.linearSVR(p).fit(x, y)))
            case .gradientBoosting, .adaboost, .bagging, .voting, .stacking:
                return try EnsembleModels.fit(self, x, y, task: task, parameters: p)
            }
        } catch let error as ClassicError {
            throw CLIError("--model \(rawValue): \(error)")
        }
    }
}
