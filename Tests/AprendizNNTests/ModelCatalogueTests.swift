import Aprendiz
import Testing

/// The ready-made networks of ``ModelCatalog`` (`aprendiz train --model NAME`), from the catalogue.
@Suite struct ModelCatalogueTests {
    /// Every ready-made network builds for its input shape and gives one row of 10 logits per example.
    @Test(arguments: ModelCatalog.allCases)
    func everyCatalogueModelBuildsForItsInputShape(_ model: ModelCatalog) {
        var generator = RandomGenerator(seed: 1)
        let network = model.make(classes: 10, using: &generator)
        network.eval()
        #expect(network(Tensor.zeros([2] + model.inputShape)).shape == [2, 10])
        #expect(network.describedArchitecture != nil, "\(model.name) cannot be saved")
    }

    @Test func namesAreLookedUpLikeEveryCatalogue() throws {
        #expect(try ModelCatalog.named(" Fashion-Conv-Net") == .fashionConvNet)
        #expect(ModelCatalog.names == ["lenet5", "fashion-conv-net", "fashion-conv-net-bn", "small-resnet"])
    }
}
