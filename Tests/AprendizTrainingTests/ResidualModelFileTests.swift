import Aprendiz
import AprendizTestSupport
import Foundation
import Testing

/// A model with skip connections (not a plain sequence) saves and loads with its architecture,
/// parameters and running statistics.
@Suite struct ResidualModelFileTests {
    @Test func smallResNetAndBottleneckRoundTrip() throws {
        var generator = RandomGenerator(seed: 4)
        let model = Sequential(Sequential.smallResNet(classes: 3, width: 4, using: &generator).layers
                                + [Residual(Dense(3, 3, using: &generator), activation: nil)])
        let bottleneck = Residual.bottleneckBlock(inputs: 4, middle: 2, outputs: 8, using: &generator)
        for m in [model, bottleneck] as [Module] {
            let x = Tensor.randomNormal(m === model ? [3, 28, 28, 1] : [2, 5, 5, 4], using: &generator)
            _ = m(x)                                   // one training step moves the running statistics
            m.eval()
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-\(UUID().uuidString).safetensors")
            defer { try? FileManager.default.removeItem(at: url) }
            try ModelFile.save(m, to: url)
            let (loaded, _, _) = try ModelFile.load(from: url)
            loaded.eval()
            #expect(loaded.describedArchitecture == m.describedArchitecture)
            #expect(loaded.describedArchitecture != nil)
            expectClose(loaded(x).value, m(x).value, absolute: 0, relative: 0)
        }
    }
}
