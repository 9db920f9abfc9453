import CAprendizSIMD

/// The tensor core's `+ − · /` over arrays, run by the C kernels of CAprendizSIMD (`aprendiz_binary`,
/// `aprendiz_affine`) at the CPU's widest vector width, whatever target the Swift code was compiled
/// for: in a package that depends on Aprendiz (no `-target-cpu`) Swift's SIMD8<Float> loops are SSE2.
///
/// Each element is one IEEE operation (x·scale + shift rounded twice, never fused), so results are
/// the bits of ``AddKernel``, ``SubtractKernel``, ``MultiplyKernel``, ``DivideKernel`` and
/// ``AffineKernel`` run by ``ElementwiseLoop``.
package enum ArrayArithmetic {
    /// out[i] = a[i·sa] op b[i·sb] for i in 0..<count, with sa, sb ∈ {0, 1} (0: one value repeated);
    /// `out` may be `a` or `b`.
    @inline(__always)
    package static func apply(_ op: aprendiz_binary_op, _ a: UnsafePointer<Float>, _ sa: Int, _ b: UnsafePointer<Float>,
                              _ sb: Int, _ out: UnsafeMutablePointer<Float>, _ count: Int) {
        aprendiz_binary(op, a, sa, b, sb, out, count)
    }

    /// out[i] = a[i] + b[i] for i in 0..<count (`out` may be `a` or `b`).
    @inline(__always)
    package static func add(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                            _ count: Int) {
        aprendiz_binary(aprendiz_binary_add, a, 1, b, 1, out, count)
    }
}

extension Tensor {
    /// a op b element-wise with NumPy broadcasting, by the dispatched C kernel.
    static func arithmetic(_ a: Tensor, _ b: Tensor, _ op: aprendiz_binary_op, operation: String) -> Tensor {
        broadcasting(a, b, operation: operation) { pa, sa, pb, sb, out, count in
            ArrayArithmetic.apply(op, pa, sa, pb, sb, out, count)
        }
    }

    /// `self = self op other` in place; `other` must broadcast to `self`'s shape.
    mutating func combineArithmetic(with other: Tensor, _ op: aprendiz_binary_op, operation: String) {
        combining(with: other, operation: operation) { pa, sa, pb, sb, out, count in
            ArrayArithmetic.apply(op, pa, sa, pb, sb, out, count)
        }
    }

    /// x·scale + shift element-wise (scalar–tensor arithmetic), by the dispatched C kernel.
    func affine(scale: Float, shift: Float) -> Tensor {
        mapped(array: { aprendiz_affine($0, $1, $2, scale, shift) })
    }

    /// `self = self·scale + shift` in place (copying first only if the storage is shared).
    mutating func applyAffine(scale: Float, shift: Float) {
        withUnsafeMutableBufferPointer { buffer in
            let p = buffer.baseAddress!
            KernelPartition.forEachChunk(buffer.count) { start, end in
                aprendiz_affine(p + start, p + start, end - start, scale, shift)
            }
        }
    }
}
