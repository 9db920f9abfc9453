import Aprendiz
import Testing
@testable import AprendizCLI

/// The gradient experiments show what §7.7 and §8.7 describe. Thresholds: the verdicts of
/// `explain vanishing-gradient` (first layer's δ below 1/100 of the last's = vanishing, above 100× =
/// exploding); with 10 layers the sigmoid's factors σ′ ≤ ¼ give at most 4⁻⁹ ≈ 4e-6 times the
/// weight scale, and the large init multiplies δ by about 3 per layer (3⁹ ≈ 2e4).
@Suite struct ExplainCommandTests {
    static func ratio(_ activation: Activation, _ initialization: GradientFlow.Initialization, seed: UInt64 = 0) -> Double {
        let reports = GradientFlow(activation: activation, layers: 10, width: 32, batch: 64,
                                   initialization: initialization, bias: 0, seed: seed).run()
        return reports.first!.deltaNorm / reports.last!.deltaNorm
    }

    @Test(arguments: [UInt64(0), 1, 2])
    func sigmoidVanishesReLUDoesNotLargeInitExplodes(_ seed: UInt64) {
        #expect(Self.ratio(.sigmoid, .standard, seed: seed) < 1e-2)
        let relu = Self.ratio(.relu, .standard, seed: seed)
        #expect(relu > 1e-1 && relu < 1e1)
        #expect(Self.ratio(.relu, .large, seed: seed) > 1e2)
    }

    @Test func sameSeedSameNumbers() {
        let a = GradientFlow(activation: .rrelu, layers: 4, width: 8, batch: 16, initialization: .standard, bias: 0, seed: 5).run()
        let b = GradientFlow(activation: .rrelu, layers: 4, width: 8, batch: 16, initialization: .standard, bias: 0, seed: 5).run()
        #expect(a.map(\.deltaNorm) == b.map(\.deltaNorm))
    }

    /// With bias −1 every unit of layer 1 computes z = x·w − 1 with x·w ~ N(0, 2): a unit dies on a
    /// batch only if all 64 samples fall below 1, probability 0.76⁶⁴ ≈ 2e-8, so none die there; deeper
    /// layers, fed by smaller ReLU outputs, lose units (the dying ReLU of §8.3).
    @Test func negativeBiasKillsReLUsInDeeperLayers() {
        let reports = GradientFlow(activation: .relu, layers: 6, width: 32, batch: 64, initialization: .standard,
                                   bias: -1, seed: 0).run()
        #expect(reports[0].deadUnits == 0)
        #expect(reports.last!.deadUnits > 8)
        #expect(GradientFlow.deadUnits(Tensor([[-1, 2, 0], [-3, -1, -0.5]])) == 2)
    }

    @Test func commandsParseAndRun() throws {
        let command = try ExplainVanishingGradientCommand.parse(["--activation", "tanh", "--layers", "3", "--init", "large"])
        try command.run()
        #expect(throws: (any Error).self) { try ExplainVanishingGradientCommand.parse(["--activation", "nope"]) }
        let dead = try ExplainDeadReLUCommand.parse(["--bias", "-1", "--layers", "2"])
        try dead.run()
    }
}
