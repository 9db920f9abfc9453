import Aprendiz
import Foundation

/// `aprendiz train --dataset book-text --model lstm|gru|rnn|lstm-peephole`: a character-level recurrent
/// language model (§23.4, `RecurrentLanguageModel`) on the book's text or on `text:PATH`.
///
/// The vocabulary is the text's distinct characters; the first 90 % of the symbols train, the last
/// 10 % validate (the split and the random windows of `train-lm`, ``TrainLanguageModelCommand``). Each
/// step draws `--batch-size` random windows of `sequence` symbols (seeded; the state starts at 0 in
/// each window: truncated backpropagation through time over `sequence` steps), computes the mean
/// next-character cross-entropy, back-propagates, clips the gradient norm to `clip` and takes an
/// Adam step (η = `--learning-rate`, default 0.002). The validation cross-entropy is the mean over
/// every next character of the validation part cut into consecutive windows of `sequence` symbols
/// (each from a zero state), so it is the same figure `Benchmarks/pytorch_char_rnn.py` computes.
///
/// `--param` names: hidden (256), layers (1), embedding (64), steps (1000), sequence (100),
/// clip (5), eval-interval (100).
struct RecurrentLanguageModelTraining {
    static let parameterNames = ["hidden", "layers", "embedding", "steps", "sequence", "clip", "eval-interval"]

    let cell: RecurrentCell
    let text: String, source: String
    var hidden = 256, layers = 1, embedding = 64, steps = 1000, sequence = 100, evalInterval = 100
    var clip: Float = 5
    var batchSize = 32, learningRate: Float = 0.002, seed: UInt64 = 0

    /// Reads `--dataset` (`book-text` or `text:PATH`) and the `--param NAME=VALUE` items.
    init(cell: RecurrentCell, dataset: String, parameters: [String], batchSize: Int, learningRate: Float?, seed: UInt64) throws {
        self.cell = cell
        (text, source) = try Self.readText(dataset)
        var values: [String: String] = [:]
        for item in parameters {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw CLIError("--param '\(item)': expected NAME=VALUE (\(cell.name) takes \(Self.parameterNames.joined(separator: ", ")))")
            }
            let name = CatalogueLookup.normalized(item[..<equals])
            guard Self.parameterNames.contains(name) else {
                throw CLIError("--param \(name): unknown parameter for \(cell.name) (known: \(Self.parameterNames.joined(separator: ", ")))")
            }
            values[name] = String(item[item.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        }
        func int(_ name: String, _ fallback: Int) throws -> Int {
            guard let text = values[name] else { return fallback }
            guard let value = Int(text), value >= 1 else { throw CLIError("--param \(name)=\(text): not a whole number ≥ 1") }
            return value
        }
        (hidden, layers, embedding, steps) = (try int("hidden", 256), try int("layers", 1), try int("embedding", 64), try int("steps", 1000))
        (sequence, evalInterval) = (try int("sequence", 100), try int("eval-interval", 100))
        if let text = values["clip"] {
            guard let value = Float(text), value > 0, value.isFinite else { throw CLIError("--param clip=\(text): not a number > 0") }
            clip = value
        }
        guard batchSize >= 1 else { throw CLIError("--batch-size must be ≥ 1, got \(batchSize)") }
        if let learningRate {
            guard learningRate > 0, learningRate.isFinite else { throw CLIError("--learning-rate must be > 0, got \(learningRate)") }
            self.learningRate = learningRate
        }
        (self.batchSize, self.seed) = (batchSize, seed)
    }

    /// Whether `--dataset` names a text (`book-text` or `text:PATH`) rather than a table or images.
    static func isText(_ dataset: String) -> Bool {
        BundledText(rawValue: CatalogueLookup.normalized(dataset)) != nil || dataset.hasPrefix("text:")
    }

    /// The text `--dataset` names and a label for messages.
    static func readText(_ dataset: String) throws -> (text: String, source: String) {
        if dataset.hasPrefix("text:") {
            let path = String(dataset.dropFirst(5))
            guard !path.isEmpty else { throw CLIError("--dataset '\(dataset)': the text path is empty (use text:PATH)") }
            do { return (try String(contentsOfFile: path, encoding: .utf8), path) } catch {
                throw CLIError("cannot read --dataset \(dataset): \(error.localizedDescription)")
            }
        }
        guard let bundled = BundledText(rawValue: CatalogueLookup.normalized(dataset)) else {
            throw CLIError("--dataset \(dataset) is not a text (\(BundledText.allCases.map(\.rawValue).joined(separator: ", ")) or text:PATH)")
        }
        return (try bundled.load(), bundled.rawValue)
    }

    /// The validation part cut into consecutive windows of `length` symbols and their next symbols.
    static func consecutiveWindows(_ symbols: [Int], length: Int) -> (Tensor, Tensor) {
        let count = (symbols.count - 1) / length
        let inputs = symbols[0..<(count * length)].map(Float.init), targets = symbols[1...(count * length)].map(Float.init)
        return (Tensor(shape: [count, length], scalars: inputs), Tensor(shape: [count, length], scalars: targets))
    }

    /// Trains, prints the losses, writes the model to `output`; returns the final validation cross-entropy.
    @discardableResult
    func run(output: String, console: Console) throws -> Float {
        let (tokenizer, train, validation) = try TrainLanguageModelCommand.tokenize(text, tokenizer: "char", merges: 0)
        guard case .character(let vocabulary) = tokenizer else { preconditionFailure("char tokenizer expected") }
        guard validation.count > sequence + 1, train.count > sequence + 1 else {
            throw CLIError("--dataset \(source) has \(train.count + validation.count) characters: too few for windows of "
                           + "--param sequence=\(sequence) (need > \(10 * (sequence + 2)))")
        }
        var generator = RandomGenerator(seed: seed)
        let model = RecurrentLanguageModel(RecurrentLanguageModelConfiguration(cell: cell, vocabularySize: vocabulary.count,
                                                                               embeddingDimension: embedding, hiddenCount: hidden,
                                                                               layerCount: layers), using: &generator)
        let optimizer = Adam(parameters: model.parameters(), learningRate: learningRate)
        let held = Self.consecutiveWindows(validation, length: sequence)
        console.line("\(cell.name) language model on \(source): vocabulary \(vocabulary.count) characters, \(train.count) training and "
                     + "\(validation.count) validation characters, \(model.parameters().reduce(0) { $0 + $1.value.count }) parameters; "
                     + "\(steps) steps of \(batchSize) windows of \(sequence), Adam η \(learningRate), clip \(clip)")
        let start = Date()
        var validationLoss = Float.nan
        for step in 1...steps {
            let (inputs, targets) = TrainLanguageModelCommand.windows(train, count: batchSize, length: sequence, using: &generator)
            optimizer.zeroGrad()
            let loss = model.loss(tokens: inputs, targets: targets)
            loss.backward()
            _ = clipGradients(model.parameters(), maxNorm: clip)
            optimizer.step()
            if step % evalInterval == 0 || step == steps {
                validationLoss = withoutGradient { model.loss(tokens: held.0, targets: held.1).value.scalars[0] }
                console.line(String(format: "step %5d  train %.4f  validation %.4f  (%.0f s)", step, loss.value.scalars[0],
                                    validationLoss, Date().timeIntervalSince(start)))
            }
        }
        console.line(String(format: "validation cross-entropy %.4f nats/character (%.4f bits)", validationLoss, validationLoss / log(2)))
        try RecurrentLanguageModelFile.save(model, vocabulary: vocabulary, to: output,
                                            metadata: ["validation_loss": String(validationLoss), "steps": String(steps),
                                                       "dataset": source])
        console.line("model written to \(output)")
        return validationLoss
    }
}
