import Aprendiz
import AprendizTestSupport
import Foundation
import Testing

/// The book's own derivations, run through autodiff.
@Suite struct BookBackpropagationTests {
    static func sigmoid(_ x: Variable) -> Variable { 1 / ((-x).exp() + 1) }

    /// §6.2.2: a network of four dense layers (i → j → k → l) with logistic sigmoids and the error
    /// E = ½ΣΣ(y − d)² (eq. 6.4). The gradient of one first-layer weight w_ji and one bias b_j is computed by
    /// hand from eqs. 6.5–6.8 chained as in §6.2.2:
    ///   δ_l = (y_l − d_l)·σ′(x_l)                      (6.5, 6.6 with ∂E/∂y_l = y_l − d_l)
    ///   δ_k = (Σ_l δ_l w_lk)·σ′(x_k),  δ_j = (Σ_k δ_k w_kj)·σ′(x_j)
    ///   ∂E/∂w_ji = δ_j·y_i (6.7),  ∂E/∂b_j = δ_j (6.8)
    /// (the book's final combined formula prints σ(x_j) where σ′(x_j) is meant; the derivation above it has σ′).
    /// The hand computation uses plain Double loops; only the network's forward values are shared.
    @Test func fourLayerSigmoidNetworkMatchesEquations6_5To6_8() {
        var generator = RandomGenerator(seed: 62)
        let sizes = [3, 4, 3, 2]
        let weights = (0..<3).map { Variable(Tensor.randomNormal([sizes[$0], sizes[$0 + 1]], using: &generator), requiresGradient: true) }
        let biases = (0..<3).map { Variable(Tensor.randomNormal([sizes[$0 + 1]], using: &generator), requiresGradient: true) }
        let input = Tensor([[0.5, -1.2, 2.0]])
        let desired = Tensor([[0.1, 0.9]])

        var y = Variable(input)
        for layer in 0..<3 { y = Self.sigmoid(y.matmul(weights[layer]) + biases[layer]) }
        let error = (y - Variable(desired)).squared().sum() * 0.5
        error.backward()

        // Hand computation (Double), weight layout W[i][j] = w_ji (x·W, eq. 6.2).
        func w(_ layer: Int, _ from: Int, _ to: Int) -> Double { Double(weights[layer].value[from, to]) }
        func b(_ layer: Int, _ j: Int) -> Double { Double(biases[layer].value[j]) }
        var activations: [[Double]] = [input.scalars.map(Double.init)]
        for layer in 0..<3 {
            let previous = activations[layer]
            activations.append((0..<sizes[layer + 1]).map { j in
                let x = (0..<sizes[layer]).reduce(b(layer, j)) { $0 + previous[$1] * w(layer, $1, j) }
                return 1 / (1 + Foundation.exp(-x))
            })
        }
        let derivative = activations.map { $0.map { $0 * (1 - $0) } }       // σ′(x) = y(1 − y)
        let d = desired.scalars.map(Double.init)
        let deltaL = (0..<2).map { l in (activations[3][l] - d[l]) * derivative[3][l] }
        let deltaK = (0..<3).map { k in (0..<2).reduce(0.0) { $0 + deltaL[$1] * w(2, k, $1) } * derivative[2][k] }
        let deltaJ = (0..<4).map { j in (0..<3).reduce(0.0) { $0 + deltaK[$1] * w(1, j, $1) } * derivative[1][j] }
        let (i, j) = (2, 1)
        expectClose(weights[0].grad![i, j], Float(deltaJ[j] * activations[0][i]), absolute: 1e-6, relative: 1e-4)
        expectClose(biases[0].grad![j], Float(deltaJ[j]), absolute: 1e-6, relative: 1e-4)
        expectClose(biases[1].grad![0], Float(deltaK[0]), absolute: 1e-6, relative: 1e-4)
    }

    /// §7.7, eq. 7.14: four one-neuron layers with weight 1 whose sigmoid derivatives are 0.2, 0.05, 0.1
    /// (0.08 at the output). With ∂E/∂x⁽⁴⁾ = 1 the book finds δ⁽³⁾ = 0.1, δ⁽²⁾ = 0.005, δ⁽¹⁾ = 0.001.
    /// Each bias is chosen so that σ′(x⁽ᴸ⁾) is the book's value; δ⁽ᴸ⁾ = ∂E/∂b⁽ᴸ⁾ (eq. 6.8).
    @Test func vanishingGradientWorkedExample() {
        let targetDerivatives: [Double] = [0.2, 0.05, 0.1, 0.08]
        // σ′ = s(1 − s) = d  ⇒  s = (1 + √(1 − 4d))/2, x = ln(s/(1 − s)).
        let preActivations = targetDerivatives.map { d -> Double in
            let s = (1 + (1 - 4 * d).squareRoot()) / 2
            return Foundation.log(s / (1 - s))
        }
        let one = Variable(Tensor([1]))
        var y = Variable(Tensor([0]))
        var biases: [Variable] = []
        var x = y
        for (layer, target) in preActivations.enumerated() {
            let previousOutput = layer == 0 ? 0 : 1 / (1 + Foundation.exp(-preActivations[layer - 1]))
            let bias = Variable(Tensor([Float(target - previousOutput)]), requiresGradient: true)
            biases.append(bias)
            x = y * one + bias
            y = Self.sigmoid(x)
        }
        x.backward()    // δ⁽⁴⁾ = ∂E/∂x⁽⁴⁾ = 1
        expectClose(biases[3].grad!.scalar, 1)
        expectClose(biases[2].grad!.scalar, 0.1, absolute: 1e-6)
        expectClose(biases[1].grad!.scalar, 0.005, absolute: 1e-7)
        expectClose(biases[0].grad!.scalar, 0.001, absolute: 1e-8)
    }
}
