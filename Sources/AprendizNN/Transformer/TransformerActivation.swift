import AprendizAutodiff

/// The non-linearity inside a Transformer block's feed-forward network (§25.4): PyTorch's
/// `activation="relu"` (the original Transformer) or `"gelu"` (exact erf form; BERT, GPT).
public enum TransformerActivation: String, Sendable, CaseIterable {
    /// max(0, z).
    case relu
    /// z·Φ(z), Φ the standard normal CDF (exact, PyTorch's `approximate='none'`).
    case gelu

    /// Applies the activation.
    public func callAsFunction(_ x: Variable) -> Variable {
        switch self {
        case .relu: AprendizNN.relu(x)
        case .gelu: AprendizNN.gelu(x)
        }
    }
}

/// The position-wise feed-forward network of a Transformer block (§25.4; Vaswani et al. 2017, eq. 2),
/// shared by ``TransformerEncoderLayer`` and ``TransformerDecoderLayer``:
///
/// ```
/// FFN(x) = dropout(f(x·W₁ + b₁))·W₂ + b₂      W₁: [E, F]   W₂: [F, E]
/// ```
func feedForward(_ x: Variable, _ linear1: Dense, _ linear2: Dense, activation: TransformerActivation,
                 dropout: Dropout) -> Variable {
    linear2(dropout(activation(linear1(x))))
}
