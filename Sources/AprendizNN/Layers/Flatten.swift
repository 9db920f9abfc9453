import AprendizAutodiff
import AprendizTensor

/// Flattens every axis after the first (the batch axis): `[batch, d₁, …, dₙ] → [batch, d₁·…·dₙ]`.
///
/// Used between convolutional/image layers and ``Dense`` layers (§21; the book's `Flatten` layer).
/// Its gradient is the upstream gradient reshaped back. It has no parameters.
public final class Flatten: Module {
    public override init() { super.init() }

    public override func callAsFunction(_ input: Variable) -> Variable {
        require(input.shape.count >= 1, "Flatten: input must have a batch axis, got shape \(input.shape)")
        return input.reshaped([input.shape[0], input.shape.dropFirst().reduce(1, *)])
    }
}

extension Flatten: ArchitectureDescribable {
    public static var typeName: String { "Flatten" }
    public var architecture: Architecture? { Architecture(type: Flatten.typeName) }
    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws { self.init() }
}
