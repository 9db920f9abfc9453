/// Shape arithmetic shared by every tensor operation: element counts, strides, NumPy broadcasting,
/// axis normalisation. Each check names the operation, so a failure reads
/// `matmul: shapes [2, 3] and [4, 5] are incompatible`.
public enum Shape {
    /// Product of the dimensions (1 for a scalar).
    public static func count(of shape: [Int], in operation: String) -> Int {
        var total = 1
        for d in shape {
            require(d >= 0, "\(operation): negative dimension in shape \(shape)")
            total *= d
        }
        return total
    }

    /// Row-major strides (in elements) of a contiguous tensor.
    public static func strides(of shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = running
            running *= shape[axis]
        }
        return strides
    }

    /// The shape two operands broadcast to (NumPy rules: align from the right; a dimension of 1
    /// stretches). Stops with both shapes in the message when they are incompatible.
    public static func broadcast(_ a: [Int], _ b: [Int], in operation: String) -> [Int] {
        if a == b { return a }
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            require(da == db || da == 1 || db == 1,
                         "\(operation): shapes \(a) and \(b) cannot be broadcast together")
            result[i] = da == 1 ? db : da
        }
        return result
    }

    /// Strides of `shape` seen inside the larger broadcast shape `target`: 0 along stretched axes.
    @usableFromInline static func broadcastStrides(of shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(of: shape)
        let offset = target.count - shape.count
        return (0..<target.count).map { axis in
            axis < offset || shape[axis - offset] == 1 ? 0 : own[axis - offset]
        }
    }

    /// Normalises a possibly negative axis (−1 is the last) and checks it is in range.
    public static func axis(_ axis: Int, rank: Int, in operation: String) -> Int {
        let resolved = axis < 0 ? axis + rank : axis
        require(resolved >= 0 && resolved < max(rank, 1),
                     "\(operation): axis \(axis) is out of range for a tensor of rank \(rank)")
        return resolved
    }

    /// Row-major offset of a full index; checks each coordinate.
    static func offset(of index: [Int], in shape: [Int]) -> Int {
        require(index.count == shape.count,
                     "Tensor subscript: \(index.count) indices for a tensor of shape \(shape)")
        var offset = 0
        for (i, (coordinate, size)) in zip(index, shape).enumerated() {
            let c = coordinate < 0 ? coordinate + size : coordinate
            require(c >= 0 && c < size, "Tensor subscript: index \(coordinate) out of range for axis \(i) of shape \(shape)")
            offset = offset * size + c
        }
        return offset
    }

    /// Resolves a reshape target with at most one −1.
    static func resolvingReshape(_ newShape: [Int], count: Int, from old: [Int]) -> [Int] {
        let unknowns = newShape.filter { $0 == -1 }.count
        require(unknowns <= 1, "reshape: more than one -1 in \(newShape)")
        var shape = newShape
        if unknowns == 1 {
            let known = newShape.filter { $0 != -1 }.reduce(1, *)
            require(known > 0 && count % known == 0, "reshape: cannot reshape \(old) to \(newShape)")
            shape[newShape.firstIndex(of: -1)!] = count / known
        }
        require(Shape.count(of: shape, in: "reshape") == count,
                     "reshape: cannot reshape \(old) (\(count) elements) to \(newShape)")
        return shape
    }
}
