import AprendizTensor
import Foundation

// Element-wise kernels of the logistic losses, written from e^(−|x|) so that no exponential
// overflows for large |x| (logits of ±100 give exact results).

/// σ(x) = 1/(1 + e^(−x)) = 1/(1 + e^(−|x|)) for x ≥ 0 and e^(−|x|)/(1 + e^(−|x|)) for x < 0.
struct LogisticSigmoidKernel: UnaryKernel {
    @inlinable func callAsFunction(_ x: Float) -> Float {
        let e = Foundation.exp(-Swift.abs(x))
        return x >= 0 ? 1 / (1 + e) : e / (1 + e)
    }

    @inlinable func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let negative = x .< 0
        let e = VectorMath.exp(x.replacing(with: -x, where: .!negative))
        let r = 1 / (1 + e)
        return r.replacing(with: e * r, where: negative)
    }
}

/// softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^(−|x|)).
///
/// The SIMD form gets log1p(e) as log(u)·e/(u − 1) with u = 1 + e (Goldberg's correction), which
/// keeps full relative accuracy when e is tiny, and e itself when u rounds to 1.
struct SoftplusKernel: UnaryKernel {
    @inlinable func callAsFunction(_ x: Float) -> Float {
        Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
    }

    @inlinable func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let e = VectorMath.exp(x.replacing(with: -x, where: x .> 0))
        let u = 1 + e
        var log1pE = VectorMath.log(u) * e / (u - 1)
        log1pE.replace(with: e, where: u .== 1)
        return x.replacing(with: 0, where: x .< 0) + log1pE
    }
}
