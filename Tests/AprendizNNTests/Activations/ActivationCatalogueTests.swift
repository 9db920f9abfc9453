import Aprendiz
import AprendizTestSupport
import Foundation
import Testing

/// The activation catalogue is the one list the model-file registry, the defaults and the look-up
/// read: every member is saved and loaded without a registration of its own.
@Suite struct ActivationCatalogueTests {
    /// Each activation's layer (default hyper-parameters, and a non-default α where the architecture
    /// stores it: leaky-relu, elu) describes itself, is rebuilt by the standard registry as the same
    /// type, and computes the same values.
    @Test(arguments: Activation.allCases)
    func everyActivationRoundTripsThroughTheModelFileRegistry(_ activation: Activation) throws {
        let alphas: [Float?] = [.leakyReLU, .elu].contains(activation) ? [nil, 0.3] : [nil]
        for alpha in alphas {
            let layer = activation.makeLayer(alpha: alpha, seed: 1)
            #expect(type(of: layer) == activation.layerType, "\(activation.name): makeLayer builds \(type(of: layer))")
            let description = try #require(layer.describedArchitecture, "\(activation.name) has no architecture description")
            let rebuilt = try ArchitectureRegistry.standard.build(Architecture(jsonString: description.jsonString()))
            #expect(type(of: rebuilt) == activation.layerType)
            layer.eval()
            rebuilt.eval()
            let x = Tensor([-2, -0.5, 0, 0.5, 2])
            #expect(layer(Variable(x)).value == rebuilt(Variable(x)).value, "\(activation.name) α \(String(describing: alpha))")
        }
    }

    /// The defaults are written once, on the layer types: PyTorch's LeakyReLU negative_slope 0.01, PReLU
    /// init 0.25, ELU alpha 1.0 (torch.nn documentation).
    @Test func defaultAlphasAreTheLayersOwn() {
        #expect(Activation.leakyReLU.defaultAlpha == 0.01 && LeakyReLU().alpha == 0.01)
        #expect(Activation.prelu.defaultAlpha == 0.25 && PReLU().alpha.value.scalars == [0.25])
        #expect(Activation.elu.defaultAlpha == 1 && ELU().alpha == 1)
        #expect(Activation.leakyReLU.summary.formula.contains("α = 0.01"))
        #expect(Activation.elu.summary.formula.contains("(α = 1)"))
    }

    @Test func namesAndFamiliesAreLookedUpOneWay() throws {
        #expect(try Activation.named(" Leaky-ReLU ") == .leakyReLU)
        #expect(try Activation.list("relu, GELU,swish") == [.relu, .gelu, .swish])
        #expect(try Activation.Family.named("Modern").members == [.gelu, .geluTanh, .geluSigmoid, .swish])
        #expect(Activation.Family.allCases.flatMap(\.members).count == Activation.allCases.count)
        #expect(throws: CatalogueError(family: "activation", name: "relu6", known: Activation.names)) {
            try Activation.named("relu6")
        }
    }
}
