import Aprendiz
import AprendizTestSupport
import Foundation
import Testing

/// Split-gain feature importances of histogram gradient boosting (LightGBM's `importance_type="gain"`), against
/// the gains of scikit-learn 1.9's fitted trees with the root's −G²/(H + λ) added back
/// (`Tools/fixtures/generate_boosting.py`, "gain_importance"): the same trees, so the per-feature totals agree
/// to 10⁻⁴ relative (gains are stored as `Float`); and `permutationImportance` on the same model against scikit-learn's
/// `permutation_importance`, loosely (other permutations).
@Suite struct BoostingImportanceTests {
    static func reference(_ name: String) throws -> [Double] {
        try JSONFixture("classic_boosting.json")["gain_importance"][name].floats.map(Double.init)
    }

    static func expectGains(_ ours: [Double], _ theirs: [Double], _ name: String) {
        let scale = theirs.map(abs).max()!
        for (j, (a, b)) in zip(ours, theirs).enumerated() {
            #expect(abs(a - b) <= 1e-4 * scale, "\(name): feature \(j) gain \(a) vs \(b)")
        }
    }

    @Test func regressorGainsMatchScikitLearnTrees() throws {
        let (x, y) = try bundled(.diabetes)
        let model = try HistGradientBoostingRegressor(.init(maximumIterations: 5, maximumLeafNodes: 6, minimumSamplesLeaf: 10)).fit(x, y)
        Self.expectGains(model.trees.splitGains, try Self.reference("diabetes"), "diabetes")
        let importances = model.featureImportances.scalars
        #expect(abs(importances.reduce(0, +) - 1) < 1e-5 && importances.allSatisfy { $0 >= 0 })
    }

    @Test func binaryClassifierGainsMatchScikitLearnTrees() throws {
        let (x, y) = try bundled(.wine)
        let rows = (0..<y.shape[0]).filter { y.scalars[$0] < 2 }
        let labels = Tensor(rows.map { y.scalars[$0] == 0 ? 3 : 8 })
        let model = try HistGradientBoostingClassifier(.init(maximumIterations: 5, maximumLeafNodes: 6, minimumSamplesLeaf: 10))
            .fit(x.selecting(rows), labels)
        Self.expectGains(model.trees.splitGains, try Self.reference("wine_binary"), "wine_binary")
    }

    /// `permutationImportance` on the same regressor against scikit-learn's `permutation_importance` (50 repeats each,
    /// different permutations): each mean within 4 standard errors of the difference, √((σ₁² + σ₂²)/50), and
    /// exactly 0 for the features no tree splits on; the split gains rank the two strongest features alike.
    @Test func permutationImportanceMatchesScikitLearnsLoosely() throws {
        let (x, y) = try bundled(.diabetes)
        let model = try HistGradientBoostingRegressor(.init(maximumIterations: 5, maximumLeafNodes: 6, minimumSamplesLeaf: 10)).fit(x, y)
        let reference = try JSONFixture("classic_boosting.json")["gain_importance"]["permutation"]
        let repeats = reference["repeats"].int
        let ours = permutationImportance(model: model, x: x, y: y, repeats: repeats, seed: 0)
        let means = reference["means"].floats.map(Double.init), deviations = reference["stds"].floats.map(Double.init)
        for j in means.indices {
            let standardError = ((ours.standardDeviations[j] * ours.standardDeviations[j] + deviations[j] * deviations[j]) / Double(repeats)).squareRoot()
            #expect(abs(ours.means[j] - means[j]) <= 4 * standardError + 1e-6, "feature \(j): \(ours.means[j]) vs \(means[j]) ± \(standardError)")
            if means[j] == 0 { #expect(ours.means[j] == 0 && model.trees.splitGains[j] == 0, "feature \(j) is never split on") }
        }
        let byGain = model.trees.splitGains.indices.sorted { model.trees.splitGains[$0] > model.trees.splitGains[$1] }
        let byPermutation = means.indices.sorted { means[$0] > means[$1] }
        #expect(Set(byGain.prefix(2)) == Set(byPermutation.prefix(2)))
    }

    /// The gains survive the model file.
    @Test func gainsSurviveTheModelFile() throws {
        let (x, y) = try bundled(.iris)
        let model = try HistGradientBoostingClassifier(.init(maximumIterations: 3)).fit(x, y)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hgb-gains-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.save(to: url)
        let loaded = try HistGradientBoostingClassificationModel(contentsOf: url)
        #expect(loaded.featureImportances == model.featureImportances)
        #expect(model.featureImportances.scalars.contains { $0 > 0 })
    }
}
