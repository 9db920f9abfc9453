// Slicing by ranges, selection by index arrays, gather and scatter-add along an axis.

extension Tensor {
    /// The elements with indices in `range` along `axis` (a copy).
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        let a = Shape.axis(axis, rank: rank, in: "slice")
        require(range.lowerBound >= 0 && range.upperBound <= shape[a],
                     "slice: range \(range) out of bounds for axis \(axis) of shape \(shape)")
        var newShape = shape
        newShape[a] = range.count
        let result = Tensor(uninitializedShape: newShape)
        let outer = shape[..<a].reduce(1, *), inner = shape[(a + 1)...].reduce(1, *)
        let source = storage.pointer, out = result.storage.pointer
        let width = range.count * inner
        for o in 0..<outer {
            (out + o * width).update(from: source + (o * shape[a] + range.lowerBound) * inner, count: width)
        }
        return result
    }

    /// Slices the leading axes by ranges: `t[0..<2, 1..<3]`.
    public subscript(ranges: Range<Int>...) -> Tensor {
        require(ranges.count <= rank, "subscript: \(ranges.count) ranges for shape \(shape)")
        var result = self
        for (axis, range) in ranges.enumerated() where range != 0..<shape[axis] {
            result = result.slice(axis: axis, range)
        }
        return result
    }

    /// The sub-tensors at `indices` along `axis`, in that order (repeats allowed; PyTorch's
    /// `index_select`, NumPy's `take`).
    public func selecting(_ indices: [Int], axis: Int = 0) -> Tensor {
        let a = Shape.axis(axis, rank: rank, in: "selecting")
        var newShape = shape
        newShape[a] = indices.count
        let result = Tensor(uninitializedShape: newShape)
        let outer = shape[..<a].reduce(1, *), inner = shape[(a + 1)...].reduce(1, *)
        let source = storage.pointer, out = result.storage.pointer
        for (j, index) in indices.enumerated() {
            require(index >= 0 && index < shape[a], "selecting: index \(index) out of range for axis \(axis) of shape \(shape)")
            for o in 0..<outer {
                (out + (o * indices.count + j) * inner).update(from: source + (o * shape[a] + index) * inner, count: inner)
            }
        }
        return result
    }

    /// Picks along `axis` by an index tensor of the same rank (PyTorch's `gather`):
    /// `out[i][j][k] = self[i][index[i][j][k]][k]` for axis 1. Indices are whole numbers stored as Float.
    public func gathering(axis: Int, indices: Tensor) -> Tensor {
        let a = Shape.axis(axis, rank: rank, in: "gather")
        require(indices.rank == rank && (0..<rank).allSatisfy { $0 == a || indices.shape[$0] <= shape[$0] },
                     "gather: index shape \(indices.shape) does not fit input shape \(shape) along axis \(axis)")
        let result = Tensor(uninitializedShape: indices.shape)
        let source = storage.pointer, out = result.storage.pointer
        GatherScatter.forEach(indices: indices, axis: a, sourceShape: shape) { position, sourceOffset in
            out[position] = source[sourceOffset]
        }
        return result
    }

    /// Adds `source` into a copy of this tensor at the positions `indices` name along `axis`
    /// (PyTorch's `scatter_add`): `out[i][index[i][j]] += source[i][j]` for axis 1.
    public func scatterAdding(axis: Int, indices: Tensor, source: Tensor) -> Tensor {
        let a = Shape.axis(axis, rank: rank, in: "scatterAdd")
        require(indices.shape == source.shape,
                     "scatterAdd: index shape \(indices.shape) and source shape \(source.shape) differ")
        require(indices.rank == rank && (0..<rank).allSatisfy { $0 == a || indices.shape[$0] <= shape[$0] },
                     "scatterAdd: index shape \(indices.shape) does not fit shape \(shape) along axis \(axis)")
        var result = self
        result.withUnsafeMutableBufferPointer { out in
            let values = source.storage.pointer
            GatherScatter.forEach(indices: indices, axis: a, sourceShape: shape) { position, targetOffset in
                out[targetOffset] += values[position]
            }
        }
        return result
    }
}

/// The index walk shared by gather and scatter-add.
enum GatherScatter {
    /// Calls `body(position in indices, offset in the indexed tensor)` for every index element.
    static func forEach(indices: Tensor, axis: Int, sourceShape: [Int], _ body: (Int, Int) -> Void) {
        let rank = sourceShape.count
        let strides = Shape.strides(of: sourceShape)
        let indexShape = indices.shape
        let values = indices.storage.pointer
        var coordinate = [Int](repeating: 0, count: rank)
        for position in 0..<indices.count {
            let raw = values[position]
            let index = Int(raw)
            require(Float(index) == raw && index >= 0 && index < sourceShape[axis],
                         "gather/scatter: index \(raw) out of range for axis \(axis) of shape \(sourceShape)")
            var offset = 0
            for d in 0..<rank { offset += (d == axis ? index : coordinate[d]) * strides[d] }
            body(position, offset)
            var d = rank - 1
            while d >= 0 {
                coordinate[d] += 1
                if coordinate[d] < indexShape[d] { break }
                coordinate[d] = 0
                d -= 1
            }
        }
    }
}
