import Aprendiz
import Foundation
import AprendizTestSupport
import Testing

/// Gaussian, multinomial and Bernoulli naive Bayes against scikit-learn (Tests/Fixtures/classic_neighbors.json,
/// Tools/fixtures/generate_neighbors.py).
@Suite struct NaiveBayesTests {
    let fixture: JSONFixture

    init() throws { fixture = try JSONFixture("classic_neighbors.json") }

    /// Every 10th row, as the generator's `x[::10]`.
    static func everyTenth(_ x: Tensor) -> Tensor { x.selecting(Array(stride(from: 0, to: x.shape[0], by: 10))) }

    @Test func gaussianOnIrisMatchesScikitLearn() throws {
        let (x, y) = try bundled(.iris)
        let reference = fixture["gaussian_nb"]["iris"]
        let model = try GaussianNB().fit(x, y)
        expectClose(model.means, reference["theta"].tensor, absolute: 0, relative: 1e-6)
        expectClose(model.variances, reference["var"].tensor, absolute: 0, relative: 1e-6)
        expectClose(Tensor(model.classPrior.map(Float.init)), reference["prior"].tensor, absolute: 1e-7)
        expectNear(model.epsilon, Double(reference["epsilon"].float), relative: 1e-6, "epsilon")
        let rows = Self.everyTenth(x)
        expectClose(model.predictLogProbabilities(rows), reference["log_proba"].tensor, absolute: 1e-4, relative: 1e-5)
        expectClose(model.predictProbabilities(rows), reference["proba"].tensor, absolute: 1e-6, relative: 1e-5)
        expectClose(model.score(x, y), reference["accuracy"].float, absolute: 1e-6)
    }

    @Test func gaussianWithPriorsAndSmoothingOnWine() throws {
        let (x, y) = try bundled(.wine)
        let reference = fixture["gaussian_nb"]["wine"]
        let model = try GaussianNB(varianceSmoothing: 1e-3, priors: [0.5, 0.3, 0.2]).fit(x, y)
        expectClose(model.means, reference["theta"].tensor, absolute: 0, relative: 1e-6)
        expectClose(model.variances, reference["var"].tensor, absolute: 0, relative: 1e-6)
        expectClose(model.predictLogProbabilities(Self.everyTenth(x)), reference["log_proba"].tensor, absolute: 1e-3, relative: 1e-5)
        expectClose(model.score(x, y), reference["accuracy"].float, absolute: 1e-6)
    }

    @Test func discreteVariantsMatchScikitLearn() throws {
        let data = fixture["discrete_nb"]
        let (x, y, new) = (data["x"].tensor, data["y"].tensor, data["new"].tensor)
        let models: [(String, any NaiveBayesModel)] = [
            ("multinomial", try MultinomialNB().fit(x, y)),
            ("multinomial_a05", try MultinomialNB(alpha: 0.5, fitPrior: false).fit(x, y)),
            ("bernoulli", try BernoulliNB().fit(x, y)),
            ("bernoulli_b1", try BernoulliNB(alpha: 0.5, binarize: 1, fitPrior: false).fit(x, y)),
        ]
        for (name, model) in models {
            let reference = data[name]
            let parameters = Self.logParameters(model)
            expectClose(parameters.0, reference["feature_log_prob"].tensor, absolute: 1e-6, relative: 1e-6)
            expectClose(parameters.1, reference["class_log_prior"].tensor, absolute: 1e-6, relative: 1e-6)
            expectClose(model.predictLogProbabilities(new), reference["log_proba"].tensor, absolute: 1e-5, relative: 1e-5)
            #expect(model.predict(new) == reference["predictions"].tensor, "\(name)")
        }
    }

    @Test func multinomialSavesAndLoads() throws {
        let data = fixture["discrete_nb"]
        let model = try MultinomialNB(alpha: 0.5, classPrior: [0.2, 0.3, 0.5]).fit(data["x"].tensor, data["y"].tensor)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-multinomial-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.save(to: url)
        let loaded = try MultinomialNBModel(contentsOf: url)
        #expect(loaded == model)
        #expect(loaded.predictLogProbabilities(data["new"].tensor) == model.predictLogProbabilities(data["new"].tensor))
        #expect(throws: ClassicError.self) { try GaussianNBModel(contentsOf: url) }
    }

    @Test func badInputThrows() {
        #expect(throws: ClassicError.self) { try MultinomialNB().fit(Tensor([[1, -1], [0, 2]]), Tensor([0, 1])) }
        #expect(throws: ClassicError.self) { try MultinomialNB(alpha: 0) }
        #expect(throws: ClassicError.self) { try GaussianNB(priors: [0.5, 0.6]) }
        #expect(throws: ClassicError.self) { try GaussianNB(priors: [0.5, 0.5]).fit(Tensor([[1], [2], [3]]), Tensor([0, 1, 2])) }
        #expect(throws: ClassicError.self) { try GaussianNB(varianceSmoothing: -1) }
    }
}

extension NaiveBayesTests {
    /// (ln p_cj, ln P(c)) of a discrete model.
    static func logParameters(_ model: any NaiveBayesModel) -> (Tensor, Tensor) {
        if let multinomial = model as? MultinomialNBModel { return (multinomial.featureLogProbability, multinomial.classLogPrior) }
        let bernoulli = model as! BernoulliNBModel
        return (bernoulli.featureLogProbability, bernoulli.classLogPrior)
    }
}

/// The shared conformance suite on the naive Bayes estimators.
@Suite struct NaiveBayesConformanceTests {
    @Test func gaussian() throws { EstimatorChecks.checkClassifier(try GaussianNB()) }
    // MultinomialNB refuses the suite's blobs (negative values are not counts, as scikit-learn): it is
    // checked on its fixture above and by `multinomialSavesAndLoads`.
    @Test func bernoulli() throws { EstimatorChecks.checkClassifier(try BernoulliNB(binarize: 2)) }
}
