import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz train-lm`: trains a character- or byte-pair-level GPT (§25.6.2) on a text file and saves
/// it, with its tokenizer, for `aprendiz generate` and `aprendiz explain attention`.
///
/// `--tokenizer char` (default): the text's distinct characters are the vocabulary; the first 90 % of
/// the symbols train, the last 10 % validate. `--tokenizer bpe`: the first 90 % of the characters
/// train, the rest validate; a `BytePairEncoding` with up to `--merges` merges is learnt on the
/// training part only (the validation part's characters join the starting symbols), and both parts
/// are encoded with it. Each step draws `--batch-size` random windows of `--context` symbols (seeded), computes
/// the mean next-character cross-entropy, back-propagates, clips the gradient norm to 1 and takes an
/// AdamW step (weight decay 0.01). Every `--eval-interval` steps the validation loss is the mean over
/// `--eval-batches` fixed windows batches in inference mode.
struct TrainLanguageModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-lm",
        abstract: "Train a character- or byte-pair-level GPT (decoder-only Transformer) on a text file.",
        discussion: "Example: aprendiz train-lm --text book.txt --steps 2000 --output gpt.safetensors"
    )

    @Option(help: "The training text (UTF-8).")
    var text: String

    @Option(name: [.customLong("output"), .customLong("out")], help: "The model file to write.")
    var output = "gpt.safetensors"

    @Option(help: "Training steps.") var steps = 1000
    @Option(help: "Windows per step.") var batchSize = 32
    @Option(help: "Context length T (symbols per window).") var context = 128
    @Option(help: "Model width E.") var width = 128
    @Option(help: "Attention heads per block.") var heads = 4
    @Option(help: "Decoder blocks.") var layers = 4
    @Option(help: "Dropout probability.") var dropout: Float = 0.1
    @Option(name: [.customLong("learning-rate"), .customLong("lr")], help: "AdamW learning rate.") var learningRate: Float = 1e-3
    @Flag(help: "Give the output head its own weights instead of reusing the token embedding.") var untiedHead = false
    @Option(help: "char (one symbol per character) or bpe (byte-pair encoding learnt on the training part).")
    var tokenizer = "char"
    @Option(help: "Byte-pair merges to learn with --tokenizer bpe.") var merges = 256
    @Option(help: "Steps between validation losses.") var evalInterval = 100
    @Option(help: "Batches averaged for each validation loss.") var evalBatches = 8
    @Option(help: "Seed of the initial weights and the windows.") var seed: UInt64 = 0
    @Option(help: "Worker threads (default: all cores).") var threads: Int?

    /// Checks the options a text model's training shares (`train-lm`, `pretrain-mlm`) and reads `--text`.
    static func readCorpus(_ text: String, steps: Int, batchSize: Int, context: Int, width: Int, heads: Int, layers: Int,
                           evalInterval: Int, evalBatches: Int) throws -> String {
        guard steps >= 1, batchSize >= 1, context >= 2, width >= 1, heads >= 1, layers >= 1, evalInterval >= 1, evalBatches >= 1 else {
            throw CLIError("--steps, --batch-size, --layers, --heads, --width, --eval-interval and --eval-batches must be ≥ 1 and --context ≥ 2")
        }
        guard width % heads == 0 else { throw CLIError("--width \(width) is not a multiple of --heads \(heads)") }
        do { return try String(contentsOfFile: text, encoding: .utf8) } catch {
            throw CLIError("cannot read --text \(text): \(error.localizedDescription)")
        }
    }

    func run() throws {
        try applyThreadCount(threads)
        let corpus = try Self.readCorpus(text, steps: steps, batchSize: batchSize, context: context, width: width,
                                                              heads: heads, layers: layers, evalInterval: evalInterval,
                                                              evalBatches: evalBatches)
        let (vocabulary, train, validation) = try Self.tokenize(corpus, tokenizer: tokenizer, merges: merges)
        guard validation.count > context + 1 else {
            throw CLIError("--text \(text) has \(train.count + validation.count) \(vocabulary.name == "char" ? "characters" : "tokens"): "
                           + "too few for windows of --context \(context) (need > \(10 * (context + 2)))")
        }
        var generator = RandomGenerator(seed: seed)
        let model = GPT(GPTConfiguration(vocabularySize: vocabulary.count, contextLength: context, modelDimension: width,
                                         headCount: heads, layerCount: layers, dropout: dropout, tiedHead: !untiedHead),
                        using: &generator)
        let optimizer = AdamW(parameters: model.parameters(), learningRate: learningRate, rule: AdamWRule())
        var evaluation = RandomGenerator(seed: seed &+ 1)
        let evalSet = (0..<evalBatches).map { _ in Self.windows(validation, count: batchSize, length: context, using: &evaluation) }
        let unit = vocabulary.name == "char" ? "characters" : "byte-pair symbols"
        print("vocabulary \(vocabulary.count) \(unit), \(train.count) training and \(validation.count) validation symbols, "
              + "\(model.parameters().reduce(0) { $0 + $1.value.count }) parameters")
        let start = Date()
        var validationLoss = Float.nan
        for step in 1...steps {
            let (inputs, targets) = Self.windows(train, count: batchSize, length: context, using: &generator)
            optimizer.zeroGrad()
            let loss = model.loss(tokens: inputs, targets: targets)
            loss.backward()
            _ = clipGradients(model.parameters(), maxNorm: 1)
            optimizer.step()
            if step % evalInterval == 0 || step == steps {
                validationLoss = Self.meanLoss(model, evalSet)
                print(String(format: "step %5d  train %.4f  validation %.4f  (%.0f s)", step, loss.value.scalars[0],
                             validationLoss, Date().timeIntervalSince(start)))
            }
        }
        try LanguageModelFile.save(model, tokenizer: vocabulary, to: output,
                                   metadata: ["validation_loss": String(validationLoss), "steps": String(steps)])
        print("wrote \(output)")
    }

    /// The tokenizer and the training and validation symbols of `corpus` (see the type's documentation).
    static func tokenize(_ corpus: String, tokenizer: String, merges: Int) throws
        -> (tokenizer: LanguageModelTokenizer, train: [Int], validation: [Int]) {
        switch tokenizer {
        case "char":
            let vocabulary = CharacterVocabulary(text: corpus)
            let symbols = try vocabulary.encode(corpus)
            let split = symbols.count * 9 / 10
            return (.character(vocabulary), Array(symbols[..<split]), Array(symbols[split...]))
        case "bpe":
            guard merges >= 0 else { throw CLIError("--merges must be ≥ 0, got \(merges)") }
            let characters = Array(corpus)
            let split = characters.count * 9 / 10
            let (train, validation) = (String(characters[..<split]), String(characters[split...]))
            let encoding = BytePairEncoding(corpus: train, merges: merges, alphabet: validation)
            return (.bytePair(encoding), try encoding.encode(train), try encoding.encode(validation))
        default:
            throw CLIError("--tokenizer \(tokenizer) is not char or bpe")
        }
    }

    /// `count` random windows of `length` symbols and their next symbols, `[count, length]` each.
    static func windows(_ symbols: [Int], count: Int, length: Int, using generator: inout RandomGenerator) -> (Tensor, Tensor) {
        var inputs: [Float] = [], targets: [Float] = []
        for _ in 0..<count {
            let start = Int(generator.next() % UInt64(symbols.count - length - 1))
            inputs += symbols[start..<(start + length)].map(Float.init)
            targets += symbols[(start + 1)...(start + length)].map(Float.init)
        }
        return (Tensor(shape: [count, length], scalars: inputs), Tensor(shape: [count, length], scalars: targets))
    }

    /// The mean loss over `batches` in inference mode.
    static func meanLoss(_ model: GPT, _ batches: [(Tensor, Tensor)]) -> Float {
        model.eval()
        defer { model.train() }
        let total = withoutGradient { batches.reduce(Float(0)) { $0 + model.loss(tokens: $1.0, targets: $1.1).value.scalars[0] } }
        return total / Float(batches.count)
    }
}
