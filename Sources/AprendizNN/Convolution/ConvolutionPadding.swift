/// How a convolution or pooling window treats the image border (§21.2, §21.3).
///
/// ```
/// valid                     no padding:  out = ⌊(in − k_eff) / s⌋ + 1,   k_eff = d·(k − 1) + 1
/// same                      out = ⌈in / s⌉; total padding p = max((out − 1)·s + k_eff − in, 0),
///                           p/2 (rounded down) before, the rest after (TensorFlow/Keras "same")
/// explicit(t, b, l, r)      zeros added above, below, left and right: out = ⌊(in + t + b − k_eff) / s⌋ + 1
/// ```
/// The book's `Convolution2D(padding: p)` is ``uniform(_:)``: p on every side (PyTorch's
/// `padding=p`). With stride 1 and an odd kernel, `same` is `uniform((k − 1)/2)` and keeps the size.
/// Convolutions pad with zeros; max pooling ignores padded positions (PyTorch pads with −∞).
public enum ConvolutionPadding: Sendable, Equatable {
    /// No padding: only windows that fit inside the image.
    case valid
    /// Enough padding that `out = ⌈in / stride⌉` (TensorFlow's rule, extra row/column at the end).
    case same
    /// Explicit amounts of padding on each side.
    case explicit(top: Int, bottom: Int, left: Int, right: Int)

    /// The same padding `amount` on all four sides (PyTorch's `padding=amount`).
    public static func uniform(_ amount: Int) -> ConvolutionPadding {
        .explicit(top: amount, bottom: amount, left: amount, right: amount)
    }

    /// Padding `(before, after)` along one axis of length `size` for an effective window `window`
    /// and `stride`.
    func amounts(size: Int, window: Int, stride: Int, vertical: Bool) -> (before: Int, after: Int) {
        switch self {
        case .valid:
            return (0, 0)
        case .same:
            let output = (size + stride - 1) / stride
            let total = Swift.max((output - 1) * stride + window - size, 0)
            return (total / 2, total - total / 2)
        case .explicit(let top, let bottom, let left, let right):
            return vertical ? (top, bottom) : (left, right)
        }
    }

    /// Parses `valid`, `same`, one integer `p` (all sides) or four `top,bottom,left,right`
    /// (command-line and model-file form); `nil` when malformed.
    public init?(parsing text: String) {
        switch text {
        case "valid": self = .valid
        case "same": self = .same
        default:
            let numbers = text.split(separator: ",").map { Int(String($0)) }
            guard numbers.allSatisfy({ ($0 ?? -1) >= 0 }) else { return nil }
            let values = numbers.compactMap { $0 }
            switch values.count {
            case 1: self = .uniform(values[0])
            case 4: self = .explicit(top: values[0], bottom: values[1], left: values[2], right: values[3])
            default: return nil
            }
        }
    }

    /// The form ``init(parsing:)`` reads.
    public var text: String {
        switch self {
        case .valid: "valid"
        case .same: "same"
        case .explicit(let top, let bottom, let left, let right): "\(top),\(bottom),\(left),\(right)"
        }
    }
}
