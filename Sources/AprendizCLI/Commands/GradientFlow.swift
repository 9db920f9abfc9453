import Aprendiz
import Foundation

/// A deep stack of dense layers zᵢ = hᵢ₋₁·Wᵢ + bᵢ, hᵢ = f(zᵢ), run forward on one batch and backward
/// once from L = Σ h_L, to measure the gradient reaching each layer — the experiment behind the
/// vanishing gradient (§7.7, eq. 7.14: δ⁽ᴸ⁾ = δ⁽ᴸ⁺¹⁾·σ′(x⁽ᴸ⁾), a product of factors ≤ ¼ for the
/// sigmoid) and the exploding gradient (§8.7, eq. 8.23: δˡ ∝ (Wˡ⁺¹)ᵀ⋯(Wᴸ)ᵀ·δᴸ, large weights
/// multiply up), and the dying-ReLU count (§8.3).
///
/// Weights are drawn N(0, (gain·√(2/width))²) — He initialisation, which keeps a ReLU stack's
/// gradient at a constant scale; `--init large` multiplies it by `largeGain`. Biases start at `bias`.
struct GradientFlow {
    enum Initialization: String, CaseIterable { case standard, large }

    /// Per layer, counted from the input (layer 1) to the output.
    struct LayerReport {
        let layer: Int
        /// ‖∂L/∂Wᵢ‖ (Frobenius norm).
        let weightGradientNorm: Double
        /// ‖∂L/∂zᵢ‖, the back-propagated δ at the layer's pre-activation.
        let deltaNorm: Double
        /// Units whose pre-activation is ≤ 0 for every sample of the batch (dead for a ReLU).
        let deadUnits: Int
    }

    static let largeGain: Float = 3

    let activation: Activation
    let layers: Int, width: Int, batch: Int
    let initialization: Initialization
    let bias: Float
    let seed: UInt64

    var weightStandardDeviation: Float {
        (initialization == .large ? Self.largeGain : 1) * (2 / Float(width)).squareRoot()
    }

    func run() -> [LayerReport] {
        var generator = RandomGenerator(seed: seed)
        let weights = (0..<layers).map { _ in
            Variable(Tensor.randomNormal([width, width], standardDeviation: weightStandardDeviation, using: &generator),
                     requiresGradient: true)
        }
        let biases = (0..<layers).map { _ in Variable(Tensor.full([width], value: bias), requiresGradient: true) }
        let input = Variable(Tensor.randomNormal([batch, width], using: &generator))
        let nonlinearity = activation.makeLayer(seed: seed)
        nonlinearity.eval()
        var preActivations: [Variable] = []
        var h = input
        for (w, b) in zip(weights, biases) {
            let z = h.matmul(w) + b
            preActivations.append(z)
            h = nonlinearity(z)
        }
        // One walk for the weights, then one per layer for δᵢ = ∂L/∂zᵢ: a walk stops at its
        // targets, and each zᵢ lies on the path to every earlier layer.
        let loss = h.sum()
        let weightGradients = Variable.gradients(of: loss, withRespectTo: weights)
        let deltas = preActivations.map { Variable.gradients(of: loss, withRespectTo: [$0])[0] }
        return (0..<layers).map { i in
            LayerReport(layer: i + 1, weightGradientNorm: Self.norm(weightGradients[i].value),
                        deltaNorm: Self.norm(deltas[i].value),
                        deadUnits: Self.deadUnits(preActivations[i].value))
        }
    }

    static func norm(_ t: Tensor) -> Double { t.scalars.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot() }

    /// Columns (units) of a batch × width pre-activation whose every entry is ≤ 0.
    static func deadUnits(_ z: Tensor) -> Int {
        let alwaysNonPositive = z.max(axes: [0]).scalars.filter { $0 <= 0 }
        return alwaysNonPositive.count
    }
}
