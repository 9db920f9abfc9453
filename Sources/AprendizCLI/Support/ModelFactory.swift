import Aprendiz
import ArgumentParser

/// The networks `--model` names.
///
/// | name | network |
/// |---|---|
/// | `mlp` | Flatten → (Dense → activation) per `--hidden` width → Dense (outputs) |
/// | `linear` | Flatten → Dense: linear regression, or a linear classifier on logits |
/// | `logistic` | Flatten → Dense with cross-entropy: (multinomial) logistic regression, classification only |
/// | `lenet5` | LeNet-5 (§21.9.1) on 28×28×1 images |
/// | `convnet` | a small CNN: two 3×3 conv + max-pooling blocks (16, 32 filters), Dense 64 (``makeConvolutional(_:inputShape:classes:using:)``) |
/// | `fashion-conv-net` | the "2 Conv + pooling" network of Fashion-MNIST's README (0.916 published) on 28×28×1 images |
/// | `small-resnet` | a small residual network (§22: three basic blocks, batch normalisation) on 28×28×1 images |
enum ModelKind: String, Codable, CaseIterable, ExpressibleByArgument {
    case mlp, lenet5, convnet, linear, logistic
    case fashionConvNet = "fashion-conv-net"
    case smallResNet = "small-resnet"

    /// Whether the model reads images `[h, w, 1]` rather than feature vectors.
    var isConvolutional: Bool { self == .lenet5 || self == .convnet || self == .fashionConvNet || self == .smallResNet }
}

/// Builds ``ModelKind`` networks for a data set's example shape and output count.
enum ModelFactory {
    /// The input shape the model wants for examples of `shape`: convolutional models read an s×s
    /// table (s² features, like digits' 8×8) as an s×s×1 image.
    static func inputShape(for kind: ModelKind, exampleShape shape: [Int]) throws -> [Int] {
        guard kind.isConvolutional else { return shape }
        if shape.count == 3 { return shape }
        let features = shape.reduce(1, *), side = Int(Double(features).squareRoot().rounded())
        guard shape.count == 1, side * side == features, side >= 4 else {
            throw CLIError("--model \(kind.rawValue) needs square images; the data have examples of shape \(shape)")
        }
        return [side, side, 1]
    }

    /// A freshly initialised network from `seed`.
    static func make(_ kind: ModelKind, inputShape: [Int], outputs: Int, hidden: [Int], activation: Activation,
                     task: LearningTask, seed: UInt64) throws -> Sequential {
        var generator = RandomGenerator(seed: seed)
        let inputs = inputShape.reduce(1, *)
        switch kind {
        case .linear:
            return Sequential(Flatten(), Dense(inputs, outputs, using: &generator))
        case .logistic:
            guard task == .classification else { throw CLIError("--model logistic is for classification; use --model linear for regression") }
            return Sequential(Flatten(), Dense(inputs, outputs, using: &generator))
        case .mlp:
            var layers: [Module] = [Flatten()]
            var width = inputs
            for (index, next) in hidden.enumerated() {
                layers.append(Dense(width, next, using: &generator))
                layers.append(activation.makeLayer(seed: seed &+ UInt64(index + 1)))
                width = next
            }
            layers.append(Dense(width, outputs, using: &generator))
            return Sequential(layers)
        case .lenet5, .convnet, .fashionConvNet, .smallResNet:
            guard task == .classification else { throw CLIError("--model \(kind.rawValue) is for classification") }
            return try makeConvolutional(kind, inputShape: inputShape, classes: outputs, using: &generator)
        }
    }

    /// Parses `--hidden 256,128`.
    static func hiddenWidths(_ text: String) throws -> [Int] {
        if text.isEmpty { return [] }
        let widths = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard widths.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw CLIError("--hidden '\(text)': expected positive layer widths separated by commas, like 256,128")
        }
        return widths.map { $0! }
    }

    /// Parses `--activation NAME`.
    static func activation(_ name: String) throws -> Activation {
        guard let activation = Activation(rawValue: name), activation.isTrainable else {
            let names = Activation.allCases.filter(\.isTrainable).map(\.name)
            throw CLIError("unknown activation '\(name)'; choose one of \(names.joined(separator: ", "))")
        }
        return activation
    }
}
