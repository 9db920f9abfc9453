import AprendizTensor
import Foundation

// Order statistics along an axis: quantile, percentile, median (§5.3).

extension Tensor {
    /// The q-th quantiles along `axis` (every element when nil) with linear interpolation between the two
    /// nearest order statistics — NumPy's default (`numpy.quantile(x, q, axis=axis)`, method "linear").
    ///
    /// ```
    /// h = q·(n − 1),   Q(q) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)      (x₍ᵢ₎ the sorted lane, 0-based)
    /// ```
    /// The result has shape `[qs.count] + reduced shape` (like NumPy with a list of q); a lane holding a NaN
    /// gives NaN. Interpolation runs in `Double`.
    /// - Parameters:
    ///   - qs: probabilities in [0, 1].
    ///   - axis: the axis to reduce, or `nil` (default) for all elements.
    ///   - keepDims: keep the reduced axis with size 1 (after the leading quantile axis).
    public func quantiles(_ qs: [Double], axis: Int? = nil, keepDims: Bool = false) -> Tensor {
        require(qs.allSatisfy { $0 >= 0 && $0 <= 1 }, "quantile: probabilities must lie in [0, 1], got \(qs)")
        let lanes = SortedLanes(self, axis: axis, "quantile")
        var out = [Float](repeating: 0, count: qs.count * lanes.count)
        for lane in 0..<lanes.count {
            for (j, q) in qs.enumerated() { out[j * lanes.count + lane] = lanes.interpolated(lane, at: q) }
        }
        return Tensor(shape: [qs.count] + lanes.resultShape(keepDims: keepDims), scalars: out)
    }

    /// The q-th quantile (0 ≤ q ≤ 1) along `axis`; see ``quantiles(_:axis:keepDims:)``. `numpy.quantile`.
    public func quantile(_ q: Double, axis: Int? = nil, keepDims: Bool = false) -> Tensor {
        let result = quantiles([q], axis: axis, keepDims: keepDims)
        return result.reshaped(Array(result.shape.dropFirst()))
    }

    /// The p-th percentile (0 ≤ p ≤ 100): `quantile(p / 100)`. `numpy.percentile`.
    public func percentile(_ p: Double, axis: Int? = nil, keepDims: Bool = false) -> Tensor {
        quantile(p / 100, axis: axis, keepDims: keepDims)
    }

    /// The median along `axis` (every element when nil) (§5.3): the middle of the sorted lane, or the mean
    /// of the two middle values when n is even — `quantile(0.5)`, `numpy.median`.
    ///
    /// ```
    /// median = x₍(n−1)/2₎                       (n odd)
    ///        = (x₍n/2 − 1₎ + x₍n/2₎) / 2        (n even)
    /// ```
    public func median(axis: Int? = nil, keepDims: Bool = false) -> Tensor {
        quantile(0.5, axis: axis, keepDims: keepDims)
    }
}

/// The lanes of a tensor along one axis (or all of it), each sorted in `Double`.
struct SortedLanes {
    let count: Int, length: Int
    private let values: [Double]
    private let hasNaN: [Bool]
    private let shape: [Int], axis: Int?

    init(_ tensor: Tensor, axis: Int?, _ operation: String) {
        shape = tensor.shape
        let moved: Tensor
        if let axis {
            let a = Shape.axis(axis, rank: tensor.rank, in: operation)
            self.axis = a
            var order = Array(0..<tensor.rank)
            order.remove(at: a)
            moved = tensor.permuted(order + [a])
            length = tensor.shape[a]
        } else {
            self.axis = nil
            moved = tensor
            length = tensor.count
        }
        require(length > 0, "\(operation): cannot reduce an empty axis of shape \(tensor.shape)")
        count = moved.count / length
        var values = moved.scalars.map(Double.init)
        var hasNaN = [Bool](repeating: false, count: count)
        for lane in 0..<count {
            let range = lane * length..<(lane + 1) * length
            hasNaN[lane] = values[range].contains { $0.isNaN }
            if !hasNaN[lane] { values[range].sort() }
        }
        self.values = values
        self.hasNaN = hasNaN
    }

    /// The sorted values of one lane.
    func lane(_ index: Int) -> ArraySlice<Double> { values[index * length..<(index + 1) * length] }

    func containsNaN(_ lane: Int) -> Bool { hasNaN[lane] }

    /// NumPy's linear interpolation, written as NumPy's `_lerp` so the rounding matches.
    func interpolated(_ lane: Int, at q: Double) -> Float {
        if hasNaN[lane] { return .nan }
        let position = q * Double(length - 1)
        let below = Int(position.rounded(.down)), above = Swift.min(below + 1, length - 1)
        let t = position - Double(below)
        let (a, b) = (values[lane * length + below], values[lane * length + above])
        let difference = b - a
        return Float(t >= 0.5 ? b - difference * (1 - t) : a + difference * t)
    }

    /// The reduction's shape: the axis dropped (or kept as 1); `[]` (or all ones) over every element.
    func resultShape(keepDims: Bool) -> [Int] {
        Tensor.reducedShape(shape, axes: axis.map { [$0] }, keepDims: keepDims)
    }
}
