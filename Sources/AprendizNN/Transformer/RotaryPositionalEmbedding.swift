import AprendizAutodiff
import AprendizTensor
import Foundation

/// Rotary positional embedding, RoPE (§25.5; Su et al. 2021, RoFormer): rotates each pair of
/// query/key features by an angle proportional to the position, so q·k depends on the positions
/// only through their difference.
///
/// ```
/// θᵢ = base^(−2i/d),  i = 0 … d/2 − 1,        angle[p, i] = p·θᵢ
/// cos = [cos(angle), cos(angle)],  sin = [sin(angle), sin(angle)]          (each d wide)
/// rotateHalf([x₁, x₂]) = [−x₂, x₁]             x₁, x₂ the first and second halves of the features
/// RoPE(x)[p] = x[p] ⊙ cos[p] + rotateHalf(x[p]) ⊙ sin[p]
/// ```
/// This is the *rotate-half* convention of GPT-NeoX and Hugging Face's Llama (feature i pairs with
/// i + d/2), not the paper's interleaved pairs (2i, 2i+1); the two differ by a fixed permutation of
/// the features. Apply it to the queries and keys `[…, L, d]` of each head, not to the values.
/// No parameters; base defaults to 10000.
public final class RotaryPositionalEmbedding: Module {
    /// d, the (even) head width.
    public let dimension: Int
    /// The base of the angles.
    public let base: Double

    /// - Parameters:
    ///   - dimension: d, even.
    ///   - base: default 10000.
    public init(dimension: Int, base: Double = 10000) {
        require(dimension > 0 && dimension % 2 == 0, "RotaryPositionalEmbedding: dimension \(dimension) must be even and positive")
        self.dimension = dimension
        self.base = base
        super.init()
    }

    public override func callAsFunction(_ input: Variable) -> Variable { self(input, offset: 0) }

    /// RoPE(x) for `input` `[…, L, d]` whose first position is `offset`.
    public func callAsFunction(_ input: Variable, offset: Int) -> Variable {
        let rank = input.shape.count
        require(rank >= 2 && input.shape[rank - 1] == dimension && offset >= 0,
                "RotaryPositionalEmbedding: input \(input.shape) does not end in [L, \(dimension)] (offset \(offset))")
        let (cosines, sines) = tables(length: input.shape[rank - 2], offset: offset)
        let halves = input.split(sizes: [dimension / 2, dimension / 2], axis: rank - 1)
        let rotated = Variable.concatenate([-halves[1], halves[0]], axis: rank - 1)
        return input * cosines + rotated * sines
    }

    /// cos and sin, `[length, d]`, for positions offset ..< offset + length.
    private func tables(length: Int, offset: Int) -> (Tensor, Tensor) {
        var cosines = [Float](repeating: 0, count: length * dimension), sines = cosines
        let half = dimension / 2
        for t in 0..<length {
            for i in 0..<half {
                let angle = Double(offset + t) * pow(base, -Double(2 * i) / Double(dimension))
                for column in [i, i + half] {
                    cosines[t * dimension + column] = Float(cos(angle))
                    sines[t * dimension + column] = Float(sin(angle))
                }
            }
        }
        return (Tensor(shape: [length, dimension], scalars: cosines), Tensor(shape: [length, dimension], scalars: sines))
    }
}
