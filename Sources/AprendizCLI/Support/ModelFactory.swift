import Aprendiz
import ArgumentParser

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
                     task: LearningTask, seed: UInt64, width: Int? = nil) throws -> Sequential {
        var generator = RandomGenerator(seed: seed)
        let inputs = inputShape.reduce(1, *)
        switch kind {
        case .classic(let model):
            // --solver gd: the classic model as one Dense layer trained like any network.
            guard model.trainsByGradientDescent else { throw CLIError("--model \(model.rawValue) has no --solver gd (use --solver estimator)") }
            try model.check(task, dataset: "given")
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
        case .recurrent(let cell):
            throw CLIError("--model \(cell.name) is a character language model: train it on --dataset book-text or text:PATH")
        case .convnet, .ready:
            guard task == .classification else { throw CLIError("--model \(kind.rawValue) is for classification") }
            return try makeConvolutional(kind, inputShape: inputShape, classes: outputs, width: width, using: &generator)
        }
    }

    /// Parses `--hidden 256,128` (comma-separated, spaces allowed, like every list of the command line).
    static func hiddenWidths(_ text: String) throws -> [Int] {
        try IntegerList.parse(text, option: "--hidden", example: "256,128", allowsEmpty: true)
    }

    /// Parses `--activation NAME`: an activation gradient descent can train through.
    static func activation(_ name: String, option: String = "--activation") throws -> Activation {
        let activation = try Activation.named(name, option: option)
        guard activation.isTrainable else {
            throw CLIError("\(option): \(activation.name) cannot be trained by gradient descent (its derivative is zero)")
        }
        return activation
    }
}
