import Aprendiz
@testable import AprendizLinearAlgebra
import AprendizTestSupport
import Testing

/// `Tests/Fixtures/linalg.json`, written by Tools/fixtures/generate_linalg.py (NumPy/SciPy float64
/// references for float32 inputs, PyTorch autograd for the gradients).
nonisolated(unsafe) let linalgFixture = try! JSONFixture("linalg.json")

/// Runs `body` with `backend` as the current linear-algebra backend.
func using(_ backend: LinearAlgebraBackend, _ body: () throws -> Void) rethrows {
    try LinearAlgebraBackend.$current.withValue(backend, operation: body)
}

/// `actual` with each column's sign flipped where that makes it agree better with `expected`'s
/// column (eigen- and singular vectors are determined up to sign). Works on `[..., m, n]`.
func aligningColumnSigns(_ actual: Tensor, to expected: Tensor) -> Tensor {
    precondition(actual.shape == expected.shape, "aligningColumnSigns: \(actual.shape) vs \(expected.shape)")
    let m = actual.shape[actual.rank - 2], n = actual.shape[actual.rank - 1]
    var a = actual.scalars
    let e = expected.scalars
    for start in stride(from: 0, to: a.count, by: m * n) {
        for j in 0..<n {
            var dot: Float = 0
            for i in 0..<m { dot += a[start + i * n + j] * e[start + i * n + j] }
            if dot < 0 { for i in 0..<m { a[start + i * n + j] = -a[start + i * n + j] } }
        }
    }
    return Tensor(shape: actual.shape, scalars: a)
}

/// The largest absolute element.
func maxAbs(_ t: Tensor) -> Float { t.scalars.map { Swift.abs($0) }.max() ?? 0 }

/// Expects QᵀQ = I for the columns of `q` (batched).
func expectOrthonormalColumns(_ q: Tensor, tolerance: Float = 2e-5, sourceLocation: SourceLocation = #_sourceLocation) {
    let k = q.shape[q.rank - 1]
    let gram = q.matmul(q, transposeSelf: true)
    expectClose(gram, Tensor.eye(k).broadcast(to: gram.shape), absolute: tolerance, relative: 0,
                "QᵀQ = I", sourceLocation: sourceLocation)
}
