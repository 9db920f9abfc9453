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
