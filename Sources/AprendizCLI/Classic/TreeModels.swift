import Aprendiz

/// The `--model decision-tree | random-forest | extra-trees` fits (chapter 13, Docs/Trees.md): one name per
/// model, the classifier or the regressor chosen by the data's task.
///
/// | parameter | meaning (default) |
/// |---|---|
/// | `criterion` | `gini`, `entropy`, `log-loss` (classification; gini) or `squared-error`, `absolute-error` (regression) |
/// | `max-depth` | depth limit (unlimited) |
/// | `min-samples-split`, `min-samples-leaf` | node-size limits (2, 1) |
/// | `min-impurity-decrease` | smallest weighted impurity decrease of a split (0) |
/// | `max-features` | `all`, `sqrt`, `log2`, a count or a fraction (tree: all; forest classifier: sqrt; forest regressor: all) |
/// | `max-leaf-nodes` | best-first growth to this many leaves (unlimited) |
/// | `ccp-alpha` | cost-complexity pruning α (0) |
/// | `seed` | tree: the splitter's state; forest: the forest's seed (0) |
/// | `n-estimators`, `bootstrap`, `oob-score` | forests only: tree count (100), bootstrap (random forest true, extra trees false), out-of-bag score (false) |
enum TreeModels {
    /// The parameters a tree takes; forests add ``forestParameterNames``.
    static let treeParameterNames = ["criterion", "max-depth", "min-samples-split", "min-samples-leaf", "min-impurity-decrease",
                                     "max-features", "max-leaf-nodes", "ccp-alpha", "seed"]
    static let forestParameterNames = treeParameterNames + ["n-estimators", "bootstrap", "oob-score"]

    /// Fits `model` (a tree or forest case of ``ClassicModel``) for `task`.
    static func fit(_ model: ClassicModel, _ x: Tensor, _ y: Tensor, task: LearningTask, parameters p: ClassicParameters) throws -> ClassicFit {
        let classification = task == .classification
        let defaultFeatures: MaxFeatures = model == .decisionTree || !classification ? .all : .sqrt
        let tree = try treeParameters(p, defaultFeatures: defaultFeatures)
        let seed = UInt64(try p.int("seed", default: 0))
        let trees = try p.int("n-estimators", default: 100), oob = try p.bool("oob-score", default: false)
        let bootstrap = try p.bool("bootstrap", default: model == .randomForest)
        if classification {
            let criterion = try ClassificationCriterion.named(try p.choice("criterion", in: ClassificationCriterion.names, default: "gini"))
            switch model {
            case .decisionTree: return .model(ClassifierOutputs(model: try DecisionTreeClassifier(criterion: criterion, parameters: tree).fit(x, y)))
            case .randomForest:
                return .model(ClassifierOutputs(model: try RandomForestClassifier(treeCount: trees, criterion: criterion, parameters: tree,
                                                                                  bootstrap: bootstrap, outOfBagScore: oob, seed: seed).fit(x, y)))
            default:
                return .model(ClassifierOutputs(model: try ExtraTreesClassifier(treeCount: trees, criterion: criterion, parameters: tree,
                                                                                bootstrap: bootstrap, outOfBagScore: oob, seed: seed).fit(x, y)))
            }
        }
        let criterion = try RegressionCriterion.named(try p.choice("criterion", in: RegressionCriterion.names, default: "squared-error"))
        switch model {
        case .decisionTree: return .model(RegressorOutputs(model: try DecisionTreeRegressor(criterion: criterion, parameters: tree).fit(x, y)))
        case .randomForest:
            return .model(RegressorOutputs(model: try RandomForestRegressor(treeCount: trees, criterion: criterion, parameters: tree,
                                                                            bootstrap: bootstrap, outOfBagScore: oob, seed: seed).fit(x, y)))
        default:
            return .model(RegressorOutputs(model: try ExtraTreesRegressor(treeCount: trees, criterion: criterion, parameters: tree,
                                                                          bootstrap: bootstrap, outOfBagScore: oob, seed: seed).fit(x, y)))
        }
    }

    /// The `TreeParameters` of `--param` (`seed` as the splitter state of a single tree).
    static func treeParameters(_ p: ClassicParameters, defaultFeatures: MaxFeatures) throws -> TreeParameters {
        let features = try p.values["max-features"].map { text in
            guard let value = MaxFeatures(parsing: text) else {
                throw CLIError("--param max-features=\(text): expected all, sqrt, log2, a count or a fraction")
            }
            return value
        } ?? defaultFeatures
        let depth = try p.int("max-depth", default: 0), leaves = try p.int("max-leaf-nodes", default: 0)
        return TreeParameters(maxDepth: p.values["max-depth"] == nil ? nil : depth,
                              minSamplesSplit: try p.int("min-samples-split", default: 2), minSamplesLeaf: try p.int("min-samples-leaf", default: 1),
                              minImpurityDecrease: try p.double("min-impurity-decrease", default: 0), maxFeatures: features,
                              maxLeafNodes: p.values["max-leaf-nodes"] == nil ? nil : leaves, ccpAlpha: try p.double("ccp-alpha", default: 0),
                              seed: UInt32(truncatingIfNeeded: try p.int("seed", default: 0)))
    }
}
