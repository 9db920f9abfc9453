import Aprendiz

/// The models `--model` names: the networks this command builds from the data's shape, every
/// ready-made network of `ModelCatalog`, and every classic model of ``ClassicModel`` (both added
/// there, listed here without a change).
///
/// | name | network |
/// |---|---|
/// | `mlp` | Flatten → (Dense → activation) per `--hidden` width → Dense (outputs) |
/// | `convnet` | a small CNN: two 3×3 conv + max-pooling blocks (16, 32 filters), Dense 64 (`ModelFactory.makeConvolutional(_:inputShape:classes:using:)`) |
/// | `lenet5`, `fashion-conv-net`, … | `ModelCatalog` (28×28×1 images) |
/// | `rnn`, `lstm`, `lstm-peephole`, `gru` | a character-level language model on a text (`RecurrentLanguageModel`, `--dataset book-text`; `RecurrentLanguageModelTraining`) |
/// | `linear-regression`, `ridge`, `logistic-regression`, … | ``ClassicModel`` (AprendizClassic's estimators; `--solver gd`: Flatten → Dense by gradient descent) |
enum ModelKind: Catalogue, Hashable, Codable {
    case mlp, convnet
    case ready(ModelCatalog)
    case classic(ClassicModel)
    /// A character-level recurrent language model (`--dataset book-text` or `text:PATH`).
    case recurrent(RecurrentCell)

    static let familyName = "model"

    static var allCases: [ModelKind] {
        [.mlp, .convnet] + ModelCatalog.allCases.map(ModelKind.ready) + ClassicModel.allCases.map(ModelKind.classic)
            + [RecurrentCell.elman, .lstm(peepholes: false), .lstm(peepholes: true), .gru].map(ModelKind.recurrent)
    }

    init?(rawValue: String) {
        guard let kind = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = kind
    }

    var rawValue: String {
        switch self {
        case .mlp: "mlp"
        case .convnet: "convnet"
        case .ready(let model): model.rawValue
        case .classic(let model): model.rawValue
        case .recurrent(let cell): cell.name
        }
    }

    /// Whether the model reads images `[h, w, 1]` rather than feature vectors.
    var isConvolutional: Bool {
        switch self {
        case .convnet, .ready: true
        case .mlp, .classic, .recurrent: false
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
