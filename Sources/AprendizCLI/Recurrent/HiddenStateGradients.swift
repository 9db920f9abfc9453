import Aprendiz

/// ∂L/∂h_t for every time step t of a one-layer, sequence-to-one recurrent network (§23.5: the gradient
/// that the loss at the end of the sequence sends back to the state of step t).
///
/// ```
/// L = crossEntropy(head(h_{T−1}), y)
/// ∂L/∂h_t = ∂L/∂h_{t+1} · ∂h_{t+1}/∂h_t      (the total derivative, through every later step)
/// simple RNN: ∂h_{t+1}/∂h_t = diag(1 − h²_{t+1})·W_hhᵀ  — a product of T − 1 − t such factors (Bengio et al. 1994)
/// ```
/// The recurrent operation runs the whole sequence in one fused kernel and does not expose its states'
/// gradients, so this recomputes the layer step by step with autodiff operations (the formulas of
/// `RecurrentCell`, the layer's own weights) and adds a zero leaf δ_t to each state: h_t + δ_t, so
/// ∂L/∂δ_t = ∂L/∂h_t (PyTorch's `retain_grad` on the unrolled states; see
/// `Benchmarks/pytorch_short_term_memory.py --gradients`). For the picture only: training uses the fused layer.
struct HiddenStateGradients {
    /// h_t, `[batch, hidden]`, t = 0 … T − 1, as the unrolled cell computes them.
    let states: [Tensor]
    /// ∂L/∂h_t, `[batch, hidden]`, t = 0 … T − 1 (L is the mean cross-entropy over the batch).
    let gradients: [Tensor]

    /// Runs `layer` over `inputs` `[batch, T, inputs]` from h₋₁ = c₋₁ = 0, `head` on the last state,
    /// the cross-entropy against `labels` `[batch]`, and back-propagates. The layer's and head's
    /// parameters keep their `Variable.grad`.
    init(layer: RecurrentLayer, head: Dense, inputs: Tensor, labels: Tensor) {
        let (batch, steps, width) = (inputs.shape[0], inputs.shape[1], inputs.shape[2])
        let hidden = layer.hiddenCount
        func block(_ z: Variable, _ k: Int) -> Variable { z.slice(axis: 1, (k * hidden)..<((k + 1) * hidden)) }
        var h = Variable(Tensor.zeros([batch, hidden])), c = Variable(Tensor.zeros([batch, hidden]))
        var perturbations: [Variable] = [], states: [Tensor] = []
        for t in 0..<steps {
            let x = Variable(inputs.slice(axis: 1, t..<(t + 1)).reshaped([batch, width]))
            let a = linear(x, weight: layer.inputWeight, bias: layer.inputBias)
            let r = linear(h, weight: layer.hiddenWeight, bias: layer.hiddenBias)
            switch layer.cell {
            case .elman:
                h = (a + r).tanh()
            case .lstm:
                let z = a + r
                func peephole(_ k: Int, _ state: Variable) -> Variable? { layer.peepholes.map { $0.slice(axis: 0, k..<(k + 1)) * state } }
                let i = sigmoid(peephole(0, c).map { block(z, 0) + $0 } ?? block(z, 0))
                let f = sigmoid(peephole(1, c).map { block(z, 1) + $0 } ?? block(z, 1))
                c = f * c + i * block(z, 2).tanh()
                let o = sigmoid(peephole(2, c).map { block(z, 3) + $0 } ?? block(z, 3))
                h = o * c.tanh()
            case .gru:
                let reset = sigmoid(block(a, 0) + block(r, 0)), update = sigmoid(block(a, 1) + block(r, 1))
                let n = (block(a, 2) + reset * block(r, 2)).tanh()
                h = (1 - update) * n + update * h
            }
            let delta = Variable(Tensor.zeros([batch, hidden]), requiresGradient: true)
            perturbations.append(delta)
            h = h + delta
            states.append(h.value)
        }
        let loss = crossEntropy(logits: head(h), labels: labels)
        self.states = states
        gradients = Variable.gradients(of: loss, withRespectTo: perturbations).map(\.value)
    }

    /// ‖∂L/∂h_t‖ per step: the Euclidean norm of each sequence's gradient, averaged over the batch.
    var meanNorms: [Double] {
        gradients.map { gradient in
            let (batch, hidden) = (gradient.shape[0], gradient.shape[1]), g = gradient.scalars
            return (0..<batch).reduce(0.0) { total, b in
                total + g[(b * hidden)..<((b + 1) * hidden)].reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            } / Double(batch)
        }
    }
}
