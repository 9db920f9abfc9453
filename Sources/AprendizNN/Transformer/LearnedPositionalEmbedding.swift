import AprendizAutodiff
import AprendizTensor

/// A learned absolute positional embedding (§25.5; BERT, GPT-2): one trained vector per position,
/// added to the token embeddings.
///
/// ```
/// y[b, t, :] = x[b, t, :] + P[offset + t, :]        P: [maxLength, E] ~ N(0, σ²)
/// ```
/// σ defaults to 0.02 (GPT-2). Unlike ``SinusoidalPositionalEncoding`` it cannot go past `maxLength`.
public final class LearnedPositionalEmbedding: Module {
    /// P, `[maxLength, E]`.
    public let weight: Variable

    /// - Parameters:
    ///   - maxLength: the number of positions.
    ///   - dimension: E.
    ///   - standardDeviation: σ of the initial values (default 0.02).
    ///   - generator: the random numbers of the initial values.
    public init(maxLength: Int, dimension: Int, standardDeviation: Float = 0.02, using generator: inout RandomGenerator) {
        require(maxLength > 0 && dimension > 0, "LearnedPositionalEmbedding: invalid size \(maxLength) × \(dimension)")
        weight = Variable(Tensor.randomNormal([maxLength, dimension], standardDeviation: standardDeviation, using: &generator),
                          requiresGradient: true)
        super.init()
    }

    public override func callAsFunction(_ input: Variable) -> Variable { self(input, offset: 0) }

    /// x + P for `input` `[batch, L, E]` whose first position is `offset`.
    public func callAsFunction(_ input: Variable, offset: Int) -> Variable {
        addingPositions(input, rows: weight, offset: offset, operation: "LearnedPositionalEmbedding")
    }
}

/// x + rows[offset ..< offset + L] for `input` `[batch, L, E]` (both absolute positional encodings).
func addingPositions(_ input: Variable, rows: Variable, offset: Int, operation: String) -> Variable {
    let length = input.shape.count == 3 ? input.shape[1] : -1
    require(input.shape.count == 3 && input.shape[2] == rows.shape[1] && offset >= 0 && offset + length <= rows.shape[0],
            "\(operation): input \(input.shape) at offset \(offset) does not fit [batch, ≤ \(rows.shape[0]), \(rows.shape[1])]")
    return input + rows.slice(axis: 0, offset..<(offset + length))
}
