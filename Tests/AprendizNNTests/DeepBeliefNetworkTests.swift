import Aprendiz
import AprendizTestSupport
import Testing

/// Greedy layer-wise pre-training and the unrolled network (§20).
@Suite struct DeepBeliefNetworkTests {
    static func digits() throws -> Tensor {
        (try BundledDataset.digits.load().inputs / 16).greater(Tensor(0.5))
    }

    /// Each layer is trained on the layer below's hidden probabilities, and its pseudo-likelihood improves.
    @Test func pretrainingStacksMachinesThatChain() throws {
        var generator = RandomGenerator(seed: 4)
        let (network, curves) = DeepBeliefNetwork.pretrained(on: try Self.digits(), hiddenSizes: [32, 16],
                                                             options: .init(learningRate: 0.05, epochs: 4), using: &generator)
        #expect(network.layers.map(\.visibleCount) == [64, 32] && network.layers.map(\.hiddenCount) == [32, 16])
        #expect(curves.count == 2 && curves.allSatisfy { $0.count == 4 })
        #expect(curves[0].last! > curves[0].first!, "first layer \(curves[0])")
    }

    /// The unrolled network's sigmoid layers compute exactly the stack's mean-field upward pass, and the head
    /// gives one logit per class.
    @Test func unrolledNetworkReproducesTheUpwardPass() throws {
        let data = try Self.digits()
        var generator = RandomGenerator(seed: 5)
        let (network, _) = DeepBeliefNetwork.pretrained(on: data, hiddenSizes: [24, 12], options: .init(epochs: 1), using: &generator)
        let model = network.unrolled(classes: 10, using: &generator)
        #expect(model.layers.count == 5)
        let hidden = Sequential(Array(model.layers.prefix(4)))(data).value
        expectClose(hidden, network.transform(data), absolute: 1e-5, relative: 1e-5)
        #expect(model(data).value.shape == [data.shape[0], 10])
        let baseline = DeepBeliefNetwork.randomlyInitialised(sizes: [64, 24, 12], classes: 10, using: &generator)
        #expect(baseline.parameters().map(\.shape) == model.parameters().map(\.shape))
    }
}
