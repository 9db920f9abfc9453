import Aprendiz

/// The chapter-15 ensembles of ``ClassicModel`` (Docs/Ensembles.md): their tasks, `--param` names and fits.
///
/// | name | estimator | parameters (defaults) |
/// |---|---|---|
/// | `gradient-boosting` | `HistGradientBoostingClassifier` / `HistGradientBoostingRegressor` | `learning-rate` (0.1), `max-iter` (100), `max-leaf-nodes` (31), `max-depth` (none), `min-samples-leaf` (20), `l2` (0), `max-bins` (255), `early-stopping` (auto), `seed` (0) |
/// | `adaboost` | `AdaBoostClassifier` (SAMME, stumps) | `n-estimators` (50), `learning-rate` (1) |
/// | `bagging` | `BaggingClassifier` of `LogisticRegression` / `BaggingRegressor` of `LinearRegression` | `n-estimators` (10), `max-samples` (1), `bootstrap` (true), `seed` (0) |
/// | `voting` | classification: `VotingClassifier` of logistic regression, gradient boosting, AdaBoost; regression: `VotingRegressor` of linear regression and gradient boosting | `voting` (soft; hard) |
/// | `stacking` | classification: `StackingClassifier` of logistic regression and gradient boosting into logistic regression; regression: `StackingRegressor` of linear regression and gradient boosting into linear regression | `folds` (5) |
///
/// The members of `voting` and `stacking` are fixed (with their defaults) so that the command line stays one
/// `--model` name; the library takes any members.
enum EnsembleModels {
    /// The tasks of each ensemble.
    static func tasks(_ model: ClassicModel) -> [LearningTask] {
        model == .adaboost ? [.classification] : [.classification, .regression]
    }

    /// The `--param` names of each ensemble, in help order.
    static func parameterNames(_ model: ClassicModel) -> [String] {
        switch model {
        case .gradientBoosting: ["learning-rate", "max-iter", "max-leaf-nodes", "max-depth", "min-samples-leaf", "l2", "max-bins",
                                 "early-stopping", "seed"]
        case .adaboost: ["n-estimators", "learning-rate"]
        case .bagging: ["n-estimators", "max-samples", "bootstrap", "seed"]
        case .voting: ["voting"]
        default: ["folds"]
        }
    }

    /// The gradient-boosting hyper-parameters from `--param`.
    static func boosting(_ p: ClassicParameters) throws -> GradientBoostingParameters {
        let depth = try p.int("max-depth", default: 0)
        let stopping = try p.choice("early-stopping", in: GradientBoostingParameters.EarlyStopping.allCases.map(\.rawValue), default: "auto")
        return GradientBoostingParameters(
            learningRate: try p.double("learning-rate", default: 0.1), maximumIterations: try p.int("max-iter", default: 100),
            maximumLeafNodes: try p.int("max-leaf-nodes", default: 31), maximumDepth: depth == 0 ? nil : depth,
            minimumSamplesLeaf: try p.int("min-samples-leaf", default: 20), l2Regularization: try p.double("l2", default: 0),
            maximumBins: try p.int("max-bins", default: 255), earlyStopping: GradientBoostingParameters.EarlyStopping(rawValue: stopping) ?? .auto,
            seed: UInt64(max(0, try p.int("seed", default: 0))))
    }

    /// Fits ensemble `model` for `task`.
    static func fit(_ model: ClassicModel, _ x: Tensor, _ y: Tensor, task: LearningTask, parameters p: ClassicParameters) throws -> ClassicFit {
        let classification = task == .classification
        switch model {
        case .gradientBoosting:
            let settings = try boosting(p)
            return classification ? .model(ClassifierOutputs(model: try HistGradientBoostingClassifier(settings).fit(x, y)))
                                  : .model(RegressorOutputs(model: try HistGradientBoostingRegressor(settings).fit(x, y)))
        case .adaboost:
            let adaboost = try AdaBoostClassifier(estimators: p.int("n-estimators", default: 50), learningRate: p.double("learning-rate", default: 1))
            return .model(ClassifierOutputs(model: try adaboost.fit(x, y)))
        case .bagging:
            let (count, fraction) = (try p.int("n-estimators", default: 10), try p.double("max-samples", default: 1))
            let (bootstrap, seed) = (try p.bool("bootstrap", default: true), UInt64(max(0, try p.int("seed", default: 0))))
            if classification {
                let bagging = try BaggingClassifier(try LogisticRegression(maximumIterations: 1000), estimators: count, maxSamples: fraction,
                                                    bootstrap: bootstrap, seed: seed)
                return .model(ClassifierOutputs(model: try bagging.fit(x, y)))
            }
            let bagging = try BaggingRegressor(LinearRegression(), estimators: count, maxSamples: fraction, bootstrap: bootstrap, seed: seed)
            return .model(RegressorOutputs(model: try bagging.fit(x, y)))
        case .voting:
            if classification {
                let rule = try p.choice("voting", in: VotingClassifier.Voting.allCases.map(\.rawValue), default: "soft")
                let members = [AnyClassifier(try LogisticRegression(maximumIterations: 1000)), AnyClassifier(try HistGradientBoostingClassifier()),
                               AnyClassifier(try AdaBoostClassifier())]
                return .model(ClassifierOutputs(model: try VotingClassifier(members, voting: VotingClassifier.Voting(rawValue: rule) ?? .soft).fit(x, y)))
            }
            let members = [AnyRegressor(LinearRegression()), AnyRegressor(try HistGradientBoostingRegressor())]
            return .model(RegressorOutputs(model: try VotingRegressor(members).fit(x, y)))
        default:
            let folds = try p.int("folds", default: 5)
            if classification {
                let members = [AnyClassifier(try LogisticRegression(maximumIterations: 1000)), AnyClassifier(try HistGradientBoostingClassifier())]
                let stacking = try StackingClassifier(members, final: AnyClassifier(try LogisticRegression(maximumIterations: 1000)), folds: folds)
                return .model(ClassifierOutputs(model: try stacking.fit(x, y)))
            }
            let members = [AnyRegressor(LinearRegression()), AnyRegressor(try HistGradientBoostingRegressor())]
            return .model(RegressorOutputs(model: try StackingRegressor(members, final: AnyRegressor(LinearRegression()), folds: folds).fit(x, y)))
        }
    }
}
