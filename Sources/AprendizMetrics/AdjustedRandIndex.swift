import AprendizTensor

/// The adjusted Rand index of two labelings (chapter 17; Hubert & Arabie 1985; scikit-learn's
/// `adjusted_rand_score`): agreement over pairs of items, corrected for chance.
///
/// ```
/// with the pair confusion counts (same/different cluster × same/different class):
/// ARI = 2·(TP·TN − FN·FP) / ((TP + FN)(FN + TN) + (TP + FP)(FP + TN))
/// ```
/// 1 for identical partitions (up to renaming), about 0 for independent ones, and 1 when neither
/// labeling splits anything. Labels are any integers.
public func adjustedRandIndex(true truth: [Int], predicted: [Int]) -> Double {
    let table = ContingencyTable(true: truth, predicted: predicted)
    let n = Double(table.total)
    let sumSquares = table.counts.reduce(0.0) { $0 + Double($1) * Double($1) }
    let rows = table.classSizes.reduce(0.0) { $0 + Double($1) * Double($1) }
    let columns = table.clusterSizes.reduce(0.0) { $0 + Double($1) * Double($1) }
    let tp = sumSquares - n, fp = columns - sumSquares, fn = rows - sumSquares
    let tn = n * n - fp - fn - sumSquares
    if fn == 0 && fp == 0 { return 1 }
    return 2 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))
}
