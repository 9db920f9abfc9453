import Foundation

// Reductions over one or more axes, with keep-dims: sum, mean, max, min, argmax, argmin, variance,
// logsumexp. A reduction over `axes: nil` reduces every axis to a scalar.

extension Tensor {
    /// Σ over the given axes (all when nil).
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        reduced(axes: axes, keepDims: keepDims, "sum") { $0.sumAlong(axis: $1) }
    }

    /// Σ over one axis.
    public func sum(axis: Int, keepDims: Bool = false) -> Tensor { sum(axes: [axis], keepDims: keepDims) }

    /// Arithmetic mean over the given axes (all when nil).
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let n = reducedCount(axes)
        return sum(axes: axes, keepDims: keepDims) / Float(n)
    }

    /// Arithmetic mean over one axis.
    public func mean(axis: Int, keepDims: Bool = false) -> Tensor { mean(axes: [axis], keepDims: keepDims) }

    /// Largest element over the given axes (NaN propagates, like NumPy).
    public func max(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        reduced(axes: axes, keepDims: keepDims, "max") { $0.extremumAlong(axis: $1, MaximumKernel()) }
    }

    /// Largest element over one axis.
    public func max(axis: Int, keepDims: Bool = false) -> Tensor { max(axes: [axis], keepDims: keepDims) }

    /// Smallest element over the given axes (NaN propagates).
    public func min(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        reduced(axes: axes, keepDims: keepDims, "min") { $0.extremumAlong(axis: $1, MinimumKernel()) }
    }

    /// Smallest element over one axis.
    public func min(axis: Int, keepDims: Bool = false) -> Tensor { min(axes: [axis], keepDims: keepDims) }

    /// Variance `Σ(x − x̄)² / (n − correction)` over the given axes. `correction: 0` is NumPy's default
    /// (population variance); `correction: 1` is PyTorch's default (unbiased).
    public func variance(axes: [Int]? = nil, correction: Int = 0, keepDims: Bool = false) -> Tensor {
        let n = reducedCount(axes)
        let deviations = self - mean(axes: axes, keepDims: true)
        return deviations.squared().sum(axes: axes, keepDims: keepDims) / Float(n - correction)
    }

    /// log Σ exp(x) over the given axes, computed as m + log Σ exp(x − m) with m the maximum so it
    /// neither overflows nor underflows.
    public func logSumExp(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        var m = max(axes: axes, keepDims: true)
        m.map(FiniteOrZeroKernel())
        let result = (self - m).exp().sum(axes: axes, keepDims: true).log() + m
        return keepDims ? result : result.reshaped(Tensor.reducedShape(shape, axes: axes, keepDims: false))
    }

    /// Index of the largest element along `axis` (first one on ties), as whole numbers in a Float
    /// tensor; over the flattened tensor when `axis` is nil.
    public func argmax(axis: Int? = nil, keepDims: Bool = false) -> Tensor { argExtremum(axis: axis, keepDims: keepDims, largest: true) }

    /// Index of the smallest element along `axis` (first one on ties).
    public func argmin(axis: Int? = nil, keepDims: Bool = false) -> Tensor { argExtremum(axis: axis, keepDims: keepDims, largest: false) }

    // MARK: - Implementation

    /// How many elements each result of a reduction over `axes` combines (all elements when nil).
    public func reducedCount(_ axes: [Int]?) -> Int {
        guard let axes else { return count }
        return Set(axes.map { Shape.axis($0, rank: rank, in: "reduce") }).reduce(1) { $0 * shape[$1] }
    }

    /// The shape of a reduction's result: reduced axes dropped, or kept with size 1 when `keepDims`.
    public static func reducedShape(_ shape: [Int], axes: [Int]?, keepDims: Bool) -> [Int] {
        let set = Set((axes ?? Array(0..<shape.count)).map { Shape.axis($0, rank: shape.count, in: "reduce") })
        return shape.enumerated().compactMap { axis, size in set.contains(axis) ? (keepDims ? 1 : nil) : size }
    }

    /// Applies a one-axis reduction (which keeps the axis with size 1) to each axis in turn.
    private func reduced(axes: [Int]?, keepDims: Bool, _ name: String, _ reduceOne: (Tensor, Int) -> Tensor) -> Tensor {
        if rank == 0 { return self }
        let list = Set((axes ?? Array(0..<rank)).map { Shape.axis($0, rank: rank, in: name) }).sorted(by: >)
        var result = self
        if axes == nil, !list.isEmpty { result = reshaped([count]); return finish(reduceOne(result, 0), axes, keepDims) }
        for axis in list { result = reduceOne(result, axis) }
        return finish(result, axes, keepDims)
    }

    private func finish(_ result: Tensor, _ axes: [Int]?, _ keepDims: Bool) -> Tensor {
        result.reshaped(Tensor.reducedShape(shape, axes: axes, keepDims: keepDims))
    }

    /// (outer, length, inner) of a row-major tensor viewed around `axis`.
    func layout(around axis: Int) -> (outer: Int, length: Int, inner: Int) {
        (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    private func sumAlong(axis: Int) -> Tensor {
        let (outer, length, inner) = layout(around: axis)
        var shape = self.shape
        shape[axis] = 1
        let result = Tensor(repeating: 0, shape: shape)
        let source = UnsafePointer(storage.pointer), out = result.storage.pointer
        if inner == 1 {
            KernelPartition.forEachChunk(outer, grain: length) { start, end in
                for o in start..<end { out[o] = Reduction.sum(source + o * length, length) }
            }
        } else {
            KernelPartition.forEachChunk(outer, grain: length * inner) { start, end in
                for o in start..<end {
                    for k in 0..<length {
                        ArrayArithmetic.add(out + o * inner, source + (o * length + k) * inner, out + o * inner, inner)
                    }
                }
            }
        }
        return result
    }

    private func extremumAlong<K: BinaryKernel>(axis: Int, _ kernel: K) -> Tensor {
        let (outer, length, inner) = layout(around: axis)
        require(length > 0, "max/min: cannot reduce an empty axis of shape \(self.shape)")
        var shape = self.shape
        shape[axis] = 1
        let result = Tensor(uninitializedShape: shape)
        let source = UnsafePointer(storage.pointer), out = result.storage.pointer
        for o in 0..<outer {
            (out + o * inner).update(from: source + o * length * inner, count: inner)
            for k in 1..<Swift.max(length, 1) {
                ElementwiseLoop.binary(kernel, out + o * inner, 1, source + (o * length + k) * inner, 1, out + o * inner, inner)
            }
        }
        return result
    }

    private func argExtremum(axis: Int?, keepDims: Bool, largest: Bool) -> Tensor {
        guard let axis else {
            return reshaped([count]).argExtremum(axis: 0, keepDims: false, largest: largest)
                .reshaped(keepDims ? shape.map { _ in 1 } : [])
        }
        let a = Shape.axis(axis, rank: rank, in: largest ? "argmax" : "argmin")
        let (outer, length, inner) = layout(around: a)
        require(length > 0, "argmax/argmin: empty axis \(axis) of shape \(shape)")
        var newShape = shape
        newShape[a] = 1
        let result = Tensor(uninitializedShape: newShape)
        let source = storage.pointer, out = result.storage.pointer
        for o in 0..<outer {
            for i in 0..<inner {
                var best = 0
                var bestValue = source[o * length * inner + i]
                for k in 1..<length where !bestValue.isNaN {
                    let v = source[(o * length + k) * inner + i]
                    if v.isNaN || (largest ? v > bestValue : v < bestValue) { best = k; bestValue = v }
                }
                out[o * inner + i] = Float(best)
            }
        }
        return keepDims ? result : result.squeezed(axis: a)
    }
}

/// Replaces ±∞ and NaN by 0 (the shift in logsumexp must be finite).
struct FiniteOrZeroKernel: UnaryKernel {
    func callAsFunction(_ x: Float) -> Float { x.isFinite ? x : 0 }
    func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> { x.replacing(with: 0, where: (x - x) .!= 0) }
}

/// Contiguous reduction loops.
@usableFromInline package enum Reduction {
    /// Σ of `count` contiguous floats: 4 SIMD accumulators per block of 4096, blocks added in Double,
    /// so the error stays near one rounding per block rather than growing with n.
    @inlinable
    package static func sum(_ x: UnsafePointer<Float>, _ count: Int) -> Float {
        var total: Double = 0
        var start = 0
        while start < count {
            let end = Swift.min(count, start + 4096)
            var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
            var i = start
            while i + 32 <= end {
                let p = UnsafeRawPointer(x + i)
                a0 += p.loadUnaligned(as: SIMD8<Float>.self)
                a1 += p.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
                a2 += p.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self)
                a3 += p.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self)
                i += 32
            }
            var block = ((a0 + a1) + (a2 + a3)).sum()
            while i < end { block += x[i]; i += 1 }
            total += Double(block)
            start = end
        }
        return Float(total)
    }
}
