import Aprendiz
import AprendizTestSupport
import Testing

/// PCA against scikit-learn 1.9 (`Tools/fixtures/generate_decomposition_clustering.py`).
@Suite struct PCATests {
    let fixture: JSONFixture

    init() throws { fixture = try JSONFixture("decomposition_clustering.json")["pca"] }

    /// Components equal up to sign (1e-4), variances and ratios close, as scikit-learn's entry `reference`.
    func expectMatches(_ model: FittedPCA, _ reference: JSONFixture, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = reference["components"].tensor
        #expect(model.components.shape == expected.shape, sourceLocation: sourceLocation)
        let (k, p) = (expected.shape[0], expected.shape[1])
        let ours = model.components.scalars, theirs = expected.scalars
        for row in 0..<k {
            let sameSign = (0..<p).map { abs(ours[row * p + $0] - theirs[row * p + $0]) }.max()!
            let flipped = (0..<p).map { abs(ours[row * p + $0] + theirs[row * p + $0]) }.max()!
            #expect(min(sameSign, flipped) <= 1e-4, "component \(row): differs by \(min(sameSign, flipped))", sourceLocation: sourceLocation)
            #expect(sameSign <= 1e-4, "component \(row): sign differs from svd_flip's", sourceLocation: sourceLocation)
        }
        for (ours, theirs) in zip(model.explainedVarianceRatio, reference["explained_variance_ratio"]["data"].floats) {
            expectNear(ours, Double(theirs), relative: 0, absolute: 1e-5, "explained variance ratio", sourceLocation: sourceLocation)
        }
        for (ours, theirs) in zip(model.explainedVariance, reference["explained_variance"]["data"].floats) {
            expectNear(ours, Double(theirs), relative: 1e-5, "explained variance", sourceLocation: sourceLocation)
        }
        for (ours, theirs) in zip(model.singularValues, reference["singular_values"]["data"].floats) {
            expectNear(ours, Double(theirs), relative: 1e-5, "singular value", sourceLocation: sourceLocation)
        }
        expectNear(model.noiseVariance, Double(reference["noise_variance"].float), relative: 1e-5, absolute: 1e-9,
                   "noise variance", sourceLocation: sourceLocation)
    }

    @Test func fullSolverMatchesScikitLearnOnIris() throws {
        let (x, _) = try bundled(.iris)
        expectMatches(try PCA(solver: .full).fit(x), fixture["iris"])
    }

    @Test func fullSolverMatchesScikitLearnOnDigits() throws {
        let (x, _) = try bundled(.digits)
        expectMatches(try PCA(components: .count(10), solver: .full).fit(x), fixture["digits"])
        #expect(try PCA(components: .varianceFraction(0.95), solver: .full).fit(x).componentCount == fixture["digits_095_count"].int)
    }

    @Test func covarianceSolverMatchesScikitLearnOnATallMatrix() throws {
        let x = fixture["tall_x"].tensor
        let pca = try PCA(components: .count(3))
        #expect(pca.resolvedSolver(rows: x.shape[0], columns: x.shape[1]) == .covarianceEigh)
        expectMatches(try pca.fit(x), fixture["tall"])
    }

    @Test func randomizedSolverFindsTheLeadingComponents() throws {
        let (x, _) = try bundled(.digits)
        let randomized = try PCA(components: .count(5), solver: .randomized, seed: 3).fit(x)
        let full = try PCA(components: .count(5), solver: .full).fit(x)
        expectClose(randomized.components, full.components, absolute: 1e-4, relative: 0)
        for (r, f) in zip(randomized.explainedVarianceRatio, full.explainedVarianceRatio) {
            expectNear(r, f, relative: 1e-6, "randomized ratio")
        }
    }

    @Test func whiteningAndInverseTransform() throws {
        let (x, _) = try bundled(.iris)
        let white = try PCA(components: .count(2), whiten: true).fit(x)
        expectClose(white.transform(x[0..<5]), fixture["iris_whitened_head"].tensor, absolute: 1e-4, relative: 1e-4)
        let all = try PCA().fit(x)
        expectClose(all.inverseTransform(all.transform(x)), x, absolute: 1e-4, relative: 0)
        let whiteAll = try PCA(whiten: true).fit(x)
        expectClose(whiteAll.inverseTransform(whiteAll.transform(x)), x, absolute: 1e-4, relative: 0)
    }

    @Test func incrementalPCAMatchesScikitLearn() throws {
        let (digits, _) = try bundled(.digits), (iris, _) = try bundled(.iris)
        expectMatches(try IncrementalPCA(components: 10, batchSize: 250).fit(digits), fixture["incremental_digits"])
        expectMatches(try IncrementalPCA(components: 2).fit(iris), fixture["incremental_iris"])
        var state = IncrementalPCAState(components: 10)
        for start in stride(from: 0, to: 1797, by: 250) where start + 250 + 10 <= 1797 || start == 1750 {
            try state.update(digits[start..<min(start + 250, 1797)])
        }
        #expect(state.count == 1797)
    }

    @Test func autoSolverFollowsScikitLearnsRule() throws {
        #expect(try PCA().resolvedSolver(rows: 1000, columns: 50) == .covarianceEigh)
        #expect(try PCA().resolvedSolver(rows: 300, columns: 200) == .full)
        #expect(try PCA(components: .count(10)).resolvedSolver(rows: 2000, columns: 784) == .randomized)
        #expect(try PCA(components: .count(700)).resolvedSolver(rows: 2000, columns: 784) == .full)
        #expect(try PCA(components: .varianceFraction(0.9)).resolvedSolver(rows: 2000, columns: 784) == .full)
    }

    @Test func badHyperParametersAndDataAreNamed() throws {
        #expect(throws: ClassicError.self) { try PCA(components: .count(0)) }
        #expect(throws: ClassicError.self) { try PCA(components: .varianceFraction(1.5)) }
        let (x, _) = try bundled(.iris)
        #expect(throws: ClassicError.self) { try PCA(components: .count(5)).fit(x) }
    }
}
