import Aprendiz
import AprendizTestSupport
import Testing

/// Histogram gradient boosting against scikit-learn 1.9 (Tests/Fixtures/classic_boosting.json, written by
/// Tools/fixtures/generate_boosting.py on the bundled CSVs).
@Suite struct GradientBoostingTests {
    /// Exact: `_BinMapper.bin_thresholds_` — midpoints of distinct values (iris, 256 bins), percentiles
    /// (diabetes, 17 bins; a column with repeated percentiles), and a column with NaN.
    @Test func binThresholdsMatchScikitLearn() throws {
        let fixture = try JSONFixture("classic_boosting.json")["bins"]
        let (iris, _) = try bundled(.iris), (diabetes, _) = try bundled(.diabetes)
        let missing = try diabetesWithMissing().x.slice(axis: 1, 2..<3)
        for (name, x, bins) in [("iris_256", iris, 255), ("diabetes_17", diabetes, 16), ("diabetes_missing_17", missing, 16)] {
            let expected = fixture[name].array.map { $0.array.map { Double($0.string)! } }
            #expect(FeatureBinning(fitting: x, maximumBins: bins).thresholds == expected, "\(name)")
        }
        let binning = FeatureBinning(fitting: missing, maximumBins: 16)
        #expect(binning.bin(.nan, feature: 0) == FeatureBinning.missingBin)
        #expect(binning.bin(Float(binning.thresholds[0][3]), feature: 0) == 3)   // x ≤ threshold falls left of it
    }

    /// Exact structure of the one tree of HistGradientBoostingRegressor(max_iter=1, max_leaf_nodes=6,
    /// min_samples_leaf=10): features, thresholds and NaN directions in pre-order; leaf values and predictions
    /// to 1e-5 relative. With NaN in column 2 (rows whose target is raised by 150), NaN must be routed to its side.
    @Test(arguments: ["diabetes", "diabetes_missing"])
    func firstTreeMatchesScikitLearn(name: String) throws {
        let reference = try JSONFixture("classic_boosting.json")["first_tree"][name]
        let (x, y) = name == "diabetes" ? try bundled(.diabetes) : try diabetesWithMissing()
        let model = try HistGradientBoostingRegressor(.init(maximumIterations: 1, maximumLeafNodes: 6, minimumSamplesLeaf: 10)).fit(x, y)
        expectClose(model.trees.baseline[0], reference["baseline"].float, absolute: 0, relative: 1e-6)
        let nodes = preorder(model.trees, root: 0), expected = reference["nodes"].array
        #expect(nodes.count == expected.count)
        for (node, ref) in zip(nodes, expected) {
            #expect(node.leaf == ref["leaf"].bool)
            if ref["leaf"].bool {
                expectClose(node.value, ref["value"].float, absolute: 1e-3, relative: 1e-5)
            } else {
                #expect(node.feature == ref["feature"].int)
                #expect(node.threshold == FeatureBinning.floatThreshold(Double(ref["threshold"].string)!))
                #expect(node.missingGoesLeft == ref["missing_go_to_left"].bool)
            }
        }
        expectClose(model.predict(x), reference["predictions"].tensor, absolute: 1e-3, relative: 1e-5)
        if name == "diabetes_missing" {
            #expect(nodes.contains { !$0.leaf && $0.feature == 2 }, "NaN column used for a split")
        }
    }

    /// Digits, 75/25 split as scikit-learn's train_test_split(random_state=0), default settings (100 iterations
    /// of 10 trees, 31 leaves): accuracy ≥ 0.96 (issue target) and within 1 test row of scikit-learn's 0.9644;
    /// probabilities within 0.05 (float32 gradients and summation order differ a little).
    @Test func digitsAccuracyMatchesScikitLearn() throws {
        let (x, y) = try bundled(.digits)
        let reference = try JSONFixture("classic_boosting.json")["digits"]
        let train = reference["train"].array.map(\.int), test = reference["test"].array.map(\.int)
        let model = try HistGradientBoostingClassifier().fit(x.selecting(train), y.selecting(train))
        #expect(model.trees.iterations == reference["iterations"].int)
        let accuracy = model.score(x.selecting(test), y.selecting(test))
        #expect(accuracy >= 0.96)
        #expect(abs(accuracy - reference["accuracy"].float) <= 1.5 / Float(test.count))
        expectClose(model.predictProbabilities(x.selecting(test)), reference["probabilities"].tensor, absolute: 0.05, relative: 0)
    }

    /// Diabetes regression, same split: predictions within 1 % of the target range and R² within 0.01 of scikit-learn's.
    @Test func diabetesMatchesScikitLearn() throws {
        let (x, y) = try bundled(.diabetes)
        let reference = try JSONFixture("classic_boosting.json")["diabetes"]
        let train = reference["train"].array.map(\.int), test = reference["test"].array.map(\.int)
        let model = try HistGradientBoostingRegressor().fit(x.selecting(train), y.selecting(train))
        #expect(abs(model.score(x.selecting(test), y.selecting(test)) - reference["r2"].float) < 0.01)
        expectClose(model.predict(x.selecting(test)), reference["predictions"].tensor, absolute: 3, relative: 0)
    }

    /// Binary log-loss on wine classes 0/1 relabelled 3 and 8, 30 iterations: probabilities to 1e-3.
    @Test func binaryMatchesScikitLearn() throws {
        let (x, y) = try bundled(.wine)
        let reference = try JSONFixture("classic_boosting.json")["wine_binary"]
        let rows = (0..<y.shape[0]).filter { y.scalars[$0] < 2 }
        let labels = Tensor(reference["labels"].floats)
        let model = try HistGradientBoostingClassifier(.init(maximumIterations: 30)).fit(x.selecting(rows), labels)
        #expect(model.classes == [3, 8])
        expectClose(model.predictProbabilities(x.selecting(rows)), reference["probabilities"].tensor, absolute: 1e-3, relative: 0)
        #expect(model.score(x.selecting(rows), labels) == reference["accuracy"].float)
    }

    /// Early stopping ("on") on noisy diabetes with a large learning rate: the validation loss stops improving
    /// well before 200 iterations; the same seed gives the same model.
    @Test func earlyStoppingStopsAndIsDeterministic() throws {
        let (x, y) = try bundled(.diabetes)
        let estimator = try HistGradientBoostingRegressor(.init(learningRate: 0.5, maximumIterations: 200, earlyStopping: .on, seed: 3))
        let model = try estimator.fit(x, y)
        #expect(model.trees.iterations < 200)
        #expect(model.trees.iterations >= 11)
        #expect(try estimator.fit(x, y) == model)
    }

    /// Bad hyper-parameters and ∞ are refused with errors naming them; NaN is not.
    @Test func refusesBadInput() throws {
        #expect(throws: ClassicError.invalidHyperParameter(estimator: "HistGradientBoostingClassifier", name: "maximumLeafNodes",
                                                           value: "1", requirement: "≥ 2")) {
            try HistGradientBoostingClassifier(.init(maximumLeafNodes: 1))
        }
        #expect(throws: ClassicError.self) { try HistGradientBoostingRegressor(.init(learningRate: 0)) }
        #expect(throws: ClassicError.self) { try HistGradientBoostingRegressor(.init(maximumBins: 256)) }
    }

    /// The thread count does not change the model (each feature's histogram is summed in one fixed order).
    @Test func threadCountDoesNotChangeTheModel() throws {
        let (x, y) = try bundled(.wine)
        let estimator = try HistGradientBoostingClassifier(.init(maximumIterations: 5))
        let before = Parallel.threadCount
        defer { Parallel.threadCount = before }
        Parallel.threadCount = 1
        let one = try estimator.fit(x, y)
        Parallel.threadCount = 2
        #expect(try estimator.fit(x, y) == one)
    }
}

/// The conformance suite; NaN is a missing value for these estimators. Leaves of 3–5 samples, as the
/// check data have 40–45 rows.
@Suite struct GradientBoostingConformanceTests {
    @Test func regressor() throws {
        EstimatorChecks.checkRegressor(try HistGradientBoostingRegressor(.init(minimumSamplesLeaf: 3)), acceptsMissingValues: true)
    }
    @Test func classifier() throws {
        EstimatorChecks.checkClassifier(try HistGradientBoostingClassifier(.init(maximumIterations: 30, minimumSamplesLeaf: 5)),
                                        acceptsMissingValues: true)
    }
}

/// Diabetes with NaN in column 2 of every 7th row and those targets raised by 150 (as the fixture generator).
func diabetesWithMissing() throws -> (x: Tensor, y: Tensor) {
    var (x, y) = try bundled(.diabetes)
    for row in stride(from: 0, to: y.shape[0], by: 7) {
        x[row, 2] = .nan
        y[row] += 150
    }
    return (x, y)
}

/// One node of a boosted tree, read in pre-order for comparison with scikit-learn's predictor nodes.
struct BoostedNode {
    var leaf: Bool, feature: Int, threshold: Float, missingGoesLeft: Bool, value: Float
}

/// The nodes of the tree starting at `root`, pre-order (node, left subtree, right subtree).
func preorder(_ trees: BoostedTrees, root: Int) -> [BoostedNode] {
    let leaf = trees.left[root] < 0
    let node = BoostedNode(leaf: leaf, feature: Int(trees.feature[root]), threshold: trees.threshold[root],
                           missingGoesLeft: trees.missingGoesLeft[root], value: trees.value[root])
    return leaf ? [node] : [node] + preorder(trees, root: Int(trees.left[root])) + preorder(trees, root: Int(trees.right[root]))
}
