import AprendizTensor

extension Tensor {
    /// The most frequent value along `axis` (every element when nil) and how often it occurs (§5.3); on a
    /// tie, the smallest such value — `scipy.stats.mode(x, axis=axis, keepdims=keepDims)`.
    ///
    /// ```
    /// mode = argmaxᵥ #{i : xᵢ = v}    (smallest v among equals)
    /// ```
    /// A lane holding a NaN gives value NaN and count 0.
    public func mode(axis: Int? = nil, keepDims: Bool = false) -> (values: Tensor, counts: Tensor) {
        let lanes = SortedLanes(self, axis: axis, "mode")
        var values = [Float](repeating: .nan, count: lanes.count), counts = [Float](repeating: 0, count: lanes.count)
        for index in 0..<lanes.count where !lanes.containsNaN(index) {
            let lane = lanes.lane(index)
            var best = lane.first!, bestCount = 0
            var start = lane.startIndex
            while start < lane.endIndex {          // runs of equal values in the sorted lane
                var end = start + 1
                while end < lane.endIndex, lane[end] == lane[start] { end += 1 }
                if end - start > bestCount { (best, bestCount) = (lane[start], end - start) }
                start = end
            }
            values[index] = Float(best)
            counts[index] = Float(bestCount)
        }
        let shape = lanes.resultShape(keepDims: keepDims)
        return (Tensor(shape: shape, scalars: values), Tensor(shape: shape, scalars: counts))
    }
}
