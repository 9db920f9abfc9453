import AprendizAutodiff
import AprendizTensor

/// A lookup table of learned vectors, one per symbol: the input layer of the recurrent language
/// models of chapter 23 (§23.4), equivalent to a one-hot vector times a weight matrix without
/// building the one-hot vector.
///
/// ```
/// y[…, :] = E[i, :]          i = input[…] ∈ {0, …, count − 1},  E: [count, dimension]
/// ∂L/∂E[i, :] = Σ over the positions holding i of g[…, :]
/// ```
/// The input holds symbol indices as whole numbers (any shape); the output appends one axis of
/// `dimension`. Behaves like PyTorch's `nn.Embedding` (E drawn from N(0, 1)).
public final class Embedding: Module {
    /// E, shape `[count, dimension]`.
    public let weight: Variable

    /// The number of symbols (rows of E).
    public var count: Int { weight.shape[0] }
    /// The length of each vector.
    public var dimension: Int { weight.shape[1] }

    /// A table of `count` vectors of length `dimension` drawn from N(0, 1) with `generator`.
    public init(_ count: Int, _ dimension: Int, using generator: inout RandomGenerator) {
        require(count > 0 && dimension > 0, "Embedding: invalid size \(count) × \(dimension)")
        weight = Variable(Tensor.randomNormal([count, dimension], using: &generator), requiresGradient: true)
        super.init()
    }

    /// A table of `count` vectors of length `dimension` drawn from the default generator.
    public convenience init(_ count: Int, _ dimension: Int) {
        var generator = RandomGenerator.withGlobal { RandomGenerator(seed: $0.next()) }
        self.init(count, dimension, using: &generator)
    }

    /// The rows of E at the input's indices: `[…] → […, dimension]`.
    public override func callAsFunction(_ input: Variable) -> Variable {
        let indices = input.value.scalars.map { value in
            let index = Int(exactly: value)
            require(index != nil && index! >= 0 && index! < count,
                    "Embedding: input holds \(value), not a symbol index in 0..<\(count)")
            return index!
        }
        return weight.selecting(indices, axis: 0).reshaped(input.shape + [dimension])
    }
}
