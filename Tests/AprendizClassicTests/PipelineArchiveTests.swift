import Aprendiz
import AprendizTestSupport
import Foundation
import Testing

/// A fitted pipeline saves to one safetensors file (every step and the final model) and loads back to the same
/// predictions; a file of another final model or with an unknown step is a clear error.
@Suite struct PipelineArchiveTests {
    private func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-\(UUID().uuidString).safetensors")
    }

    @Test func everyLibraryStepRoundTrips() throws {
        let table = try LabeledTable(contentsOf: BundledDataset.iris.url, targetColumn: "target")
        var x = table.features.scalars
        for i in stride(from: 3, to: x.count, by: 37) { x[i] = .nan }  // holes for the imputer
        let features = Tensor(shape: table.features.shape, scalars: x)
        let pipeline = Pipeline(steps: [SimpleImputer(strategy: .median), try MinMaxScaling(range: -1...1),
                                        try PolynomialFeatures(degree: 2), StandardScaling()],
                                final: try LogisticRegression())
        let fitted = try pipeline.fit(features, table.targets)
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        try fitted.save(to: url)
        let loaded = try PipelineModel<LogisticModel>(contentsOf: url)
        #expect(loaded.transforms.count == 4 && loaded.featureCount == 4)
        #expect(loaded.predictProbabilities(features) == fitted.predictProbabilities(features))
        #expect(loaded.predict(features) == fitted.predict(features))
        #expect(fitted.score(features, table.targets) > 0.9)

        // One-hot codes through a linear regression.
        let codes = Tensor(shape: [6, 2], scalars: [0, 1, 1, 2, 2, 0, 0, 0, 1, 1, 2, 2])
        let linear = try Pipeline(steps: [OneHotEncoder()], final: Ridge(alpha: 0.1)).fit(codes, Tensor([1, 2, 3, 4, 5, 6]))
        try linear.save(to: url)
        #expect(try PipelineModel<LinearModel>(contentsOf: url).predict(codes) == linear.predict(codes))

        // The file says what it holds.
        #expect(throws: ClassicError.self) { try PipelineModel<LogisticModel>(contentsOf: url) }
        #expect(throws: ClassicError.self) { try LinearModel(contentsOf: url) }
    }

    @Test func anUnknownStepIsNamed() throws {
        let x = Tensor([[1, 2], [3, 4], [5, 7]]), y = Tensor([1, 2, 3])
        var archive = try Pipeline(steps: [StandardScaling()], final: LinearRegression()).fit(x, y).archived()
        archive.metadata["step0.kind"] = "fourier"
        #expect {
            try PipelineModel<LinearModel>(archive: archive)
        } throws: { error in
            "\(error)".contains("unknown kind 'fourier'")
        }
    }
}
