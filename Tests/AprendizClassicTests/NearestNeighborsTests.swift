import Aprendiz
import AprendizTestSupport
import Testing

/// `NearestNeighbors` against scikit-learn's brute-force search (Tests/Fixtures/classic_neighbors.json,
/// Tools/fixtures/generate_neighbors.py), and the k-d tree against brute force.
@Suite struct NearestNeighborsTests {
    let fixture: JSONFixture

    init() throws { fixture = try JSONFixture("classic_neighbors.json")["search"] }

    static let metrics: [(String, DistanceMetric)] = [
        ("euclidean", .euclidean), ("manhattan", .manhattan), ("chebyshev", .chebyshev),
        ("minkowski3", .minkowski(p: 3)), ("cosine", .cosine),
    ]

    /// Expects a result to hold the reference's indices exactly and its distances to 1e-6.
    func expectResult(_ result: KNeighborsResult, _ reference: JSONFixture, _ what: String,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.indices == reference["indices"]["data"].array.map(\.int), "\(what): indices", sourceLocation: sourceLocation)
        let expected = reference["distances"]["data"].array.map { Double($0.float) }
        for (actual, reference) in zip(result.distances, expected) {
            expectNear(actual, reference, relative: 1e-6, absolute: 1e-6, "\(what) distance", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [NeighborAlgorithm.brute, .kdTree])
    func kneighborsMatchScikitLearn(algorithm: NeighborAlgorithm) throws {
        let (x, queries, k) = (fixture["x"].tensor, fixture["queries"].tensor, fixture["k"].int)
        for (name, metric) in Self.metrics where algorithm == .brute || metric.supportsKDTree {
            let index = try NearestNeighbors(metric: metric, algorithm: algorithm, leafSize: 4).fit(x)
            #expect(index.algorithm == algorithm)
            expectResult(index.kneighbors(queries, k: k), fixture["metrics"][name], "\(algorithm) \(name)")
        }
    }

    @Test(arguments: [NeighborAlgorithm.brute, .kdTree])
    func selfExcludedAndRadiusMatchScikitLearn(algorithm: NeighborAlgorithm) throws {
        let (x, queries) = (fixture["x"].tensor, fixture["queries"].tensor)
        let index = try NearestNeighbors(algorithm: algorithm, leafSize: 4).fit(x)
        expectResult(index.kneighbors(k: fixture["self_excluded"]["k"].int), fixture["self_excluded"], "\(algorithm) self excluded")
        let radius = index.radiusNeighbors(queries, radius: Double(fixture["radius"]["radius"].float))
        #expect(radius.indices == fixture["radius"]["indices"].array.map { $0.array.map(\.int) })
        for (actual, expected) in zip(radius.distances.joined(), fixture["radius"]["distances"].array.flatMap(\.floats)) {
            expectNear(actual, Double(expected), relative: 1e-6, "radius distance")
        }
    }

    /// Integer-valued rows in 4 features (many exact ties), 500 training rows: the k-d tree and brute force
    /// return identical indices and distances for every Minkowski metric, k and radius.
    @Test func kdTreeAgreesWithBruteForceOnTies() throws {
        var generator = RandomGenerator(seed: 7)
        let x = Tensor(shape: [500, 4], scalars: (0..<2000).map { _ in Float(Int.random(in: 0...5, using: &generator)) })
        let queries = Tensor(shape: [60, 4], scalars: (0..<240).map { _ in Float(Int.random(in: -1...6, using: &generator)) })
        for metric in [DistanceMetric.euclidean, .squaredEuclidean, .manhattan, .chebyshev, .minkowski(p: 1.5)] {
            let tree = try NearestNeighbors(metric: metric, algorithm: .kdTree, leafSize: 8).fit(x)
            let brute = try NearestNeighbors(metric: metric, algorithm: .brute).fit(x)
            for k in [1, 7, 40] {
                #expect(tree.kneighbors(queries, k: k) == brute.kneighbors(queries, k: k), "\(metric) k = \(k)")
                #expect(tree.kneighbors(k: k) == brute.kneighbors(k: k), "\(metric) k = \(k), self excluded")
            }
            #expect(tree.radiusNeighbors(queries, radius: 2) == brute.radiusNeighbors(queries, radius: 2), "\(metric) radius")
        }
    }

    /// Continuous rows in 10 features, more training rows than one brute-force block and queries spread over
    /// several query blocks: the two algorithms agree and the result does not depend on the thread count.
    @Test func algorithmsAndThreadCountsAgree() throws {
        var generator = RandomGenerator(seed: 11)
        let x = Tensor.randomNormal([700, 10], using: &generator)
        let queries = Tensor.randomNormal([150, 10], using: &generator)
        let tree = try NearestNeighbors(algorithm: .kdTree).fit(x)
        let brute = try NearestNeighbors(algorithm: .brute).fit(x)
        let reference = tree.kneighbors(queries, k: 6)
        #expect(brute.kneighbors(queries, k: 6) == reference)
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        Parallel.threadCount = 1
        #expect(brute.kneighbors(queries, k: 6) == reference)
        #expect(tree.kneighbors(queries, k: 6) == reference)
    }

    /// Rows far from the origin (1000 + N(0, 0.01²) in 12 features) with exact duplicates: the `Float` product
    /// form that screens euclidean brute force is then off by more than the distances themselves (γ₁₂‖q‖‖x‖ ≈ 9
    /// against distances² ≈ 0.002), so only the margin keeps the search exact. Brute force must return the
    /// k-d tree's neighbours for every k, self excluded and by radius, and the queries' neighbours must be those of the
    /// definition computed here directly (Σ(qⱼ − xⱼ)² in `Double`, sorted, ties by the lower index). (No thread-count change:
    /// `Parallel.threadCount` is global and other suites run alongside; the query blocks do not depend on it.)
    @Test func screenedEuclideanIsExactWhenTheProductLosesEveryDigit() throws {
        var generator = RandomGenerator(seed: 5)
        var rows = (0..<(300 * 12)).map { _ in 1000 + 0.01 * Float(Double.random(in: -1...1, using: &generator)) }
        for i in 0..<20 { for j in 0..<12 { rows[(200 + i) * 12 + j] = rows[i * 12 + j] } }      // 20 duplicated rows
        let x = Tensor(shape: [300, 12], scalars: rows)
        let queries = Tensor(shape: [40, 12], scalars: Array(rows[(100 * 12)..<(120 * 12)]) + (0..<(20 * 12)).map { _ in
            1000 + 0.01 * Float(Double.random(in: -1...1, using: &generator))
        })
        for metric in [DistanceMetric.euclidean, .squaredEuclidean] {
            let tree = try NearestNeighbors(metric: metric, algorithm: .kdTree, leafSize: 8).fit(x)
            let brute = try NearestNeighbors(metric: metric, algorithm: .brute).fit(x)
            for k in [1, 5, 30] {
                #expect(brute.kneighbors(queries, k: k).indices == Self.definitionIndices(x, queries, k: k), "\(metric) k = \(k), definition")
                #expect(brute.kneighbors(queries, k: k) == tree.kneighbors(queries, k: k), "\(metric) k = \(k)")
                #expect(brute.kneighbors(k: k) == tree.kneighbors(k: k), "\(metric) k = \(k), self excluded")
            }
            let radius = metric == .euclidean ? 0.02 : 0.0004
            #expect(brute.radiusNeighbors(queries, radius: radius) == tree.radiusNeighbors(queries, radius: radius), "\(metric) radius")
        }
    }

    /// The k nearest rows of `x` to each query by the definition: Σ(qⱼ − xⱼ)² in `Double`, ascending, ties by lower index.
    static func definitionIndices(_ x: Tensor, _ queries: Tensor, k: Int) -> [Int] {
        let (rows, d) = (x.scalars.map(Double.init), x.shape[1])
        return stride(from: 0, to: queries.count, by: d).flatMap { start -> [Int] in
            let q = queries.scalars[start..<(start + d)].map(Double.init)
            let distances = (0..<x.shape[0]).map { i in (0..<d).reduce(0.0) { $0 + (q[$1] - rows[i * d + $1]) * (q[$1] - rows[i * d + $1]) } }
            return (0..<x.shape[0]).sorted { (distances[$0], $0) < (distances[$1], $1) }.prefix(k).map { $0 }
        }
    }

    @Test func autoChoosesLikeScikitLearn() throws {
        var generator = RandomGenerator(seed: 1)
        #expect(try NearestNeighbors().fit(Tensor.randomNormal([50, 15], using: &generator)).algorithm == .kdTree)
        #expect(try NearestNeighbors().fit(Tensor.randomNormal([50, 16], using: &generator)).algorithm == .brute)
        #expect(try NearestNeighbors(metric: .cosine).fit(Tensor.randomNormal([50, 3], using: &generator)).algorithm == .brute)
    }

    @Test func badSettingsAndDataThrow() {
        #expect(throws: ClassicError.self) { try NearestNeighbors(metric: .minkowski(p: 0.5)) }
        #expect(throws: ClassicError.self) { try NearestNeighbors(metric: .cosine, algorithm: .kdTree) }
        #expect(throws: ClassicError.self) { try NearestNeighbors(leafSize: 0) }
        #expect(throws: ClassicError.self) { try NearestNeighbors().fit(Tensor([[1, .nan]])) }
        #expect(DistanceMetric.named("minkowski", p: 1) == .manhattan)
        #expect(DistanceMetric.named("hamming") == nil)
    }
}
