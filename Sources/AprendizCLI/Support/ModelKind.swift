import Aprendiz

/// The networks `--model` names: the four this command builds from the data's shape, then every
/// ready-made network of ``ModelCatalog`` (added there, listed here without a change).
///
/// | name | network |
/// |---|---|
/// | `mlp` | Flatten → (Dense → activation) per `--hidden` width → Dense (outputs) |
/// | `linear` | Flatten → Dense: linear regression, or a linear classifier on logits |
/// | `logistic` | Flatten → Dense with cross-entropy: (multinomial) logistic regression, classification only |
/// | `convnet` | a small CNN: two 3×3 conv + max-pooling blocks (16, 32 filters), Dense 64 (``ModelFactory/makeConvolutional(_:inputShape:classes:using:)``) |
/// | `lenet5`, `fashion-conv-net`, … | ``ModelCatalog`` (28×28×1 images) |
enum ModelKind: Catalogue, Hashable, Codable {
    case mlp, linear, logistic, convnet
    case ready(ModelCatalog)

    static let familyName = "model"

    static var allCases: [ModelKind] { [.mlp, .linear, .logistic, .convnet] + ModelCatalog.allCases.map(ModelKind.ready) }

    init?(rawValue: String) {
        guard let kind = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = kind
    }

    var rawValue: String {
        switch self {
        case .mlp: "mlp"
        case .linear: "linear"
        case .logistic: "logistic"
        case .convnet: "convnet"
        case .ready(let model): model.rawValue
        }
    }

    /// Whether the model reads images `[h, w, 1]` rather than feature vectors.
    var isConvolutional: Bool {
        switch self {
        case .convnet, .ready: true
        case .mlp, .linear, .logistic: false
        }
    }

    /// Whether `--hidden` and `--activation` shape this model (only the mlp's).
    var usesHiddenLayers: Bool { self == .mlp }

    /// Stored as its name (model files' metadata, reports).
    init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        do { self = try Self.named(name) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)"))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
