import AprendizTensor

/// Raw pointers to one parameter, its gradient and up to two state buffers of the same size.
///
/// The update rules write their per-element formula as one loop over these pointers: a single
/// pass over memory, no closure per element, no allocation (the buffers are updated in place).
struct UpdatePointers {
    let count: Int
    let parameter: UnsafeMutablePointer<Float>
    let gradient: UnsafePointer<Float>
    let first: UnsafeMutablePointer<Float>
    let second: UnsafeMutablePointer<Float>
}

/// The kernel entry point of every update rule (STYLE rule 10: unsafe code stays here).
enum UpdateLoop {
    /// Calls `body` once with pointers to `parameter`, `gradient` and the first `bufferCount`
    /// (0, 1 or 2) tensors of `buffers`; unused buffer pointers alias the parameter.
    static func run(_ name: String, parameter: inout Tensor, gradient: Tensor, buffers: inout [Tensor],
                    bufferCount: Int, _ body: (UpdatePointers) -> Void) {
        precondition(gradient.shape == parameter.shape,
                     "\(name): gradient shape \(gradient.shape) differs from parameter shape \(parameter.shape)")
        precondition(buffers.count >= bufferCount && buffers.prefix(bufferCount).allSatisfy { $0.count == parameter.count },
                     "\(name): state buffers do not match parameter shape \(parameter.shape)")
        let count = parameter.count
        gradient.withUnsafeBufferPointer { g in
            parameter.withUnsafeMutableBufferPointer { p in
                buffers.withUnsafeMutableBufferPointer { slots in
                    let base = p.baseAddress!
                    func pointer(_ i: Int, _ next: (UnsafeMutablePointer<Float>) -> Void) {
                        if i < bufferCount { slots[i].withUnsafeMutableBufferPointer { next($0.baseAddress!) } } else { next(base) }
                    }
                    pointer(0) { first in
                        pointer(1) { second in
                            body(UpdatePointers(count: count, parameter: base, gradient: g.baseAddress!, first: first, second: second))
                        }
                    }
                }
            }
        }
    }
}

/// Vector helpers for update rules written with SIMD8 (the hot ones: SGD and the Adam family).
enum UpdateVector {
    @inline(__always) static func load(_ p: UnsafePointer<Float>, _ i: Int) -> SIMD8<Float> {
        UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always) static func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: SIMD8<Float>.self)
    }

    /// Running averages of gradients that stop receiving signal (a dead ReLU unit's weights) decay
    /// geometrically into the subnormal range, where every multiplication takes a slow microcode
    /// assist (measured: 90 % of an Adam step on the MLP benchmark). Such state is flushed to zero,
    /// as TensorFlow and XLA do with their flush-to-zero CPU mode; below 2⁻¹²⁶ it has no effect on
    /// any update.
    @inline(__always) static func flushed(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let tiny = Float.leastNormalMagnitude
        return x.replacing(with: 0, where: (x .< tiny) .& (x .> -tiny))
    }

    @inline(__always) static func flushed(_ x: Float) -> Float {
        Swift.abs(x) < Float.leastNormalMagnitude ? 0 : x
    }
}
