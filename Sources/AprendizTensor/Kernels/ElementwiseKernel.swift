/// An element-wise function of one argument, given both as a scalar and as an 8-lane SIMD form.
///
/// The loops in ``Tensor/mapped(_:)`` are generic over the kernel, so each conforming type compiles
/// to its own vectorised loop: no closure call per element. Other modules (activations, optimizers)
/// add kernels by conforming small structs; parameters are stored properties.
@usableFromInline package protocol UnaryKernel {
    func callAsFunction(_ x: Float) -> Float
    func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float>
}

/// An element-wise function of two arguments, scalar and SIMD forms.
@usableFromInline package protocol BinaryKernel {
    func callAsFunction(_ a: Float, _ b: Float) -> Float
    func callAsFunction(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float>
}

extension UnaryKernel {
    /// Applies a scalar-only function lane by lane (for functions without a SIMD implementation).
    @inlinable
    package func lanes(_ x: SIMD8<Float>, _ f: (Float) -> Float) -> SIMD8<Float> {
        var r = SIMD8<Float>()
        for i in 0..<8 { r[i] = f(x[i]) }
        return r
    }
}

/// How kernels split work across threads.
@usableFromInline package enum KernelPartition {
    /// Elements below which a kernel runs on the calling thread only (thread hand-off costs more).
    @usableFromInline package static let minimumParallelElements = 1 << 16

    /// Runs `body(start, end)` over `0..<count` in contiguous chunks, in parallel when large.
    @inlinable
    package static func forEachChunk(_ count: Int, grain: Int = 1, _ body: (Int, Int) -> Void) {
        let threads = Parallel.threadCount
        if threads == 1 || count * grain < 2 * minimumParallelElements {
            if count > 0 { body(0, count) }
            return
        }
        let chunks = min(threads * 4, max(1, count * grain / minimumParallelElements))
        let size = (count + chunks - 1) / chunks
        Parallel.forEach(chunks) { chunk in
            let start = chunk * size
            let end = min(count, start + size)
            if start < end { body(start, end) }
        }
    }
}

/// The vectorised inner loops behind every element-wise tensor operation.
@usableFromInline package enum ElementwiseLoop {
    /// out[i] = f(x[i]) for i in 0..<count.
    @inlinable
    package static func unary<K: UnaryKernel>(_ f: K, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ count: Int) {
        var i = 0
        while i + 8 <= count {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(out + i).storeBytes(of: f(v), as: SIMD8<Float>.self)
            i += 8
        }
        while i < count { out[i] = f(x[i]); i += 1 }
    }

    /// out[i] = f(a[i·sa], b[i·sb]) with sa, sb ∈ {0, 1} (1 = contiguous, 0 = one repeated value).
    @inlinable
    package static func binary<K: BinaryKernel>(_ f: K, _ a: UnsafePointer<Float>, _ sa: Int,
                                               _ b: UnsafePointer<Float>, _ sb: Int,
                                               _ out: UnsafeMutablePointer<Float>, _ count: Int) {
        var i = 0
        switch (sa, sb) {
        case (1, 1):
            while i + 8 <= count {
                let va = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
                let vb = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(out + i).storeBytes(of: f(va, vb), as: SIMD8<Float>.self)
                i += 8
            }
            while i < count { out[i] = f(a[i], b[i]); i += 1 }
        case (1, 0):
            let vb = SIMD8<Float>(repeating: b[0])
            while i + 8 <= count {
                let va = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(out + i).storeBytes(of: f(va, vb), as: SIMD8<Float>.self)
                i += 8
            }
            while i < count { out[i] = f(a[i], b[0]); i += 1 }
        case (0, 1):
            let va = SIMD8<Float>(repeating: a[0])
            while i + 8 <= count {
                let vb = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(out + i).storeBytes(of: f(va, vb), as: SIMD8<Float>.self)
                i += 8
            }
            while i < count { out[i] = f(a[0], b[i]); i += 1 }
        default:
            let value = f(a[0], b[0])
            out.update(repeating: value, count: count)
        }
    }
}

extension Tensor {
    /// Applies an element-wise kernel, vectorised and split across cores for large tensors.
    @inlinable
    package func mapped<K: UnaryKernel>(_ kernel: K) -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        let source = UnsafePointer(storage.pointer)
        let destination = result.storage.pointer
        KernelPartition.forEachChunk(count) { start, end in
            ElementwiseLoop.unary(kernel, source + start, destination + start, end - start)
        }
        return result
    }

    /// Applies an element-wise kernel in place (copying first only if the storage is shared).
    @inlinable
    package mutating func map<K: UnaryKernel>(_ kernel: K) {
        withUnsafeMutableBufferPointer { buffer in
            let p = buffer.baseAddress!
            KernelPartition.forEachChunk(buffer.count) { start, end in
                ElementwiseLoop.unary(kernel, p + start, p + start, end - start)
            }
        }
    }

    /// Combines two tensors element-wise with NumPy broadcasting.
    /// - Parameters:
    ///   - a: the first operand.
    ///   - b: the second operand.
    ///   - kernel: the element-wise function of the two.
    ///   - operation: the name used in a shape-mismatch message.
    @inlinable
    package static func zip<K: BinaryKernel>(_ a: Tensor, _ b: Tensor, _ kernel: K, operation: String) -> Tensor {
        broadcasting(a, b, operation: operation) { pa, sa, pb, sb, out, count in
            ElementwiseLoop.binary(kernel, pa, sa, pb, sb, out, count)
        }
    }

    /// `self = f(self, other)` in place; `other` must broadcast to `self`'s shape.
    @inlinable
    package mutating func combine<K: BinaryKernel>(with other: Tensor, _ kernel: K, operation: String) {
        combining(with: other, operation: operation) { pa, sa, pb, sb, out, count in
            ElementwiseLoop.binary(kernel, pa, sa, pb, sb, out, count)
        }
    }

    /// The broadcast result of `a` and `b`, filled by `loop(a, strideA, b, strideB, out, count)` over
    /// runs where each operand is contiguous (stride 1) or one repeated value (stride 0): the whole
    /// array in parallel chunks when the shapes are equal or one is a scalar, else row by row.
    @inlinable
    static func broadcasting(_ a: Tensor, _ b: Tensor, operation: String, _ loop: BinaryArrayLoop) -> Tensor {
        let shape = Shape.broadcast(a.shape, b.shape, in: operation)
        let result = Tensor(uninitializedShape: shape)
        let pa = UnsafePointer(a.storage.pointer), pb = UnsafePointer(b.storage.pointer)
        let out = result.storage.pointer
        if a.shape == b.shape || a.count == 1 || b.count == 1 {
            let sa = a.count == 1 ? 0 : 1, sb = b.count == 1 ? 0 : 1
            KernelPartition.forEachChunk(result.count) { start, end in
                loop(pa + start * sa, sa, pb + start * sb, sb, out + start, end - start)
            }
        } else {
            BroadcastIterator(shape: shape, a: a.shape, b: b.shape).forEachRow { row, offsetA, offsetB, sa, sb, length in
                loop(pa + offsetA, sa, pb + offsetB, sb, out + row * length, length)
            }
        }
        return result
    }

    /// `self = loop(self, other)` in place (see ``broadcasting(_:_:operation:_:)``); `other` must
    /// broadcast to `self`'s shape.
    @inlinable
    mutating func combining(with other: Tensor, operation: String, _ loop: BinaryArrayLoop) {
        require(Shape.broadcast(shape, other.shape, in: operation) == shape,
                     "\(operation): shape \(other.shape) does not broadcast to \(shape) in place")
        if other.shape == shape || other.count == 1 {
            let sb = other.count == 1 ? 0 : 1
            let pb = UnsafePointer(other.storage.pointer)
            withUnsafeMutableBufferPointer { buffer in
                let p = buffer.baseAddress!
                KernelPartition.forEachChunk(buffer.count) { start, end in
                    loop(p + start, 1, pb + start * sb, sb, p + start, end - start)
                }
            }
        } else {
            self = Tensor.broadcasting(self, other, operation: operation, loop)
        }
    }
}

/// `loop(a, strideA, b, strideB, out, count)`: out[i] = f(a[i·strideA], b[i·strideB]) for i in
/// 0..<count, strides 0 or 1.
@usableFromInline
typealias BinaryArrayLoop = (UnsafePointer<Float>, Int, UnsafePointer<Float>, Int, UnsafeMutablePointer<Float>, Int) -> Void

extension Tensor {
    /// Applies a whole-array function `function(source, destination, count)`, split across cores for
    /// large tensors: for the C kernels of CAprendizSIMD (`aprendiz_exp`, `aprendiz_log`), which run
    /// at the CPU's widest vector width whatever target the Swift code was compiled for.
    @usableFromInline package func mapped(array function: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void) -> Tensor {
        let result = Tensor(uninitializedShape: shape)
        let source = UnsafePointer(storage.pointer)
        let destination = result.storage.pointer
        KernelPartition.forEachChunk(count) { start, end in
            function(source + start, destination + start, end - start)
        }
        return result
    }
}

/// Walks a broadcast result row by row (a row is the innermost dimension), giving each operand's
/// offset and whether it is contiguous (stride 1) or repeated (stride 0) along the row.
@usableFromInline package struct BroadcastIterator {
    @usableFromInline let shape: [Int]
    @usableFromInline let stridesA: [Int]
    @usableFromInline let stridesB: [Int]

    /// An iterator over the result `shape` of broadcasting operands of shapes `a` and `b`.
    @inlinable
    package init(shape: [Int], a: [Int], b: [Int]) {
        self.shape = shape
        stridesA = Shape.broadcastStrides(of: a, to: shape)
        stridesB = Shape.broadcastStrides(of: b, to: shape)
    }

    /// Calls `body(row, offsetA, offsetB, strideA, strideB, rowLength)` for every row, in parallel
    /// chunks for large results.
    @inlinable
    package func forEachRow(_ body: (Int, Int, Int, Int, Int, Int) -> Void) {
        let rank = shape.count
        let length = shape[rank - 1]
        let rows = length == 0 ? 0 : Shape.count(of: shape, in: "broadcast") / length
        let sa = stridesA[rank - 1], sb = stridesB[rank - 1]
        KernelPartition.forEachChunk(rows, grain: max(length, 1)) { start, end in
            for row in start..<end {
                var rest = row, offsetA = 0, offsetB = 0
                for axis in stride(from: rank - 2, through: 0, by: -1) {
                    let coordinate = rest % shape[axis]
                    rest /= shape[axis]
                    offsetA += coordinate * stridesA[axis]
                    offsetB += coordinate * stridesB[axis]
                }
                body(row, offsetA, offsetB, sa, sb, length)
            }
        }
    }
}
