import Aprendiz

extension ModelFactory {
    /// Whether this build has Conv2D and pooling layers.
    static let hasConvolution = false

    /// LeNet-5 and the small CNNs (needs the CNN module).
    static func makeConvolutional(_ kind: ModelKind, inputShape: [Int], classes: Int,
                                  using generator: inout RandomGenerator) throws -> Sequential {
        throw CLIError("--model \(kind.rawValue) needs the CNN module (Conv2D, pooling), which is not in this build yet")
    }
}
