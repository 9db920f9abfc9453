import AprendizAutodiff
import AprendizNN
import AprendizTensor

/// A module's parameters seen as one vector θ ∈ ℝᵈ, in the order of `Module.parameters()`
/// (each tensor row-major): what a metaheuristic searches when it trains a network (chapter 11).
///
/// ```
/// θ = (vec W₁, vec b₁, vec W₂, vec b₂, …),   d = Σ |Wₖ| + |bₖ|
/// ```
/// The parameter list is read once; ``assign(_:)-(Tensor)`` writes a candidate into the module's parameter
/// tensors in place (one copy of each candidate's numbers, no graph), ``flattened()`` reads them back.
public struct ParameterVector {
    /// The module's parameters, in vector order.
    public let parameters: [Variable]
    /// d, the length of the vector.
    public let count: Int

    /// The parameter vector of `module`.
    public init(_ module: Module) {
        parameters = module.parameters()
        count = parameters.reduce(0) { $0 + $1.value.count }
        require(count > 0, "ParameterVector: \(type(of: module)) has no parameters")
    }

    /// θ, shape [d].
    public func flattened() -> Tensor { Tensor(parameters.flatMap { $0.value.scalars }) }

    /// Sets every parameter from θ (shape [d]).
    public func assign(_ vector: Tensor) {
        require(vector.shape == [count], "ParameterVector.assign: expected a vector of shape [\(count)], got \(vector.shape)")
        vector.withUnsafeBufferPointer { assign($0) }
    }

    /// Sets every parameter from the d numbers at `values`.
    public func assign(_ values: UnsafeBufferPointer<Float>) {
        require(values.count == count, "ParameterVector.assign: expected \(count) numbers, got \(values.count)")
        var offset = 0
        for parameter in parameters {
            let size = parameter.value.count
            parameter.value = Tensor(shape: parameter.value.shape, scalars: Array(values[offset..<(offset + size)]))
            offset += size
        }
    }
}
