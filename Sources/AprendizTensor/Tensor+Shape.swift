// Shape operations: broadcasting, permutation, squeezing, joining and splitting.

extension Tensor {
    /// The tensor repeated along stretched axes to `shape` (NumPy `broadcast_to`), materialised.
    public func broadcast(to target: [Int]) -> Tensor {
        if shape == target { return self }
        require(Shape.broadcast(shape, target, in: "broadcast") == target,
                     "broadcast: shape \(shape) cannot be broadcast to \(target)")
        let result = Tensor(uninitializedShape: target)
        let source = UnsafePointer(storage.pointer), out = result.storage.pointer
        if count == 1 {
            out.update(repeating: source[0], count: result.count)
            return result
        }
        if target.isEmpty || result.count == 0 { return result }
        BroadcastIterator(shape: target, a: shape, b: shape).forEachRow { row, offset, _, stride, _, length in
            let destination = out + row * length
            if stride == 1 { destination.update(from: source + offset, count: length) }
            else { destination.update(repeating: source[offset], count: length) }
        }
        return result
    }

    /// Same as ``broadcast(to:)``; `-1` keeps a dimension (PyTorch's `expand`).
    public func expanded(to target: [Int]) -> Tensor {
        let offset = target.count - rank
        let resolved = target.enumerated().map { i, d in d == -1 ? shape[i - offset] : d }
        return broadcast(to: resolved)
    }

    /// The axes reordered: result axis i is this tensor's axis `permutation[i]`.
    public func permuted(_ permutation: [Int]) -> Tensor {
        require(permutation.sorted() == Array(0..<rank),
                     "permute: \(permutation) is not a permutation of the axes of shape \(shape)")
        if permutation == Array(0..<rank) { return self }
        let newShape = permutation.map { shape[$0] }
        let oldStrides = Shape.strides(of: shape)
        let strides = permutation.map { oldStrides[$0] }
        let result = Tensor(uninitializedShape: newShape)
        let source = UnsafePointer(storage.pointer), out = result.storage.pointer
        let rank = self.rank
        let length = newShape[rank - 1], innerStride = strides[rank - 1]
        let rows = length == 0 ? 0 : result.count / length
        KernelPartition.forEachChunk(rows, grain: Swift.max(length, 1)) { start, end in
            for row in start..<end {
                var rest = row, offset = 0
                for axis in stride(from: rank - 2, through: 0, by: -1) {
                    offset += (rest % newShape[axis]) * strides[axis]
                    rest /= newShape[axis]
                }
                let destination = out + row * length
                for j in 0..<length { destination[j] = source[offset + j * innerStride] }
            }
        }
        return result
    }

    /// Swaps two axes (by default the last two: the matrix transpose).
    public func transposed(_ axis0: Int = -2, _ axis1: Int = -1) -> Tensor {
        require(rank >= 2 || (rank == 1 && axis0 == -2), "transpose: shape \(shape) has fewer than two axes")
        if rank < 2 { return self }
        var permutation = Array(0..<rank)
        permutation.swapAt(Shape.axis(axis0, rank: rank, in: "transpose"), Shape.axis(axis1, rank: rank, in: "transpose"))
        return permuted(permutation)
    }

    /// Removes axes of size 1 (all of them, or the one given).
    public func squeezed(axis: Int? = nil) -> Tensor {
        guard let axis else { return reshaped(shape.filter { $0 != 1 }) }
        let a = Shape.axis(axis, rank: rank, in: "squeeze")
        require(shape[a] == 1, "squeeze: axis \(axis) of shape \(shape) has size \(shape[a]), not 1")
        var newShape = shape
        newShape.remove(at: a)
        return reshaped(newShape)
    }

    /// Inserts an axis of size 1 at `axis` (negative counts from the end of the result).
    public func unsqueezed(axis: Int) -> Tensor {
        let a = axis < 0 ? axis + rank + 1 : axis
        require(a >= 0 && a <= rank, "unsqueeze: axis \(axis) out of range for shape \(shape)")
        var newShape = shape
        newShape.insert(1, at: a)
        return reshaped(newShape)
    }

    /// Joins tensors along an existing axis; all other dimensions must agree.
    public static func concatenate(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        require(!tensors.isEmpty, "concatenate: no tensors")
        let first = tensors[0]
        let a = Shape.axis(axis, rank: first.rank, in: "concatenate")
        for t in tensors {
            require(t.rank == first.rank && (0..<t.rank).allSatisfy { $0 == a || t.shape[$0] == first.shape[$0] },
                         "concatenate: shapes \(first.shape) and \(t.shape) differ outside axis \(axis)")
        }
        var shape = first.shape
        shape[a] = tensors.reduce(0) { $0 + $1.shape[a] }
        let result = Tensor(uninitializedShape: shape)
        let outer = shape[..<a].reduce(1, *), inner = shape[(a + 1)...].reduce(1, *)
        let out = result.storage.pointer
        var column = 0
        for t in tensors {
            let width = t.shape[a] * inner
            let source = t.storage.pointer
            for o in 0..<outer {
                (out + o * shape[a] * inner + column).update(from: source + o * width, count: width)
            }
            column += width
        }
        return result
    }

    /// Joins tensors of one shape along a new axis.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        require(!tensors.isEmpty, "stack: no tensors")
        for t in tensors where t.shape != tensors[0].shape {
            fatalError("stack: shapes \(tensors[0].shape) and \(t.shape) differ")
        }
        return concatenate(tensors.map { $0.unsqueezed(axis: axis) }, axis: axis)
    }

    /// Splits along `axis` into pieces of the given sizes (which must add up to the axis length).
    public func split(sizes: [Int], axis: Int = 0) -> [Tensor] {
        let a = Shape.axis(axis, rank: rank, in: "split")
        require(sizes.reduce(0, +) == shape[a], "split: sizes \(sizes) do not add up to \(shape[a]) (axis \(axis) of \(shape))")
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return slice(axis: a, start..<(start + size))
        }
    }

    /// Splits along `axis` into `parts` equal pieces.
    public func split(parts: Int, axis: Int = 0) -> [Tensor] {
        let a = Shape.axis(axis, rank: rank, in: "split")
        require(parts > 0 && shape[a] % parts == 0, "split: axis \(axis) of \(shape) does not divide into \(parts) parts")
        return split(sizes: Array(repeating: shape[a] / parts, count: parts), axis: a)
    }
}
