import Aprendiz
import AprendizTestSupport
import Testing

/// The Vision Transformer against the same model assembled from PyTorch's modules
/// (`Tests/Fixtures/vit.json`, `Tools/fixtures/generate_vit.py`, float64): logits, loss and the gradient
/// of every parameter, for Fashion-MNIST's shape (28×28×1, 7×7 patches) and for three-channel images
/// (the patch flattening order); the class token's attention maps are distributions.
@Suite struct VisionTransformerTests {
    nonisolated(unsafe) static let fixture = try! JSONFixture("vit.json")

    static func model(_ c: JSONFixture) throws -> VisionTransformer {
        let k = c["configuration"]
        var generator = RandomGenerator(seed: 0)
        let vit = VisionTransformer(VisionTransformerConfiguration(
            imageSize: k["imageSize"].int, patchSize: k["patchSize"].int, channels: k["channels"].int,
            classCount: k["classCount"].int, modelDimension: k["modelDimension"].int, headCount: k["headCount"].int,
            layerCount: k["layerCount"].int, feedForwardDimension: k["feedForwardDimension"].int, dropout: 0), using: &generator)
        try vit.loadPyTorchParameters(AttentionReferenceTests.stateDict(c["parameters"]))
        return vit
    }

    @Test(arguments: ["fashion", "rgb"])
    func matchesPyTorch(_ name: String) throws {
        let c = Self.fixture[name]
        let vit = try Self.model(c)
        let images = c["images"].tensor
        expectClose(vit(Variable(images)).value, c["logits"].tensor, absolute: 1e-5, relative: 1e-5, "logits of \(name)")
        let loss = vit.loss(images: images, labels: c["labels"].tensor)
        expectClose(loss.value.scalars[0], c["loss"].float, absolute: 1e-5, relative: 1e-5)
        vit.zeroGrad()
        loss.backward()
        AttentionReferenceTests.expectParameterGradients(vit, c["parameterGrads"], name)
    }

    /// Every head's row of the class token sums to 1 over the L + 1 tokens; bad images name their shape.
    @Test func attentionMapsAreDistributions() throws {
        let c = Self.fixture["fashion"]
        let vit = try Self.model(c)
        let image = c["images"].tensor.slice(axis: 0, 0..<1).reshaped([28, 28, 1])
        let maps = vit.attentionMaps(image)
        #expect(maps.count == 2)
        for map in maps {
            #expect(map.shape == [2, 17, 17])
            for head in 0..<2 {
                let row = map.slice(axis: 0, head..<(head + 1)).reshaped([17, 17]).slice(axis: 0, 0..<1).scalars
                #expect(abs(row.reduce(0, +) - 1) < 1e-5 && row.allSatisfy { $0 >= 0 })
            }
        }
        #expect(VisionTransformerConfiguration(imageSize: 28, patchSize: 5).problem?.contains("patch size 5") == true)
    }
}
