import AprendizTensor

// Shape operations. Each VJP undoes the reshuffle: reshape back, inverse permutation, sum over
// broadcast axes, split a concatenation.

extension Variable {
    /// Same elements, new shape (one −1 allowed).
    public func reshaped(_ newShape: [Int]) -> Variable {
        let old = shape
        return Variable.recording(value.reshaped(newShape), inputs: [self], operation: "reshape") { g, _ in [g.reshaped(old)] }
    }

    /// Flattened to one dimension.
    public func flattened() -> Variable { reshaped([-1]) }

    /// Axes reordered; the VJP applies the inverse permutation.
    public func permuted(_ permutation: [Int]) -> Variable {
        var inverse = [Int](repeating: 0, count: permutation.count)
        for (i, p) in permutation.enumerated() { inverse[p] = i }
        return Variable.recording(value.permuted(permutation), inputs: [self], operation: "permute") { g, _ in [g.permuted(inverse)] }
    }

    /// Two axes swapped (by default the last two).
    public func transposed(_ axis0: Int = -2, _ axis1: Int = -1) -> Variable {
        var permutation = Array(0..<shape.count)
        permutation.swapAt(Shape.axis(axis0, rank: shape.count, in: "transpose"), Shape.axis(axis1, rank: shape.count, in: "transpose"))
        return permuted(permutation)
    }

    /// Stretched to a broadcast-compatible shape; the VJP sums over the stretched axes.
    public func broadcast(to target: [Int]) -> Variable {
        if target == shape { return self }
        let old = shape
        return Variable.recording(value.broadcast(to: target), inputs: [self], operation: "broadcast") { g, _ in [g.summed(toShape: old)] }
    }

    /// PyTorch's `expand` (−1 keeps a dimension).
    public func expanded(to target: [Int]) -> Variable {
        let offset = target.count - shape.count
        return broadcast(to: target.enumerated().map { i, d in d == -1 ? shape[i - offset] : d })
    }

    /// Sums a broadcast gradient back down to `target` (the inverse of broadcasting); the VJP
    /// broadcasts again.
    public func summed(toShape target: [Int]) -> Variable {
        if target == shape { return self }
        let lead = shape.count - target.count
        require(lead >= 0, "summed(toShape:): \(shape) cannot reduce to \(target)")
        let axes = (0..<shape.count).filter { $0 < lead || (target[$0 - lead] == 1 && shape[$0] != 1) }
        let old = shape
        let reduced = value.sum(axes: axes, keepDims: true).reshaped(target)
        return Variable.recording(reduced, inputs: [self], operation: "sumToShape") { g, _ in [g.broadcast(to: old)] }
    }

    /// Axes of size 1 removed (all, or the given one).
    public func squeezed(axis: Int? = nil) -> Variable { reshaped(value.squeezed(axis: axis).shape) }

    /// A size-1 axis inserted.
    public func unsqueezed(axis: Int) -> Variable { reshaped(value.unsqueezed(axis: axis).shape) }

    /// Joined along an existing axis; the VJP splits the gradient into the pieces.
    public static func concatenate(_ parts: [Variable], axis: Int = 0) -> Variable {
        let a = Shape.axis(axis, rank: parts[0].shape.count, in: "concatenate")
        let sizes = parts.map { $0.shape[a] }
        return recording(Tensor.concatenate(parts.map(\.value), axis: a), inputs: parts, operation: "concatenate") { g, _ in
            g.split(sizes: sizes, axis: a)
        }
    }

    /// Joined along a new axis.
    public static func stack(_ parts: [Variable], axis: Int = 0) -> Variable {
        concatenate(parts.map { $0.unsqueezed(axis: axis) }, axis: axis)
    }

    /// Split along `axis` into pieces of the given sizes.
    public func split(sizes: [Int], axis: Int = 0) -> [Variable] {
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return slice(axis: axis, start..<(start + size))
        }
    }
}
