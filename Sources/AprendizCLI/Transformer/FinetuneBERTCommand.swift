import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz finetune-bert`: fine-tunes a BERT pre-trained by `pretrain-mlm` (§25.6.1) to classify texts,
/// through its classification head (the `[CLS]` pooler and a linear layer), and reports the test accuracy.
///
/// The labelled files hold one example per line, `label<TAB>text` (labels are any strings; the classes are
/// the training file's labels in order of appearance). Each text is encoded with the model's tokenizer,
/// cut to `context − 1` symbols, prefixed by `[CLS]` and padded (padding is never attended to). Every
/// parameter of the pre-trained encoder is copied; the pooler and the classifier start fresh. Each step
/// draws `--batch-size` random training examples and takes an AdamW step on the cross-entropy of the
/// classification logits (gradient norm clipped to 1, linear warm-up over the first 10 % of the steps).
/// `--from-scratch` trains the same architecture from random weights instead: the pre-training's worth.
/// `Tools/make_chapter_task.py` builds the book's task: which chapter a sentence comes from.
struct FinetuneBERTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finetune-bert",
        abstract: "Fine-tune a pre-trained BERT (pretrain-mlm --output) to classify texts; report the test accuracy.",
        discussion: "Example: aprendiz finetune-bert --model mlm.safetensors --train chapters-train.tsv --test chapters-test.tsv --steps 600"
    )

    @Option(help: "A model file written by `aprendiz pretrain-mlm --output`.") var model: String
    @Option(help: "The training examples: one `label<TAB>text` per line.") var train: String
    @Option(help: "The test examples, same format.") var test: String
    @Option(help: "Training steps.") var steps = 600
    @Option(help: "Examples per step.") var batchSize = 32
    @Option(name: [.customLong("learning-rate"), .customLong("lr")], help: "AdamW peak learning rate.") var learningRate: Float = 3e-4
    @Option(help: "Steps between test accuracies.") var evalInterval = 200
    @Flag(help: "Train the same architecture from random weights (no pre-training), for comparison.") var fromScratch = false
    @Option(help: "Seed of the head's weights and the batches.") var seed: UInt64 = 0
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Option(help: "Write the fine-tuned model here (.safetensors).") var output: String?

    func run() throws {
        try applyThreadCount(threads)
        guard steps >= 1, batchSize >= 1, evalInterval >= 1, learningRate > 0 else {
            throw CLIError("--steps, --batch-size and --eval-interval must be ≥ 1 and --learning-rate > 0")
        }
        let (pretrained, tokenizer, _) = try MaskedLanguageModelFile.load(model)
        let base = pretrained.configuration
        let trainSet = try LabelledTexts(path: train, option: "--train", tokenizer: tokenizer, classes: nil)
        let testSet = try LabelledTexts(path: test, option: "--test", tokenizer: tokenizer, classes: trainSet.classes)
        guard trainSet.classes.count >= 2 else { throw CLIError("--train \(train) has \(trainSet.classes.count) label; need ≥ 2") }
        var generator = RandomGenerator(seed: seed)
        var configuration = base
        configuration.classCount = trainSet.classes.count
        let classifier = BERT(configuration, using: &generator)
        if !fromScratch {
            let weights = Dictionary(uniqueKeysWithValues: pretrained.namedParameters().map { ($0.name, $0.parameter.value) })
            for (name, parameter) in classifier.namedParameters() { if let value = weights[name] { parameter.value = value } }
        }
        let (cls, context) = (tokenizer.count, base.contextLength)
        func batch(_ set: LabelledTexts, _ rows: [Int]) -> (tokens: Tensor, padding: Tensor, labels: Tensor) {
            var tokens: [Float] = [], padding: [Float] = []
            for row in rows {
                let symbols = [cls] + set.symbols[row].prefix(context - 1)
                tokens += symbols.map(Float.init) + [Float](repeating: 0, count: context - symbols.count)
                padding += [Float](repeating: 0, count: symbols.count) + [Float](repeating: 1, count: context - symbols.count)
            }
            return (Tensor(shape: [rows.count, context], scalars: tokens), Tensor(shape: [rows.count, context], scalars: padding),
                    Tensor(rows.map { Float(set.labels[$0]) }))
        }
        func accuracy() -> Double {
            classifier.eval()
            defer { classifier.train() }
            var correct = 0
            for first in stride(from: 0, to: testSet.labels.count, by: 256) {
                let rows = Array(first..<min(first + 256, testSet.labels.count))
                let (tokens, padding, _) = batch(testSet, rows)
                let logits = withoutGradient { classifier.classificationLogits(tokens, paddingMask: padding) }.value.scalars
                let k = trainSet.classes.count
                for (i, row) in rows.enumerated() {
                    let scores = logits[(i * k)..<((i + 1) * k)]
                    if scores.indices.max(by: { scores[$0] < scores[$1] })! - i * k == testSet.labels[row] { correct += 1 }
                }
            }
            return Double(correct) / Double(testSet.labels.count)
        }
        var counts = [Int](repeating: 0, count: trainSet.classes.count)
        for label in trainSet.labels { counts[label] += 1 }
        let majority = counts.indices.max { counts[$0] < counts[$1] }!
        print("\(trainSet.labels.count) training, \(testSet.labels.count) test examples, classes "
              + trainSet.classes.enumerated().map { "\($0.element) (\(counts[$0.offset]))" }.joined(separator: ", ")
              + (fromScratch ? "; from scratch" : "; encoder from \(model)"))
        print(String(format: "always the most frequent training class '%@': test accuracy %.4f", trainSet.classes[majority],
                     Double(testSet.labels.filter { $0 == majority }.count) / Double(testSet.labels.count)))
        let optimizer = AdamW(parameters: classifier.parameters(), learningRate: learningRate, rule: AdamWRule())
        let start = Date(), warmUp = max(1, steps / 10)
        var result = accuracy()
        print(String(format: "step     0  test accuracy %.4f", result))
        for step in 1...steps {
            let rows = (0..<batchSize).map { _ in Int(generator.next() % UInt64(trainSet.labels.count)) }
            let (tokens, padding, labels) = batch(trainSet, rows)
            optimizer.learningRate = learningRate * min(1, Float(step) / Float(warmUp))
            optimizer.zeroGrad()
            let loss = crossEntropy(logits: classifier.classificationLogits(tokens, paddingMask: padding), labels: labels)
            loss.backward()
            _ = clipGradients(classifier.parameters(), maxNorm: 1)
            optimizer.step()
            if step % evalInterval == 0 || step == steps {
                result = accuracy()
                print(String(format: "step %5d  training loss %.4f  test accuracy %.4f  (%.0f s)", step, loss.value.scalars[0], result,
                             Date().timeIntervalSince(start)))
            }
        }
        print(String(format: "test accuracy %.4f after %d steps (%.0f s)", result, steps, Date().timeIntervalSince(start)))
        if let output {
            try MaskedLanguageModelFile.save(classifier, tokenizer: tokenizer, to: output,
                                             metadata: ["aprendiz.bert.classes": trainSet.classes.joined(separator: "\t")])
            print("model written to \(output)")
        }
    }
}

/// The examples of a `label<TAB>text` file, encoded with a model's tokenizer.
struct LabelledTexts {
    /// The class names, in order of first appearance (or as given).
    let classes: [String]
    /// The class index of each example.
    let labels: [Int]
    /// The symbols of each example's text.
    let symbols: [[Int]]

    /// Reads `path`; with `classes`, every label must be one of them.
    /// - Throws: `CLIError` naming `option`, the file and the line of a malformed line, an unknown label or a
    ///   character the tokenizer does not know.
    init(path: String, option: String, tokenizer: LanguageModelTokenizer, classes known: [String]?) throws {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CLIError("cannot read \(option) \(path): \(error.localizedDescription)")
        }
        var classes = known ?? [], labels: [Int] = [], symbols: [[Int]] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw CLIError("\(option) \(path) line \(number + 1): expected 'label<TAB>text'")
            }
            let label = String(parts[0])
            if !classes.contains(label) {
                guard known == nil else { throw CLIError("\(option) \(path) line \(number + 1): label '\(label)' is not a training label") }
                classes.append(label)
            }
            labels.append(classes.firstIndex(of: label)!)
            do { symbols.append(try tokenizer.encode(String(parts[1]))) } catch {
                throw CLIError("\(option) \(path) line \(number + 1): \(error) of the model")
            }
        }
        guard !labels.isEmpty else { throw CLIError("\(option) \(path) has no examples") }
        (self.classes, self.labels, self.symbols) = (classes, labels, symbols)
    }
}
