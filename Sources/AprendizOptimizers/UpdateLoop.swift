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
        require(gradient.shape == parameter.shape,
                     "\(name): gradient shape \(gradient.shape) differs from parameter shape \(parameter.shape)")
        require(buffers.count >= bufferCount && buffers.prefix(bufferCount).allSatisfy { $0.count == parameter.count },
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

// MARK: - One formula, eight lanes at a time

/// The arithmetic an update formula uses, for one `Float` (the tail of a buffer) or eight at once
/// (`SIMD8<Float>`, the body): a rule writes its per-element formula once, generically, and
/// `UpdateLoop.run(_:parameter:gradient:buffers:_:)` runs it vectorised.
protocol UpdateLane {
    static var zero: Self { get }
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Float, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Float) -> Self
    static func / (lhs: Float, rhs: Self) -> Self
    static func + (lhs: Self, rhs: Float) -> Self
    static func load(_ p: UnsafePointer<Float>, _ i: Int) -> Self
    func store(_ p: UnsafeMutablePointer<Float>, _ i: Int)
    /// √x, correctly rounded (one `vsqrtps` for eight lanes).
    var root: Self { get }
    /// |x|.
    var absolute: Self { get }
    /// 1, −1 or 0 by the sign of x.
    var signum: Self { get }
    /// The larger of each pair.
    static func maximum(_ a: Self, _ b: Self) -> Self
    /// x, or 0 if x is subnormal. Running averages of gradients that stop receiving signal (a dead
    /// ReLU unit's weights) decay geometrically into the subnormal range, where every multiplication
    /// takes a slow microcode assist (measured: 90 % of an Adam step on the MLP benchmark). Such
    /// state is flushed to zero, as TensorFlow and XLA do with their flush-to-zero CPU mode; below
    /// 2⁻¹²⁶ it has no effect on any update.
    var flushed: Self { get }
}

extension Float: UpdateLane {
    @inline(__always) static func load(_ p: UnsafePointer<Float>, _ i: Int) -> Float { p[i] }
    @inline(__always) func store(_ p: UnsafeMutablePointer<Float>, _ i: Int) { p[i] = self }
    @inline(__always) var root: Float { squareRoot() }
    @inline(__always) var absolute: Float { Swift.abs(self) }
    @inline(__always) var signum: Float { self > 0 ? 1 : (self < 0 ? -1 : 0) }
    @inline(__always) static func maximum(_ a: Float, _ b: Float) -> Float { Swift.max(a, b) }
    @inline(__always) var flushed: Float { Swift.abs(self) < Float.leastNormalMagnitude ? 0 : self }
}

extension SIMD8: UpdateLane where Scalar == Float {
    @inline(__always) static func load(_ p: UnsafePointer<Float>, _ i: Int) -> SIMD8<Float> {
        UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
    }
    @inline(__always) func store(_ p: UnsafeMutablePointer<Float>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: self, as: SIMD8<Float>.self)
    }
    @inline(__always) var root: SIMD8<Float> { VectorMath.squareRoot(self) }
    @inline(__always) var absolute: SIMD8<Float> { pointwiseMax(self, -self) }
    @inline(__always) var signum: SIMD8<Float> {
        SIMD8<Float>.zero.replacing(with: 1, where: self .> 0).replacing(with: -1, where: self .< 0)
    }
    @inline(__always) static func maximum(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        a.replacing(with: b, where: b .>= a)   // Swift.max's rule (`y >= x ? y : x`) lane by lane, as the tail
    }
    @inline(__always) var flushed: SIMD8<Float> {
        let tiny = Float.leastNormalMagnitude
        return replacing(with: 0, where: (self .< tiny) .& (self .> -tiny))
    }
}

/// A rule's per-element formula, generic over the lane type so one definition serves both loops.
protocol ElementwiseUpdate {
    /// How many state buffers the formula reads and writes (0, 1 or 2): `first`, then `second`.
    var bufferCount: Int { get }
    /// Returns θ′ from θ and g, updating the buffers in place.
    func apply<Lane: UpdateLane>(_ theta: Lane, _ gradient: Lane, _ first: inout Lane, _ second: inout Lane) -> Lane
}

extension UpdateLoop {
    /// Applies `kernel` to every element: eight at a time, then one at a time for the tail; large
    /// parameters are split across the thread pool (`KernelPartition`).
    static func run<Kernel: ElementwiseUpdate>(_ name: String, parameter: inout Tensor, gradient: Tensor,
                                                buffers: inout [Tensor], _ kernel: Kernel) {
        run(name, parameter: &parameter, gradient: gradient, buffers: &buffers, bufferCount: kernel.bufferCount) { u in
            KernelPartition.forEachChunk(u.count) { start, end in
                var i = start
                while i + 8 <= end {
                    step(SIMD8<Float>.self, kernel, u, i)
                    i += 8
                }
                while i < end {
                    step(Float.self, kernel, u, i)
                    i += 1
                }
            }
        }
    }

    @inline(__always)
    private static func step<Lane: UpdateLane, Kernel: ElementwiseUpdate>(_: Lane.Type, _ kernel: Kernel,
                                                                          _ u: UpdatePointers, _ i: Int) {
        let buffers = kernel.bufferCount
        var first = buffers > 0 ? Lane.load(u.first, i) : .zero
        var second = buffers > 1 ? Lane.load(u.second, i) : .zero
        let theta = kernel.apply(Lane.load(u.parameter, i), Lane.load(u.gradient, i), &first, &second)
        if buffers > 0 { first.store(u.first, i) }
        if buffers > 1 { second.store(u.second, i) }
        theta.store(u.parameter, i)
    }
}
