import AprendizTensor

// Slicing, selection, gather and scatter-add. Each pair is the other's VJP: a slice scatters its
// gradient back into zeros; a gather scatter-adds; a scatter-add gathers.

extension Variable {
    /// Indices `range` along `axis`; the VJP places the gradient into zeros of the input's shape.
    public func slice(axis: Int, _ range: Range<Int>) -> Variable {
        let a = Shape.axis(axis, rank: shape.count, in: "slice")
        let inputShape = shape
        return Variable.recording(value.slice(axis: a, range), inputs: [self], operation: "slice") { g, _ in
            [g.padded(into: inputShape, axis: a, at: range.lowerBound)]
        }
    }

    /// This variable written into zeros of `shape`, starting at `offset` along `axis` (the adjoint of slice).
    public func padded(into target: [Int], axis: Int, at offset: Int) -> Variable {
        let pieces = [offset, shape[axis], target[axis] - offset - shape[axis]]
        let parts: [Tensor] = pieces.enumerated().compactMap { i, size in
            if i == 1 { return value }
            guard size > 0 else { return nil }
            var s = target
            s[axis] = size
            return Tensor.zeros(s)
        }
        let length = shape[axis]
        return Variable.recording(Tensor.concatenate(parts, axis: axis), inputs: [self], operation: "pad") { g, _ in
            [g.slice(axis: axis, offset..<(offset + length))]
        }
    }

    /// Sub-tensors at `indices` along `axis` (repeats allowed); the VJP adds each gradient row back
    /// at its index.
    public func selecting(_ indices: [Int], axis: Int = 0) -> Variable {
        let a = Shape.axis(axis, rank: shape.count, in: "selecting")
        let inputShape = shape
        return Variable.recording(value.selecting(indices, axis: a), inputs: [self], operation: "select") { g, _ in
            [g.indexAdded(into: inputShape, indices: indices, axis: a)]
        }
    }

    /// Zeros of `shape` with this variable's slices added at `indices` along `axis` (adjoint of selecting).
    func indexAdded(into target: [Int], indices: [Int], axis: Int) -> Variable {
        var indexShape = [Int](repeating: 1, count: shape.count)
        indexShape[axis] = indices.count
        let index = Tensor(shape: indexShape, scalars: indices.map(Float.init)).broadcast(to: shape)
        return Variable(Tensor.zeros(target)).scatterAdding(axis: axis, indices: index, source: self)
    }

    /// PyTorch's `gather`: picks along `axis` by an index tensor of the same rank.
    public func gathering(axis: Int, indices: Tensor) -> Variable {
        let x = self
        return Variable.recording(value.gathering(axis: axis, indices: indices), inputs: [x], operation: "gather") { g, _ in
            [Variable(Tensor.zeros(like: x.value)).scatterAdding(axis: axis, indices: indices, source: g)]
        }
    }

    /// PyTorch's `scatter_add`: a copy of this variable with `source` added at `indices` along `axis`.
    public func scatterAdding(axis: Int, indices: Tensor, source: Variable) -> Variable {
        Variable.recording(value.scatterAdding(axis: axis, indices: indices, source: source.value),
                           inputs: [self, source], operation: "scatterAdd") { g, _ in
            [g, g.gathering(axis: axis, indices: indices)]
        }
    }
}
