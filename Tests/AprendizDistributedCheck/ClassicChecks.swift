import Aprendiz
import AprendizDistributed
import Foundation

/// Rows around `centres` random centres in [−10, 10]^features with unit-σ·`spread` normal noise, and
/// each row's centre index (a seeded generator: the same data on every rank).
func blobs(rows: Int, features: Int, centres: Int, spread: Double, seed: UInt64) -> (x: Tensor, y: [Int]) {
    var generator = RandomGenerator(seed: seed)
    let means = (0..<(centres * features)).map { _ in 20 * generator.nextUniformDouble() - 10 }
    var values = [Float](), labels = [Int]()
    for i in 0..<rows {
        let c = i % centres
        labels.append(c)
        for f in 0..<features { values.append(Float(means[c * features + f] + spread * generator.nextNormal())) }
    }
    return (Tensor(shape: [rows, features], scalars: values), labels)
}

/// Floats as their bit patterns (JSON numbers would round-trip through Double; the bits compare exactly).
func bits(_ values: [Float]) -> [Int] { values.map { Int($0.bitPattern) } }

/// A long array as its length and FNV-1a hash (mpirun forwards each rank's output in pieces of about
/// 8 KB, so long lines of several ranks would interleave; equal arrays have equal digests).
func digest(_ values: [Int]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for value in values {
        for byte in 0..<8 { hash = (hash ^ UInt64(truncatingIfNeeded: value >> (8 * byte)) & 0xff) &* 0x100_0000_01b3 }
    }
    return "\(values.count):\(String(hash, radix: 16))"
}

/// k-means (k = 7, 2 initialisations) on 5 000 rows (5 blocks of 1 024: 3 + 2 over 2 ranks, 2 + 2 + 1 over 3).
func kMeansCheck(_ world: Distributed) throws -> [String: Any] {
    let (x, _) = blobs(rows: 5000, features: 6, centres: 7, spread: 3, seed: 11)
    let fitted = try KMeans(clusterCount: 7, initCount: 2, seed: 3).fit(x, across: world)
    return ["centres": bits(fitted.centres.scalars), "labels": digest(fitted.labels), "clusters": Set(fitted.labels).count, "inertia": String(fitted.inertia.bitPattern),
            "iterations": fitted.iterations]
}

/// A 10-tree classification forest with its out-of-bag score and a 7-tree regression forest (10 = 4 + 3 + 3 over 3 ranks).
func forestCheck(_ world: Distributed) throws -> [String: Any] {
    let (x, labels) = blobs(rows: 600, features: 8, centres: 3, spread: 6, seed: 21)
    let y = Tensor(labels.map(Float.init))
    let classifier = try RandomForestClassifier(treeCount: 10, outOfBagScore: true, seed: 5).fit(x, y, across: world)
    let target = Tensor((0..<600).map { i in x[i, 0] + 0.5 * x[i, 1] * x[i, 2] })
    let regressor = try RandomForestRegressor(treeCount: 7, parameters: TreeParameters(maxDepth: 6), seed: 9).fit(x, target, across: world)
    return ["trees": classifier.trees.map(\.nodeCount), "probabilities": digest(bits(classifier.predictProbabilities(x).scalars)),
            "outOfBag": Int(classifier.outOfBagScore?.bitPattern ?? 0), "regressionTrees": regressor.trees.map(\.nodeCount),
            "regression": digest(bits(regressor.predict(x).scalars))]
}

/// Ridge's α over 5 values × 5 folds (25 fits: 13 + 12 over 2 ranks, 9 + 8 + 8 over 3), and one
/// classifier cross-validated over 4 shuffled folds.
func gridSearchCheck(_ world: Distributed) throws -> [String: Any] {
    let (x, labels) = blobs(rows: 300, features: 5, centres: 3, spread: 4, seed: 31)
    let target = Tensor((0..<300).map { i in 2 * x[i, 0] - x[i, 3] + Float(labels[i]) })
    let search = GridSearch(try Ridge(), grid: [GridAxis(\Ridge.alpha, [0.01, 1, 30, 300, 3000], name: "alpha")])
    let result = try search.fit(x, target, across: world)
    let folds = try crossValidate(try DecisionTreeClassifier(parameters: TreeParameters(maxDepth: 3)), x, Tensor(labels.map(Float.init)),
                                  splitter: try KFold(folds: 4, shuffle: true, seed: 2), across: world)
    return ["scores": result.candidates.map { bits($0.result.scores) }, "alphas": result.candidates.map { $0.parameters["alpha"] ?? "" },
            "best": result.bestIndex, "bestPredictions": digest(bits(result.bestModel.predict(x).scalars)), "folds": bits(folds.scores)]
}
