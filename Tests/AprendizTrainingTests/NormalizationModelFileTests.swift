import Aprendiz
import AprendizTestSupport
import Foundation
import Testing

/// Models with normalisation layers and embeddings save and load with their architecture, their
/// parameters and BatchNorm's running statistics (buffers), and give the same inference outputs.
@Suite struct NormalizationModelFileTests {
    func temporaryURL() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-\(UUID().uuidString).safetensors")
    }

    @Test func convNetWithBatchAndGroupNormRoundTrips() throws {
        var generator = RandomGenerator(seed: 3)
        let model = Sequential(Conv2D(1, 4, kernelSize: (3, 3), padding: .same), BatchNorm(4, momentum: nil), ReLU(),
                               GroupNorm(groups: 2, channels: 4), GlobalAveragePooling2D(keepDims: false),
                               Dense(4, 6), LayerNorm(features: 6), BatchNorm(6, epsilon: 1e-3))
        for _ in 0..<3 { _ = model(Tensor.randomNormal([5, 6, 6, 1], using: &generator)) }   // running statistics move
        model.eval()
        let x = Tensor.randomNormal([2, 6, 6, 1], using: &generator)
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try ModelFile.save(model, to: url)
        let (loaded, _, _) = try ModelFile.load(from: url)
        loaded.eval()
        #expect(loaded.describedArchitecture == model.describedArchitecture)
        #expect(model.namedBuffers().map(\.name) == ["layers.1.runningMean", "layers.1.runningVariance",
                                                     "layers.1.batchesTracked", "layers.7.runningMean",
                                                     "layers.7.runningVariance", "layers.7.batchesTracked"])
        for ((name, saved), (_, restored)) in zip(model.namedBuffers(), loaded.namedBuffers()) {
            #expect(restored.value == saved.value, "\(name)")
        }
        #expect((model.namedBuffers()[0].buffer.value.scalars != [0, 0, 0, 0]))
        expectClose(loaded(x).value, model(x).value, absolute: 0, relative: 0)
    }

    @Test func embeddingRoundTrips() throws {
        let model = Sequential(Embedding(10, 4), Flatten(), Dense(12, 2))
        let x = Tensor([[1, 9, 3], [0, 0, 2]])
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try ModelFile.save(model, to: url)
        let (loaded, _, _) = try ModelFile.load(from: url)
        #expect(loaded.describedArchitecture == model.describedArchitecture)
        #expect(loaded(x).value == model(x).value)
    }

    /// A parameters-only load into a model lacking the running statistics reports the extra tensor.
    @Test func runningStatisticsAreRequired() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try ModelFile.save(Sequential(Dense(2, 3), BatchNorm(3)), to: url)
        #expect(throws: ModelFileError.unexpectedTensor(url.path, name: "layers.1.batchesTracked")) {
            try ModelFile.loadParameters(into: Sequential(Dense(2, 3), BatchNorm(3, trackRunningStatistics: false)), from: url)
        }
    }
}
