import Aprendiz
import AprendizTestSupport
import Testing
import Foundation

/// The README's tensor and autodiff example, line for line, with its printed results checked by hand.
@Suite struct ReadmeTensorExampleTests {
    @Test func tensorAndAutodiffExample() {
        let a = Tensor([[1, 2], [3, 4]])
        let b = a * 2 + Tensor([10, 20])              // broadcasting: [[12, 24], [16, 28]]
        let c = a.matmul(b.transposed())               // [[60, 72], [132, 160]]
        #expect(b == Tensor([[12, 24], [16, 28]]))
        #expect(c == Tensor([[60, 72], [132, 160]]))

        let w = Variable(Tensor([[0.5], [-1]]), requiresGradient: true)
        let loss = (Variable(a).matmul(w).tanh() - 1).squared().mean()
        loss.backward()
        // Hand derivation: z = a·w = [[-1.5], [-2.5]], t = tanh z, L = mean((t − 1)²),
        // ∂L/∂w = aᵀ·[(t − 1)(1 − t²)] (mean over 2 rows: factor 2/2 = 1).
        let t = [Float(-1.5).hyperbolicTangent, Float(-2.5).hyperbolicTangent]
        let r = zip(t, [Float](repeating: 1, count: 2)).map { ($0 - $1) * (1 - $0 * $0) }
        expectClose(w.grad!, Tensor([[1 * r[0] + 3 * r[1]], [2 * r[0] + 4 * r[1]]]))
    }
}

private extension Float {
    var hyperbolicTangent: Float { Float(tanh(Double(self))) }
}
