import Aprendiz
import AprendizTestSupport
import Foundation
import Testing

/// The hand-written backpropagation through time of `recurrentSequence` against central finite
/// differences (every cell, with padded lengths, LSTM with peepholes — which PyTorch lacks), a
/// peephole step derived by hand from Gers & Schmidhuber's equations, and truncated BPTT.
@Suite struct RecurrentGradientTests {
    var generator = RandomGenerator(seed: 23)

    mutating func random(_ shape: [Int], scale: Float = 1) -> Tensor {
        Tensor.randomUniform(shape, in: -scale...scale, using: &generator)
    }

    @Test(arguments: [RecurrentCell.elman, .lstm(peepholes: false), .lstm(peepholes: true), .gru])
    mutating func sequenceGradientsMatchFiniteDifferences(_ cell: RecurrentCell) {
        let (batch, steps, hidden) = (3, 4, 10), width = cell.gateCount * hidden   // 10 = 8 vector lanes + 2
        var inputs = [random([batch, steps, width], scale: 1.5), random([hidden, width], scale: 0.8), random([width])]
        if cell == .lstm(peepholes: true) { inputs.append(random([3, hidden])) }
        expectGradientsMatchFiniteDifferences(inputs, upstream: random([batch, steps, hidden]), step: 1e-3) { v in
            recurrentSequence(v[0], hiddenWeight: v[1], hiddenBias: v[2], peepholes: v.count > 3 ? v[3] : nil,
                              cell: cell, lengths: [4, 2, 3])
        }
    }

    /// A batch of 37 sequences (three chunks of 16 rows and a partial one, run in parallel, with padded lengths)
    /// gives the gradients of 37 separate one-sequence runs: the same rows of ∂L/∂x, and ∂L/∂W_hh, ∂L/∂b and
    /// ∂L/∂peepholes equal to their sums, whatever way the rows are split over the pool.
    @Test(arguments: [RecurrentCell.lstm(peepholes: true), .gru])
    mutating func batchGradientsAreTheSumOfPerSequenceGradients(_ cell: RecurrentCell) {
        let (batch, steps, hidden) = (37, 5, 12), width = cell.gateCount * hidden
        let x = random([batch, steps, width]), weight = random([hidden, width], scale: 0.5), bias = random([width])
        let peepholes: Tensor? = cell == .lstm(peepholes: true) ? random([3, hidden], scale: 0.5) : nil
        let upstream = random([batch, steps, hidden])
        let lengths = (0..<batch).map { 1 + $0 % steps }
        func gradients(rows: Range<Int>) -> [Tensor] {
            let v = [Variable(x.slice(axis: 0, rows), requiresGradient: true), Variable(weight, requiresGradient: true),
                     Variable(bias, requiresGradient: true)] + (peepholes.map { [Variable($0, requiresGradient: true)] } ?? [])
            let y = recurrentSequence(v[0], hiddenWeight: v[1], hiddenBias: v[2], peepholes: v.count > 3 ? v[3] : nil,
                                      cell: cell, lengths: Array(lengths[rows]))
            return Variable.gradients(of: (y * upstream.slice(axis: 0, rows)).sum(), withRespectTo: v).map(\.value)
        }
        let whole = gradients(rows: 0..<batch)
        let single = (0..<batch).map { gradients(rows: $0..<($0 + 1)) }
        expectClose(whole[0], Tensor.concatenate(single.map { $0[0] }, axis: 0), absolute: 1e-6, relative: 1e-5)
        for i in 1..<whole.count {
            expectClose(whole[i], single.map { $0[i] }.dropFirst().reduce(single[0][i], +), absolute: 1e-4, relative: 1e-4)
        }
    }

    /// A bidirectional two-layer peephole LSTM, final states of a padded batch, by the input.
    @Test mutating func peepholeNetworkMatchesFiniteDifferences() {
        let network = RecurrentNetwork(.lstm(peepholes: true), inputs: 2, hidden: 3, layers: 2, bidirectional: true,
                                       returnSequences: false, using: &generator)
        for layer in network.layers { layer.peepholes!.value = random([3, 3]) }
        expectGradientsMatchFiniteDifferences([random([2, 4, 2])], upstream: random([2, 6]), step: 1e-3) { v in
            network(v[0], lengths: [3, 4])
        }
    }

    /// Two steps of a one-unit peephole LSTM computed from the equations in Double.
    @Test func peepholeStepByHand() {
        let a: [[Double]] = [[0.3, -0.2, 0.5, 0.1], [-0.4, 0.6, -0.3, 0.2]]    // x_t·W_ih + b_ih: i, f, g, o
        let w: [Double] = [0.5, -0.7, 0.9, 0.4], b: [Double] = [0.1, 0.2, -0.1, 0.05], p: [Double] = [0.8, -0.6, 1.1]
        func σ(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }
        var (h, c) = (0.0, 0.0)
        var expected: [Float] = []
        for t in 0..<2 {
            let z = (0..<4).map { a[t][$0] + w[$0] * h + b[$0] }
            let i = σ(z[0] + p[0] * c), f = σ(z[1] + p[1] * c), g = Foundation.tanh(z[2])
            c = f * c + i * g
            let o = σ(z[3] + p[2] * c)
            h = o * Foundation.tanh(c)
            expected.append(Float(h))
        }
        let y = recurrentSequence(Variable(Tensor(shape: [1, 2, 4], scalars: a.flatMap { $0.map(Float.init) })),
                                  hiddenWeight: Variable(Tensor(shape: [1, 4], scalars: w.map(Float.init))),
                                  hiddenBias: Variable(Tensor(b.map(Float.init))),
                                  peepholes: Variable(Tensor(shape: [3, 1], scalars: p.map(Float.init))),
                                  cell: .lstm(peepholes: true))
        expectClose(y.value, Tensor(shape: [1, 2, 1], scalars: expected), absolute: 1e-6, relative: 1e-6)
    }

    /// With windows of 2 steps, the final state's gradient reaches only the last window's inputs, and
    /// there it equals the full gradient of the direct path.
    @Test mutating func truncatedBackpropagationStopsAtWindowBoundaries() {
        let x = random([2, 5, 3])
        func inputGradient(truncation: Int?) -> Tensor {
            var weights = RandomGenerator(seed: 9)
            let network = RecurrentNetwork(.gru, inputs: 3, hidden: 4, returnSequences: false, truncation: truncation,
                                           using: &weights)
            let input = Variable(x, requiresGradient: true)
            network(input).sum().backward()
            return input.grad!
        }
        let full = inputGradient(truncation: nil), truncated = inputGradient(truncation: 2)
        #expect(truncated.slice(axis: 1, 0..<4).scalars.allSatisfy { $0 == 0 })
        #expect(full.slice(axis: 1, 0..<4).scalars.contains { $0 != 0 })
        expectClose(truncated.slice(axis: 1, 4..<5), full.slice(axis: 1, 4..<5), absolute: 1e-6, relative: 1e-5)
        expectClose(inputGradient(truncation: 5), full, absolute: 0, relative: 0)
    }
}
