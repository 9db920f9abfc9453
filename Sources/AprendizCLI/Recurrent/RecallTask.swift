import Aprendiz

/// The recall task of `aprendiz explain short-term-memory` (§23.5): one-hot sequences `[batch, lag, 2K]`
/// whose step 0 is a signal symbol (0 … K − 1) and whose later steps are distractors (K … 2K − 1); the
/// label is the signal, so a network that forgets it is at chance, 1/K.
///
/// The network is the cell over the sequence and Dense(H, K) on the final state, trained with Adam
/// (clip 1) on fresh batches. The LSTM's forget gate and the GRU's update gate z start with `gateBias`
/// added to their input bias: the state is kept with weight σ(b) per step at the start, σ(3)^40 ≈ 0.14
/// over 40 steps instead of σ(0)^40 ≈ 10⁻¹² (PyTorch's initialisation). A bias of 1 (Gers, Schmidhuber &
/// Cummins 2000; Jozefowicz, Zaremba & Sutskever 2015) keeps σ(1)^40 ≈ 3·10⁻⁶; "chrono" initialisation
/// (Tallec & Ollivier 2018) sets b_f ≈ log T for memories of T steps, log 40 ≈ 3.7.
struct RecallTask {
    /// K, the number of signal symbols (as many distractors).
    let symbols: Int
    /// Added to the input bias of the LSTM's forget gate (block 1 of i f g o) and the GRU's update gate (block 1 of r z n).
    var gateBias: Float = 0
    /// Adam's step size η.
    var learningRate: Float = 0.003

    /// A trained network and how it did.
    struct Result {
        /// Accuracy on 1 024 new sequences.
        let accuracy: Double
        /// The last training batch's loss.
        let loss: Float
        let network: RecurrentNetwork
        let head: Dense
    }

    /// A batch of `count` sequences of `lag` steps and their labels.
    func batch(count: Int, lag: Int, using generator: inout RandomGenerator) -> (inputs: Tensor, labels: Tensor) {
        var inputs = [Float](repeating: 0, count: count * lag * 2 * symbols), labels: [Float] = []
        for b in 0..<count {
            let signal = Int(generator.next() % UInt64(symbols))
            labels.append(Float(signal))
            for t in 0..<lag {
                let symbol = t == 0 ? signal : symbols + Int(generator.next() % UInt64(symbols))
                inputs[(b * lag + t) * 2 * symbols + symbol] = 1
            }
        }
        return (Tensor(shape: [count, lag, 2 * symbols], scalars: inputs), Tensor(shape: [count], scalars: labels))
    }

    /// The freshly initialised network: `cell` over the sequence, Dense on the final state.
    func model(_ cell: RecurrentCell, hidden: Int, seed: UInt64) -> (RecurrentNetwork, Dense) {
        var generator = RandomGenerator(seed: seed)
        let network = RecurrentNetwork(cell, inputs: 2 * symbols, hidden: hidden, returnSequences: false, using: &generator)
        if cell != .elman, gateBias != 0 {
            for layer in network.layers {
                var bias = layer.inputBias.value.scalars
                for j in hidden..<(2 * hidden) { bias[j] += gateBias }
                layer.inputBias.value = Tensor(shape: [bias.count], scalars: bias)
            }
        }
        return (network, Dense(hidden, symbols, using: &generator))
    }

    /// Trains a fresh network for `steps` Adam steps on batches of `size`.
    func train(_ cell: RecurrentCell, lag: Int, hidden: Int, batch size: Int, steps: Int, seed: UInt64) -> Result {
        let (network, head) = model(cell, hidden: hidden, seed: seed)
        let optimizer = Adam(parameters: network.parameters() + head.parameters(), learningRate: learningRate)
        var generator = RandomGenerator(seed: seed &+ 1)
        var last = Float.nan
        for _ in 0..<steps {
            let (inputs, labels) = batch(count: size, lag: lag, using: &generator)
            optimizer.zeroGrad()
            let loss = crossEntropy(logits: head(network(Variable(inputs))), labels: labels)
            loss.backward()
            _ = clipGradients(network.parameters() + head.parameters(), maxNorm: 1)
            optimizer.step()
            last = loss.value.scalars[0]
        }
        var test = RandomGenerator(seed: seed &+ 2)
        let (inputs, labels) = batch(count: 1024, lag: lag, using: &test)
        let predicted = withoutGradient { head(network(Variable(inputs))).value.argmax(axis: 1) }
        let correct = zip(predicted.scalars, labels.scalars).filter { $0 == $1 }.count
        return Result(accuracy: Double(correct) / 1024, loss: last, network: network, head: head)
    }

    /// ‖∂L/∂h_t‖ for t = 0 … lag − 1 (``HiddenStateGradients/meanNorms``) of `network` on one batch.
    func hiddenStateGradientNorms(_ network: RecurrentNetwork, head: Dense, lag: Int, batch size: Int, seed: UInt64) -> [Double] {
        var generator = RandomGenerator(seed: seed &+ 3)
        let (inputs, labels) = batch(count: size, lag: lag, using: &generator)
        return HiddenStateGradients(layer: network.layers[0], head: head, inputs: inputs, labels: labels).meanNorms
    }
}
