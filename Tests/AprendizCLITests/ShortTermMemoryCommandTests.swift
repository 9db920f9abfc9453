import Aprendiz
import AprendizTestSupport
import Foundation
import Testing
@testable import AprendizCLI

/// `explain short-term-memory` (§23.5): ∂L/∂h_t of the unrolled cells against PyTorch's `retain_grad`
/// (`Tests/Fixtures/hidden_state_gradients.json`, Tools/fixtures/generate_hidden_state_gradients.py), the
/// unrolled states against the fused layer, and the outcome of a short recall run judged against chance
/// (1/K): the simple RNN fails at a long lag that the LSTM and GRU learn.
@Suite struct ShortTermMemoryCommandTests {
    nonisolated(unsafe) static let cases = try! JSONFixture("hidden_state_gradients.json")["cases"].array

    @Test(arguments: ["rnn", "lstm", "gru"])
    func hiddenStateGradientsMatchPyTorch(_ name: String) {
        let c = Self.cases.first { $0["cell"].string == name }!
        let inputs = c["inputs"].tensor, hidden = c["hidden"].int
        var generator = RandomGenerator(seed: 1)
        let layer = RecurrentLayer(RecurrentCell(name: name)!, inputs: inputs.shape[2], hidden: hidden, using: &generator)
        let head = Dense(hidden, c["headBias"].tensor.shape[0], using: &generator)
        layer.inputWeight.value = c["inputWeight"].tensor
        layer.hiddenWeight.value = c["hiddenWeight"].tensor
        layer.inputBias.value = c["inputBias"].tensor
        layer.hiddenBias.value = c["hiddenBias"].tensor
        head.weight.value = c["headWeight"].tensor
        head.bias!.value = c["headBias"].tensor
        let result = HiddenStateGradients(layer: layer, head: head, inputs: inputs, labels: c["labels"].tensor)
        let (states, gradients) = (c["states"].tensor, c["gradients"].tensor)
        for t in 0..<inputs.shape[1] {
            let expectedState = states.slice(axis: 0, t..<(t + 1)).reshaped(result.states[t].shape)
            let expectedGradient = gradients.slice(axis: 0, t..<(t + 1)).reshaped(result.gradients[t].shape)
            expectClose(result.states[t], expectedState, absolute: 1e-5, relative: 1e-4, "\(name) h_\(t)")
            expectClose(result.gradients[t], expectedGradient, absolute: 1e-6, relative: 1e-4, "\(name) ∂L/∂h_\(t)")
        }
        for (t, (norm, expected)) in zip(result.meanNorms, c["meanNorms"].tensor.scalars).enumerated() {
            expectClose(Float(norm), expected, absolute: 1e-6, relative: 1e-4, "\(name) ‖∂L/∂h_\(t)‖")
        }
    }

    /// The step-by-step recomputation runs the same cell as the fused sequence kernel (peepholes included).
    @Test(arguments: ["rnn", "lstm", "gru", "lstm-peephole"])
    func unrolledStatesEqualTheFusedLayer(_ name: String) {
        var generator = RandomGenerator(seed: 5)
        let layer = RecurrentLayer(RecurrentCell(name: name)!, inputs: 3, hidden: 4, using: &generator)
        if let peepholes = layer.peepholes { peepholes.value = Tensor.randomUniform([3, 4], in: -0.5...0.5, using: &generator) }
        let head = Dense(4, 2, using: &generator)
        let inputs = Tensor.randomUniform([2, 6, 3], in: -1...1, using: &generator)
        let unrolled = HiddenStateGradients(layer: layer, head: head, inputs: inputs, labels: Tensor(shape: [2], scalars: [0, 1]))
        let fused = withoutGradient { layer(Variable(inputs)).value }
        for t in 0..<6 {
            expectClose(unrolled.states[t], fused.slice(axis: 1, t..<(t + 1)).reshaped([2, 4]), absolute: 1e-5, relative: 1e-4, "\(name) h_\(t)")
        }
    }

    /// Chance is 1/K = 0.25; with 1 024 test sequences its standard deviation is 0.014, so "fails" is
    /// accuracy ≤ 0.35 and "succeeds" ≥ 0.9. Lag 5 shows the simple RNN can learn the task when the lag is short.
    @Test func theSimpleRNNFailsAtALongLagThatLSTMAndGRULearn() {
        let task = RecallTask(symbols: 4, gateBias: 3, learningRate: 0.003)
        let (long, steps, hidden, batch) = (40, 300, 32, 32)
        let short = task.train(.elman, lag: 5, hidden: hidden, batch: batch, steps: steps, seed: 1).accuracy
        let rnn = task.train(.elman, lag: long, hidden: hidden, batch: batch, steps: steps, seed: 1).accuracy
        let lstm = task.train(.lstm(peepholes: false), lag: long, hidden: hidden, batch: batch, steps: steps, seed: 1).accuracy
        let gru = task.train(.gru, lag: long, hidden: hidden, batch: batch, steps: steps, seed: 1).accuracy
        #expect(short >= 0.9, "rnn at lag 5: \(short)")
        #expect(rnn <= 0.35, "rnn at lag \(long): \(rnn) (chance 0.25)")
        #expect(lstm >= 0.9, "lstm at lag \(long): \(lstm)")
        #expect(gru >= 0.9, "gru at lag \(long): \(gru)")
    }

    @Test func badInputNamesTheOption() {
        let seeds = errorMessage { try runCommand(ExplainShortTermMemoryCommand.self, ["--seeds", "1,x"]) }
        #expect(seeds?.contains("--seeds") == true)
        let rate = errorMessage { try runCommand(ExplainShortTermMemoryCommand.self, ["--learning-rate", "0"]) }
        #expect(rate?.contains("--learning-rate") == true)
    }
}
