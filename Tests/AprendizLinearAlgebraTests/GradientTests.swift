import Aprendiz
@testable import AprendizLinearAlgebra
import AprendizTestSupport
import Testing

/// The VJPs of solve, inverse, det, log|det|, cholesky, eigh and svd against PyTorch autograd
/// (`torch.linalg.*` in float64, Tests/Fixtures/linalg.json) and against finite differences,
/// under LAPACK and the Swift fallback.
@Suite struct GradientTests {
    /// Runs `function` on the fixture's inputs, compares its value with PyTorch's, back-propagates
    /// the fixture's upstream gradient and compares every input's gradient; then the same against
    /// central finite differences.
    func check(_ name: String, absolute: Float = 1e-4, relative: Float = 1e-3,
               sourceLocation: SourceLocation = #_sourceLocation, _ function: @escaping ([Variable]) -> Variable) {
        let entry = linalgFixture["gradients"][name]
        let inputs = entry["inputs"].array.map(\.tensor), upstream = entry["upstream"].tensor
        let variables = inputs.map { Variable($0, requiresGradient: true) }
        let output = function(variables)
        expectClose(output.value, entry["output"].tensor, absolute: absolute, relative: relative, "\(name) value",
                    sourceLocation: sourceLocation)
        output.backward(upstream)
        for (variable, expected) in zip(variables, entry["grads"].array.map(\.tensor)) {
            expectClose(variable.grad ?? Tensor.zeros(expected.shape), expected, absolute: absolute, relative: relative,
                        "\(name) gradient (PyTorch)", sourceLocation: sourceLocation)
        }
        expectGradientsMatchFiniteDifferences(inputs, upstream: upstream, step: 1e-3, absolute: 5e-3, relative: 2e-2,
                                              sourceLocation: sourceLocation, function)
    }

    /// ½(A + Aᵀ): the symmetric input PyTorch's cases use, so both sides see the same function.
    func symmetrized(_ a: Variable) -> Variable { (a + a.transposed()) * 0.5 }

    @Test(arguments: LinearAlgebraBackend.available)
    func solveInverseAndDeterminants(backend: LinearAlgebraBackend) {
        using(backend) {
            check("solve") { LinearAlgebra.solve($0[0], $0[1]) }
            check("solveBatched") { LinearAlgebra.solve($0[0], $0[1]) }
            check("inverse") { LinearAlgebra.inverse($0[0]) }
            check("det") { LinearAlgebra.det($0[0]) }
            check("logAbsDeterminant") { LinearAlgebra.logAbsDeterminant($0[0]) }
        }
    }

    @Test(arguments: LinearAlgebraBackend.available)
    func cholesky(backend: LinearAlgebraBackend) {
        using(backend) {
            check("cholesky") { LinearAlgebra.cholesky(self.symmetrized($0[0])) }
        }
    }

    @Test(arguments: LinearAlgebraBackend.available)
    func eighThroughASignInvariantLoss(backend: LinearAlgebraBackend) {
        let coefficients = linalgFixture["gradients"]["eigh"]["coefficients"]
        let w = coefficients["w"].tensor, c = coefficients["c"].tensor
        using(backend) {
            check("eigh") { x in
                let (values, vectors) = LinearAlgebra.eigh(self.symmetrized(x[0]))
                return Variable.stack([(values * w).sum(), (vectors * c).matmul(vectors.transposed()).sum()])
            }
        }
    }

    @Test(arguments: LinearAlgebraBackend.available)
    func svdThroughASignInvariantLoss(backend: LinearAlgebraBackend) {
        let coefficients = linalgFixture["gradients"]["svd"]["coefficients"]
        let w = coefficients["w"].tensor, c = coefficients["c"].tensor
        using(backend) {
            check("svd") { x in
                let (u, s, vt) = LinearAlgebra.svd(x[0])
                return Variable.stack([(s * w).sum(), (u * c).matmul(vt).sum()])
            }
        }
    }

    @Test func solveIsTwiceDifferentiable() {
        // d/da of d/da [x = b/a] for the 1×1 system: x = b/a, ∂x/∂a = −b/a², ∂²x/∂a² = 2b/a³ (by hand).
        let a = Variable(Tensor([[2]]), requiresGradient: true), b = Variable(Tensor([3]))
        let x = LinearAlgebra.solve(a, b).sum()
        let first = Variable.gradients(of: x, withRespectTo: [a], createGraph: true)[0]
        expectClose(first.value, Tensor([[-0.75]]))
        first.sum().backward()
        expectClose(a.grad!, Tensor([[0.75]]))
    }
}
