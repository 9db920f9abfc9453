import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz pretrain-mlm`: pre-trains a BERT-style encoder (§25.6.1) on a text file by masked-language
/// modelling and reports the masked-token accuracy on held-out text before and after.
///
/// The text is tokenized as by `train-lm` (`--tokenizer char|bpe`, first 90 % trains, last 10 %
/// validates); two special symbols follow the tokenizer's: `[CLS]` (first position of every window) and
/// `[MASK]`. Each step draws `--batch-size` random windows of `--context − 1` symbols, prefixes `[CLS]`,
/// corrupts them with `MaskedTokens` (15 %: 80 % `[MASK]`, 10 % random, 10 % kept) and takes an AdamW
/// step on the masked-LM loss (gradient norm clipped to 1, linear warm-up over the first 10 % of the
/// steps). The accuracy is the fraction of corrupted held-out positions whose most likely token is
/// the original, on `--eval-batches` fixed, identically corrupted batches; for scale, the command also
/// prints the accuracy of always answering the most frequent training symbol. `--output` writes the
/// model with its tokenizer (`MaskedLanguageModelFile`) for `finetune-bert`.
struct PretrainMaskedLanguageModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pretrain-mlm",
        abstract: "Pre-train a BERT-style encoder by masked-language modelling on a text file; report masked-token accuracy.",
        discussion: "Example: aprendiz pretrain-mlm --text book.txt --steps 1000 --context 64 --width 64 --heads 4 --layers 2"
    )

    @Option(help: "The training text (UTF-8).") var text: String
    @Option(help: "char or bpe (as train-lm).") var tokenizer = "char"
    @Option(help: "Byte-pair merges with --tokenizer bpe.") var merges = 256
    @Option(help: "Training steps.") var steps = 1000
    @Option(help: "Windows per step.") var batchSize = 32
    @Option(help: "Context length T, [CLS] included.") var context = 64
    @Option(help: "Model width E.") var width = 64
    @Option(help: "Attention heads per block.") var heads = 4
    @Option(help: "Encoder blocks.") var layers = 2
    @Option(help: "Dropout probability.") var dropout: Float = 0.1
    @Option(name: [.customLong("learning-rate"), .customLong("lr")], help: "AdamW peak learning rate.") var learningRate: Float = 1e-3
    @Option(help: "Steps between held-out accuracies.") var evalInterval = 250
    @Option(help: "Held-out batches for the accuracy.") var evalBatches = 8
    @Option(help: "Seed of the initial weights, the windows and the masks.") var seed: UInt64 = 0
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Option(help: "Write the pre-trained model and its tokenizer here (.safetensors; `finetune-bert --model` reads it).")
    var output: String?

    func run() throws {
        try applyThreadCount(threads)
        let corpus = try TrainLanguageModelCommand.readCorpus(text, steps: steps, batchSize: batchSize, context: context, width: width,
                                                              heads: heads, layers: layers, evalInterval: evalInterval,
                                                              evalBatches: evalBatches)
        let (symbolizer, train, validation) = try TrainLanguageModelCommand.tokenize(corpus, tokenizer: tokenizer, merges: merges)
        guard validation.count > context, train.count > context else {
            throw CLIError("--text \(text) is too short for windows of --context \(context)")
        }
        let (cls, mask) = (symbolizer.count, symbolizer.count + 1)
        var generator = RandomGenerator(seed: seed)
        let model = BERT(BERTConfiguration(vocabularySize: symbolizer.count + 2, contextLength: context, modelDimension: width,
                                           headCount: heads, layerCount: layers, dropout: dropout),
                         using: &generator)
        func batch(_ symbols: [Int], using generator: inout RandomGenerator) -> (input: Tensor, labels: Tensor) {
            var scalars: [Float] = []
            for _ in 0..<batchSize {
                let start = Int(generator.next() % UInt64(symbols.count - context + 1))
                scalars += [Float(cls)] + symbols[start..<(start + context - 1)].map(Float.init)
            }
            return MaskedTokens.corrupt(Tensor(shape: [batchSize, context], scalars: scalars), mask: mask,
                                        randomTokens: 0..<symbolizer.count, protected: [cls], using: &generator)
        }
        var evaluation = RandomGenerator(seed: seed &+ 1)
        let held = (0..<evalBatches).map { _ in batch(validation, using: &evaluation) }
        let optimizer = AdamW(parameters: model.parameters(), learningRate: learningRate, rule: AdamWRule())
        print("vocabulary \(symbolizer.count) + [CLS] + [MASK], \(train.count) training and \(validation.count) validation symbols, "
              + "\(model.parameters().reduce(0) { $0 + $1.value.count }) parameters")
        var frequency = [Int](repeating: 0, count: symbolizer.count)
        for symbol in train { frequency[symbol] += 1 }
        let commonest = frequency.indices.max { frequency[$0] < frequency[$1] }!
        let labelled = held.flatMap { $0.labels.scalars.filter { $0 != Float(MaskedTokens.ignored) } }
        let baseline = Double(labelled.filter { $0 == Float(commonest) }.count) / Double(labelled.count)
        print("always the most frequent training symbol '\(symbolizer.decode([commonest]))': accuracy "
              + String(format: "%.4f", baseline))
        let before = Self.accuracy(model, held)
        print(String(format: "step     0  held-out masked-token accuracy %.4f", before))
        let start = Date(), warmUp = max(1, steps / 10)
        var after = before
        for step in 1...steps {
            let (input, labels) = batch(train, using: &generator)
            optimizer.learningRate = learningRate * min(1, Float(step) / Float(warmUp))
            optimizer.zeroGrad()
            let loss = model.maskedLanguageModelLoss(input, labels: labels)
            loss.backward()
            _ = clipGradients(model.parameters(), maxNorm: 1)
            optimizer.step()
            if step % evalInterval == 0 || step == steps {
                after = Self.accuracy(model, held)
                print(String(format: "step %5d  masked-LM loss %.4f  held-out masked-token accuracy %.4f  (%.0f s)", step,
                             loss.value.scalars[0], after, Date().timeIntervalSince(start)))
            }
        }
        print(String(format: "masked-token accuracy %.4f before, %.4f after %d steps (%.0f s)", before, after, steps,
                     Date().timeIntervalSince(start)))
        if let output {
            try MaskedLanguageModelFile.save(model, tokenizer: symbolizer, to: output,
                                             metadata: ["aprendiz.bert.maskedTokenAccuracy": String(after)])
            print("model written to \(output)")
        }
    }

    /// The fraction of labelled positions whose most likely token is the label (inference mode).
    static func accuracy(_ model: BERT, _ batches: [(input: Tensor, labels: Tensor)]) -> Double {
        model.eval()
        defer { model.train() }
        var correct = 0, total = 0
        let width = model.configuration.vocabularySize
        for (input, labels) in batches {
            let logits = withoutGradient { model.maskedLanguageModelLogits(input) }.value.scalars
            for (position, label) in labels.scalars.enumerated() where label != Float(MaskedTokens.ignored) {
                let row = logits[(position * width)..<((position + 1) * width)]
                if row.indices.max(by: { row[$0] < row[$1] })! - position * width == Int(label) { correct += 1 }
                total += 1
            }
        }
        return Double(correct) / Double(max(total, 1))
    }
}
