import AprendizData
import AprendizTensor

/// Rescaling to a range as a ``Transformer`` (scikit-learn's `MinMaxScaler`); fitting gives the data
/// module's `MinMaxScaler` (x′ = a + (x − min)(b − a)/(max − min)).
public struct MinMaxScaling: Transformer, Equatable {
    public static let name = "MinMaxScaling"
    /// The target range [a, b] (default [0, 1]).
    public var range: ClosedRange<Float>

    /// Validates and stores the range (a < b).
    public init(range: ClosedRange<Float> = 0...1) throws(ClassicError) {
        try checkHyperParameter(range.lowerBound < range.upperBound, Self.name, "range", range, "a range with a < b")
        self.range = range
    }

    public func fit(_ x: Tensor) throws(ClassicError) -> MinMaxScaler {
        try InputValidation.features(x, for: Self.name)
        return MinMaxScaler(fitting: x, range: range)
    }
}

extension MinMaxScaler: InvertibleTransform {}
