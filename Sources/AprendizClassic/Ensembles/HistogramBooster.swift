import AprendizData
import AprendizTensor

/// The boosting loop shared by the histogram gradient-boosting estimators (book §15; scikit-learn's
/// `BaseHistGradientBoosting.fit`):
/// ```
/// F₀ = baseline(y)
/// for m = 1 … M:   gᵢ, hᵢ = ∂ℓ/∂F, ∂²ℓ/∂F² at F_{m−1}(xᵢ)           (per class k for softmax)
///                  tree_m = grow(g, h)  with leaf values −G/(H + λ)·ν
///                  F_m = F_{m−1} + tree_m
///                  stop if early stopping is on and the validation loss of the last n iterations
///                  never beat the one n + 1 back by tol
/// ```
/// Features are binned once (``FeatureBinning``) on the training part. The validation split (when early
/// stopping is on) is drawn by `trainTestSplit` with the seed — stratified for classifiers — so it is not
/// NumPy's split.
struct HistogramBooster {
    let parameters: GradientBoostingParameters
    let loss: BoostingLoss
    let stratify: Bool

    /// Fits on `x` (`[count, features]`, NaN = missing) and `y` (targets, or class indices 0 … K−1).
    func fit(_ x: Tensor, _ y: [Double]) -> BoostedTrees {
        let n = x.shape[0], d = x.shape[1], K = loss.treesPerIteration
        let stopEarly = parameters.earlyStopping == .on || (parameters.earlyStopping == .auto && n > 10_000)
        var trainX = x, trainY = y, validationX: Tensor? = nil, validationY: [Double] = []
        if stopEarly {
            let rows = TensorDataset(inputs: Tensor(shape: [n, 1], scalars: (0..<n).map(Float.init)),
                                     targets: Tensor(y.map(Float.init)))
            let (train, test) = trainTestSplit(rows, testFraction: Float(parameters.validationFraction),
                                               stratified: stratify, seed: parameters.seed)
            let trainRows = train.inputs.scalars.map { Int($0) }, testRows = test.inputs.scalars.map { Int($0) }
            trainX = x.selecting(trainRows); trainY = trainRows.map { y[$0] }
            validationX = x.selecting(testRows); validationY = testRows.map { y[$0] }
        }
        let m = trainY.count
        let binning = FeatureBinning(fitting: trainX, maximumBins: parameters.maximumBins)
        let bins = binning.binned(trainX)
        var hasMissing = [Bool](repeating: false, count: d)
        for f in 0..<d { hasMissing[f] = bins[(f * m)..<((f + 1) * m)].contains(FeatureBinning.missingBin) }
        let binCounts = binning.thresholds.map { $0.count + 1 }
        let grower = BoostingTreeGrower(histograms: HistogramBuilder(bins: bins, sampleCount: m, featureCount: d, usedBins: binCounts),
                                        binCounts: binCounts, hasMissing: hasMissing,
                                        maximumLeafNodes: parameters.maximumLeafNodes, maximumDepth: parameters.maximumDepth,
                                        minimumSamplesLeaf: parameters.minimumSamplesLeaf,
                                        l2Regularization: parameters.l2Regularization, shrinkage: parameters.learningRate)
        let baseline = loss.baseline(trainY)
        var raw = [Double](repeating: 0, count: m * K)
        for i in 0..<m { for k in 0..<K { raw[i * K + k] = baseline[k] } }
        let validationBins = validationX.map(binning.binned) ?? []
        let v = validationY.count
        var validationRaw = [Double](repeating: 0, count: v * K)
        for i in 0..<v { for k in 0..<K { validationRaw[i * K + k] = baseline[k] } }
        var scores = stopEarly ? [-loss.meanLoss(raw: validationRaw, y: validationY)] : []

        var gradients = [[Float]](repeating: [Float](repeating: 0, count: m), count: K)
        var hessians = gradients
        var order = [Int32](repeating: 0, count: m)
        var result = BoostedTrees(baseline: baseline.map(Float.init), treesPerIteration: K, binning: binning)
        for _ in 0..<parameters.maximumIterations {
            loss.gradients(raw: raw, y: trainY, gradients: &gradients, hessians: &hessians)
            for k in 0..<K {
                let tree = grower.grow(gradients: gradients[k], hessians: hessians[k], order: &order)
                let values = tree.value.map { Double(Float($0)) }   // the model keeps Float leaf values
                for (node, range) in tree.leafRanges {
                    for i in range { raw[Int(order[i]) * K + k] += values[node] }
                }
                for i in 0..<v {
                    var node = 0
                    while tree.left[node] >= 0 {
                        let b = validationBins[tree.feature[node] * v + i]
                        let goesLeft = b == FeatureBinning.missingBin ? tree.missingGoesLeft[node] : Int(b) <= tree.bin[node]
                        node = goesLeft ? tree.left[node] : tree.right[node]
                    }
                    validationRaw[i * K + k] += values[node]
                }
                result.append(tree, binning: binning)
            }
            if stopEarly {
                scores.append(-loss.meanLoss(raw: validationRaw, y: validationY))
                if shouldStop(scores) { break }
            }
        }
        return result
    }

    /// scikit-learn's `_should_stop`: none of the last n scores is above the score n + 1 back plus tol.
    private func shouldStop(_ scores: [Double]) -> Bool {
        let n = parameters.iterationsWithoutChange
        guard scores.count >= n + 1 else { return false }
        let reference = scores[scores.count - n - 1] + parameters.tolerance
        return !scores.suffix(n).contains { $0 > reference }
    }
}
