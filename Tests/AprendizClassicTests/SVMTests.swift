import Aprendiz
import AprendizTestSupport
import Foundation
import Testing

/// SVC and SVR against scikit-learn 1.9 (libsvm), `Tests/Fixtures/classic_svm.json` from
/// `Tools/fixtures/generate_svm.py`: support-vector counts within ±1 %, each one-vs-one dual objective
/// within 10⁻⁴ relative, decision values within 10⁻³, the same accuracy.
@Suite struct SVMTests {
    static func fixture(filePath: String = #filePath) throws -> JSONFixture { try JSONFixture("classic_svm.json", filePath: filePath) }

    /// The SVC options of a fixture case.
    static func svc(_ case_: JSONFixture, classWeight: SVC.ClassWeight = .none, cacheSize: Double = 200) throws -> SVC {
        let o = case_["options"]
        let kernel = o.has("kernel") ? try KernelKind.named(o["kernel"].string) : .rbf
        var gamma = KernelGamma.scale
        if o.has("gamma") { gamma = try KernelGamma(parsing: o["gamma"].string) }
        let parameters = SupportVectorParameters(kernel: kernel, gamma: gamma, degree: o.has("degree") ? o["degree"].int : 3,
                                                 coef0: o.has("coef0") ? Double(o["coef0"].float) : 0, cacheSize: cacheSize)
        return try SVC(c: o.has("C") ? Double(o["C"].float) : 1, parameters: parameters, classWeight: classWeight)
    }

    /// Fits the case on (x, y), evaluates on (xTest, yTest), compares everything with the fixture.
    func check(_ name: String, _ x: Tensor, _ y: Tensor, _ xTest: Tensor, _ yTest: Tensor,
               classWeight: SVC.ClassWeight = .none, relative: Float = 0, cacheSize: Double = 200, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let reference = try Self.fixture()[name]
        let model = try Self.svc(reference, classWeight: classWeight, cacheSize: cacheSize).fit(x, y)
        compare(name, reference, model, xTest, yTest, relative: relative, sourceLocation: sourceLocation)
    }

    /// Support counts, objectives, decision values, accuracy and predictions of `model` against the fixture case.
    func compare(_ name: String, _ reference: JSONFixture, _ model: SVCModel, _ xTest: Tensor, _ yTest: Tensor, relative: Float = 0,
                 sourceLocation: SourceLocation = #_sourceLocation) {
        let counts = reference["n_support"].array.map(\.int)
        for (ours, theirs) in zip(model.supportCounts, counts) {
            #expect(abs(ours - theirs) <= max(1, theirs / 100), "\(name): support vectors per class \(model.supportCounts) vs \(counts)",
                    sourceLocation: sourceLocation)
        }
        let objectives = reference["objectives"].floats.map(Double.init)
        for (ours, theirs) in zip(model.objectives, objectives) {
            #expect(abs(ours - theirs) <= 1e-4 * abs(theirs), "\(name): dual objective \(ours) vs \(theirs)", sourceLocation: sourceLocation)
        }
        let rows = reference["ovo"]["shape"].array[0].int
        let head = xTest.slice(axis: 0, 0..<rows)
        expectClose(model.oneVsOneDecisions(head).reshaped(reference["ovo"]["shape"].array.map(\.int)), reference["ovo"].tensor,
                    absolute: 1e-3, relative: relative, "\(name): one-vs-one decisions", sourceLocation: sourceLocation)
        expectClose(model.decisionFunction(head), reference["decision"].tensor, absolute: 1e-3, relative: relative,
                    "\(name): decision function", sourceLocation: sourceLocation)
        #expect(model.score(xTest, yTest) == reference["accuracy"].float, "\(name): accuracy", sourceLocation: sourceLocation)
        #expect(model.predict(xTest).scalars == reference["predictions"].floats, "\(name): predictions", sourceLocation: sourceLocation)
    }

    @Test(arguments: ["iris_rbf", "iris_poly", "iris_linear"])
    func irisMatchesLibsvm(_ name: String) throws {
        let (x, y) = try bundled(.iris)
        try check(name, x, y, x, y)
    }

    /// A precomputed Gram matrix XXᵀ gives libsvm's solution; the Gram matrix passes through `Float`
    /// (entries up to ~100, rounding ~10⁻⁵), hence decision values within 10⁻³ relative rather than absolute.
    @Test func precomputedGramMatchesLibsvm() throws {
        let (x, y) = try bundled(.iris)
        let gram = x.matmul(x, transposeOther: true)
        try check("iris_precomputed", gram, y, gram, y, relative: 1e-3)
    }

    /// A kernel cache of 2 KB (five 100-column rows of the iris pairwise problems, evicted least recently used first)
    /// changes how often rows are recomputed, not the solution.
    @Test func aTinyKernelCacheGivesTheSameSolution() throws {
        let (x, y) = try bundled(.iris)
        try check("iris_rbf", x, y, x, y, cacheSize: 0.002)
    }

    @Test func wineMatchesLibsvm() throws {
        let (x, y) = try bundled(.wine)
        try check("wine_rbf", x, y, x, y)
        try check("wine_balanced", x, y, x, y, classWeight: .balanced)
    }

    @Test(arguments: ["cancer_rbf", "cancer_sigmoid"])
    func breastCancerMatchesLibsvm(_ name: String) throws {
        let data = try Self.fixture()["cancer_data"]
        let (x, y) = (data["x"].tensor, Tensor(data["y"].floats))
        try check(name, x, y, x, y)
    }

    @Test func classWeightMatchesLibsvm() throws {
        let data = try Self.fixture()["cancer_data"]
        let (x, y) = (data["x"].tensor, Tensor(data["y"].floats))
        try check("cancer_weighted", x, y, x, y, classWeight: .custom([0: 3]))
    }

    /// scikit-learn's SVC() on digits' 75/25 split: 0.991 held out.
    @Test func digitsMatchesLibsvm() throws {
        let (x, y) = try bundled(.digits)
        let reference = try Self.fixture()["digits"]
        let train = reference["train"].array.map(\.int), test = reference["test"].array.map(\.int)
        try check("digits", x.selecting(train), y.selecting(train), x.selecting(test), y.selecting(test))
        #expect(reference["accuracy"].float >= 0.991)
    }

    @Test(arguments: ["diabetes_rbf", "diabetes_linear"])
    func svrMatchesLibsvm(_ name: String) throws {
        let (x, y) = try bundled(.diabetes)
        let reference = try Self.fixture()[name], o = reference["options"]
        let parameters = SupportVectorParameters(kernel: o.has("kernel") ? try KernelKind.named(o["kernel"].string) : .rbf)
        let model = try SVR(c: Double(o["C"].float), epsilon: Double(o["epsilon"].float), parameters: parameters).fit(x, y)
        let support = reference["support"].array.map(\.int)
        #expect(abs(model.supportIndices.count - support.count) <= max(1, support.count / 100),
                "\(name): \(model.supportIndices.count) support vectors vs \(support.count)")
        let objective = Double(reference["objective"].float)
        #expect(abs(model.objective - objective) <= 1e-4 * abs(objective), "\(name): dual objective \(model.objective) vs \(objective)")
        let rows = reference["predictions"]["shape"].array[0].int
        expectClose(model.predict(x.slice(axis: 0, 0..<rows)), reference["predictions"].tensor, absolute: 1e-3, relative: 1e-5)
    }

    @Test func gammaScaleIsOneOverFeaturesTimesVariance() throws {
        let (x, y) = try bundled(.iris)
        let model = try SVC().fit(x, y)
        #expect(abs(model.kernel.gamma - Double(try Self.fixture()["iris_rbf"]["gamma"].float)) <= 1e-6 * model.kernel.gamma)
        #expect(try KernelGamma(parsing: "auto") == .auto)
        #expect(throws: ClassicError.self) { try KernelGamma(parsing: "-1") }
        #expect(throws: ClassicError.self) { try SVC(c: 0) }
        #expect(throws: ClassicError.self, "a non-square precomputed Gram matrix") {
            try SVC(parameters: SupportVectorParameters(kernel: .precomputed)).fit(x, y)
        }
    }
}
