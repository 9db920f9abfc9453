import AprendizTensor

// Conversions between the safetensors format's plain values and tensors.

extension SafetensorsTensor {
    /// A tensor's shape and values, stored as F32.
    public init(_ tensor: Tensor) { self.init(shape: tensor.shape, scalars: tensor.scalars) }
}

extension Tensor {
    /// A safetensors tensor's values (converted to Float on reading).
    public init(_ tensor: SafetensorsTensor) { self.init(shape: tensor.shape, scalars: tensor.scalars) }
}
