import AprendizAutodiff
import AprendizTensor
import Foundation

/// The fixed sinusoidal positional encoding (§25.5; Vaswani et al. 2017, §3.5), added to the token
/// embeddings so attention, which is blind to order, can tell positions apart.
///
/// ```
/// PE[p, 2i]   = sin(p / 10000^(2i/E))
/// PE[p, 2i+1] = cos(p / 10000^(2i/E))          y[b, t, :] = x[b, t, :] + PE[offset + t, :]
/// ```
/// No parameters; `maxLength` rows are precomputed (default 5000, as the PyTorch tutorial's
/// `PositionalEncoding`).
public final class SinusoidalPositionalEncoding: Module {
    /// PE, `[maxLength, E]`.
    public let table: Tensor

    /// - Parameters:
    ///   - dimension: E (even).
    ///   - maxLength: the longest sequence (default 5000).
    ///   - base: the wavelength base (default 10000).
    public init(dimension: Int, maxLength: Int = 5000, base: Double = 10000) {
        require(dimension > 0 && dimension % 2 == 0 && maxLength > 0,
                "SinusoidalPositionalEncoding: dimension \(dimension) must be even and positive, maxLength \(maxLength) positive")
        var scalars = [Float](repeating: 0, count: maxLength * dimension)
        for p in 0..<maxLength {
            for i in 0..<(dimension / 2) {
                let angle = Double(p) / pow(base, Double(2 * i) / Double(dimension))
                scalars[p * dimension + 2 * i] = Float(sin(angle))
                scalars[p * dimension + 2 * i + 1] = Float(cos(angle))
            }
        }
        table = Tensor(shape: [maxLength, dimension], scalars: scalars)
        super.init()
    }

    public override func callAsFunction(_ input: Variable) -> Variable { self(input, offset: 0) }

    /// x + PE for `input` `[batch, L, E]` whose first position is `offset`.
    public func callAsFunction(_ input: Variable, offset: Int) -> Variable {
        addingPositions(input, rows: Variable(table), offset: offset, operation: "SinusoidalPositionalEncoding")
    }
}
