import Aprendiz
import AprendizTestSupport
import Testing
import Foundation

@Suite struct GraphTests {
    /// A value used twice receives both contributions: d(x·x + 3x)/dx = 2x + 3 = 7 at x = 2.
    @Test func gradientsAccumulateOverUsesAndCalls() {
        let x = Variable(Tensor([2]), requiresGradient: true)
        (x * x + x * 3).sum().backward()
        #expect(x.grad == Tensor([7]))
        (x * x + x * 3).sum().backward()
        #expect(x.grad == Tensor([14]), "a second backward adds to .grad until it is cleared")
        x.zeroGrad()
        #expect(x.grad == nil)
    }

    /// Broadcasting is undone in the backward pass: b of shape [3] added to [2, 3] receives the column sums.
    @Test func broadcastGradientIsReduced() {
        let a = Variable(Tensor([[1, 2, 3], [4, 5, 6]]), requiresGradient: true)
        let b = Variable(Tensor([10, 20, 30]), requiresGradient: true)
        ((a + b) * a).sum().backward()
        #expect(b.grad == Tensor([5, 7, 9]))
        #expect(a.grad == Tensor([[12, 24, 36], [18, 30, 42]]))   // ∂/∂a (a + b)a = 2a + b
    }

    @Test func noGradientScopeAndDetachRecordNothing() {
        let x = Variable(Tensor([1, 2]), requiresGradient: true)
        let inside = withoutGradient { (x * 2).exp() }
        #expect(!inside.requiresGradient && inside.isLeaf)
        let y = (x.detached() * x).sum()
        y.backward()
        #expect(x.grad == Tensor([1, 2]), "only the non-detached factor contributes")
    }

    /// Second derivatives through a differentiable backward pass: f(x, y) = x³y + sin(y);
    /// ∂²f/∂x² = 6xy, ∂²f/∂x∂y = 3x², ∂²f/∂y² = −sin y (by hand).
    @Test func gradientsOfGradients() {
        let x = Variable(Tensor([1.5]), requiresGradient: true)
        let y = Variable(Tensor([-0.5]), requiresGradient: true)
        let f = (x.pow(3) * y + y.sin()).sum()
        let first = Variable.gradients(of: f, withRespectTo: [x, y], createGraph: true)
        let dxx = Variable.gradients(of: first[0].sum(), withRespectTo: [x, y])
        let dyy = Variable.gradients(of: first[1].sum(), withRespectTo: [x, y])
        expectClose(dxx[0].value.scalar, 6 * 1.5 * -0.5)
        expectClose(dxx[1].value.scalar, 3 * 1.5 * 1.5)
        expectClose(dyy[0].value.scalar, 3 * 1.5 * 1.5)
        expectClose(dyy[1].value.scalar, -Float(sin(-0.5)))
    }

    /// A deep chain (10 000 nodes) back-propagates without overflowing the stack.
    @Test func deepGraphsDoNotRecurse() {
        let x = Variable(Tensor([1]), requiresGradient: true)
        var y = x
        for _ in 0..<10_000 { y = y * 1.0001 }
        y.sum().backward()
        expectClose(x.grad!.scalar, Float(pow(1.0001, 10_000.0)), relative: 1e-3)
    }
}
