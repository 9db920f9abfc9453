/// An n-dimensional array of `Float` stored contiguously in row-major order, with value semantics.
///
/// ```swift
/// let a = Tensor([[1, 2], [3, 4]])        // shape [2, 2]
/// let b = a * 2 + 1                       // element-wise, NumPy broadcasting
/// let c = a.matmul(b.transposed())        // matrix product (BLAS when present)
/// ```
///
/// Copies share storage until one of them is written (copy-on-write). A rank-0 tensor holds one
/// scalar. Shape errors in tensor math are programmer errors: they stop with a message that names the
/// operation and both shapes, like Swift's bounds checks.
public struct Tensor: @unchecked Sendable {
    /// The size of each dimension, outermost first.
    public private(set) var shape: [Int]
    @usableFromInline var storage: TensorStorage

    @usableFromInline
    init(shape: [Int], storage: TensorStorage) {
        self.shape = shape
        self.storage = storage
    }

    /// A tensor of the given shape whose elements are not initialised; the caller writes them all.
    @usableFromInline
    package init(uninitializedShape shape: [Int]) {
        self.init(shape: shape, storage: TensorStorage(uninitializedCount: Shape.count(of: shape, in: "Tensor")))
    }

    /// A tensor with the given shape and row-major scalars.
    /// - Precondition: `scalars.count` equals the product of `shape`.
    public init(shape: [Int], scalars: [Float]) {
        let count = Shape.count(of: shape, in: "Tensor(shape:scalars:)")
        require(scalars.count == count,
                     "Tensor(shape:scalars:): shape \(shape) needs \(count) scalars, got \(scalars.count)")
        self.init(uninitializedShape: shape)
        scalars.withUnsafeBufferPointer { storage.pointer.update(from: $0.baseAddress!, count: count) }
    }

    /// A tensor filled with `value`.
    public init(repeating value: Float, shape: [Int]) {
        self.init(shape: shape, storage: TensorStorage(repeating: value, count: Shape.count(of: shape, in: "Tensor")))
    }

    /// A rank-0 tensor holding `value`.
    public init(_ value: Float) { self.init(repeating: value, shape: []) }

    /// A rank-1 tensor.
    public init(_ scalars: [Float]) { self.init(shape: [scalars.count], scalars: scalars) }

    /// A rank-2 tensor from rows of equal length.
    public init(_ rows: [[Float]]) {
        let columns = rows.first?.count ?? 0
        require(rows.allSatisfy { $0.count == columns }, "Tensor([[Float]]): rows have different lengths")
        self.init(shape: [rows.count, columns], scalars: rows.flatMap { $0 })
    }

    /// A rank-3 tensor from nested arrays of equal lengths.
    public init(_ blocks: [[[Float]]]) {
        let inner = blocks.map { Tensor($0) }
        let rowShape = inner.first?.shape ?? [0, 0]
        require(inner.allSatisfy { $0.shape == rowShape }, "Tensor([[[Float]]]): blocks have different shapes")
        self.init(shape: [blocks.count] + rowShape, scalars: inner.flatMap { $0.scalars })
    }

    /// Number of dimensions.
    @inlinable public var rank: Int { shape.count }

    /// Number of elements (the product of the shape; 1 for a scalar).
    @inlinable public var count: Int { storage.count }

    /// The elements in row-major order.
    public var scalars: [Float] {
        Array(UnsafeBufferPointer(start: storage.pointer, count: count))
    }

    /// The single element of a one-element tensor.
    public var scalar: Float {
        require(count == 1, "Tensor.scalar: tensor of shape \(shape) has \(count) elements, not 1")
        return storage.pointer[0]
    }

    /// Reads the elements without copying.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.pointer, count: count))
    }

    /// Writes the elements in place, first copying the storage if it is shared.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return try body(UnsafeMutableBufferPointer(start: storage.pointer, count: count))
    }

    /// The element at a full multi-dimensional index (one integer per dimension).
    public subscript(index: Int...) -> Float {
        get { storage.pointer[Shape.offset(of: index, in: shape)] }
        set {
            let offset = Shape.offset(of: index, in: shape)
            withUnsafeMutableBufferPointer { $0[offset] = newValue }
        }
    }

    /// Whether both tensors share one buffer (for tests of copy-on-write).
    public func sharesStorage(with other: Tensor) -> Bool { storage === other.storage }

    /// The same elements with a new shape of equal element count; one dimension may be -1 (inferred).
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: Shape.resolvingReshape(newShape, count: count, from: shape), storage: storage)
    }

    /// The tensor flattened to one dimension.
    public func flattened() -> Tensor { reshaped([count]) }
}

extension Tensor: Equatable {
    /// Exact equality of shapes and elements (NaN ≠ NaN, like Float).
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        guard lhs.shape == rhs.shape else { return false }
        if lhs.storage === rhs.storage { return !lhs.scalars.contains { $0.isNaN } }
        for i in 0..<lhs.count where lhs.storage.pointer[i] != rhs.storage.pointer[i] { return false }
        return true
    }
}
