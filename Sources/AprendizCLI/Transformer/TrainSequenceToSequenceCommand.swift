import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz train-seq2seq`: trains an encoder–decoder Transformer (§25.6.3) on a digit-string task with
/// a known answer and reports the exact-match accuracy of greedy decoding on held-out strings.
///
/// The held-out set is `--test-examples` strings of 1…`--max-digits` digits (length uniform), drawn
/// first. Each training step draws `--batch-size` fresh strings the same way, skipping any of four or
/// more digits that is in the held-out set (shorter ones, at most 1 110 distinct strings, cannot be
/// both held out and learnt). The loss is the teacher-forced cross-entropy over the answer and EOS
/// (padding ignored); the gradient norm is clipped to 1 and AdamW (weight decay 0.01) takes a step
/// whose learning rate rises linearly over the first 10 % of the steps and then falls linearly to
/// near 0 at the last. `--output` writes the model (`SequenceToSequenceModelFile`); `--model FILE
/// --steps 0` reads one back and scores it on the held-out strings of the same `--seed`.
struct TrainSequenceToSequenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-seq2seq",
        abstract: "Train an encoder-decoder Transformer to reverse or sort digit strings; report exact-match accuracy.",
        discussion: "Example: aprendiz train-seq2seq --task reverse-digits --max-digits 8 --steps 1500"
    )

    @Option(help: "reverse-digits or sort-digits.") var task = "reverse-digits"
    @Option(help: "N: strings have 1…N digits.") var maxDigits = 8
    @Option(help: "Training steps.") var steps = 1500
    @Option(help: "Strings per step.") var batchSize = 64
    @Option(help: "Held-out strings for the exact-match accuracy.") var testExamples = 1000
    @Option(help: "Model width E.") var width = 64
    @Option(help: "Attention heads per block.") var heads = 4
    @Option(help: "Encoder blocks and decoder blocks (each).") var layers = 2
    @Option(help: "Dropout probability.") var dropout: Float = 0
    @Option(name: [.customLong("learning-rate"), .customLong("lr")], help: "AdamW peak learning rate.") var learningRate: Float = 1e-3
    @Option(help: "Steps between held-out accuracies.") var evalInterval = 500
    @Option(help: "Seed of the initial weights and the strings.") var seed: UInt64 = 0
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Option(help: "Write the trained model here (.safetensors); with --steps 0, --model reads it back instead.")
    var output: String?
    @Option(help: "Evaluate this model file (written by --output) on the held-out strings instead of training (needs --steps 0).")
    var model: String?

    func run() throws {
        try applyThreadCount(threads)
        guard let kind = DigitSequenceTask(rawValue: task) else {
            throw CLIError("--task \(task) is not one of \(DigitSequenceTask.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let model { return try evaluate(model, kind: kind) }
        guard maxDigits >= 1, steps >= 1, batchSize >= 1, testExamples >= 1, width >= 1, heads >= 1, layers >= 1, evalInterval >= 1 else {
            throw CLIError("--max-digits, --steps, --batch-size, --test-examples, --width, --heads, --layers and --eval-interval must be ≥ 1")
        }
        guard width % heads == 0, width % 2 == 0 else {
            throw CLIError("--width \(width) must be even and a multiple of --heads \(heads)")
        }
        var generator = RandomGenerator(seed: seed)
        let test = (0..<testExamples).map { _ in DigitSequenceTask.randomDigits(maxDigits: maxDigits, using: &generator) }
        let heldOut = Set(test.filter { $0.count >= 4 })
        let model = EncoderDecoderTransformer(
            EncoderDecoderConfiguration(sourceVocabularySize: DigitSequenceTask.vocabularySize, maxLength: maxDigits + 2,
                                        modelDimension: width, headCount: heads, encoderLayerCount: layers,
                                        decoderLayerCount: layers, dropout: dropout),
            using: &generator)
        let rule = AdamWRule()
        let optimizer = AdamW(parameters: model.parameters(), learningRate: learningRate, rule: rule)
        print("\(task), 1…\(maxDigits) digits: \(model.parameters().reduce(0) { $0 + $1.value.count }) parameters, "
              + "\(testExamples) held-out strings (\(heldOut.count) of ≥ 4 digits excluded from training)")
        let start = Date()
        let warmUp = max(1, steps / 10)
        var (accuracy, byLength) = kind.exactMatch(model, test, maxDigits: maxDigits)
        print(String(format: "step     0  held-out exact match %.4f", accuracy))
        for step in 1...steps {
            var examples: [[Int]] = []
            while examples.count < batchSize {
                let digits = DigitSequenceTask.randomDigits(maxDigits: maxDigits, using: &generator)
                if !heldOut.contains(digits) { examples.append(digits) }
            }
            let (source, padding, input, output) = kind.batch(examples, maxDigits: maxDigits)
            optimizer.learningRate = learningRate * min(Float(step) / Float(warmUp),
                                                        Float(steps - step + 1) / Float(steps - warmUp + 1))
            optimizer.zeroGrad()
            let loss = model.loss(source: source, sourcePaddingMask: padding, targetInput: input, targetOutput: output,
                                  ignoring: DigitSequenceTask.padding)
            loss.backward()
            _ = clipGradients(model.parameters(), maxNorm: 1)
            optimizer.step()
            if step % evalInterval == 0 || step == steps {
                (accuracy, byLength) = kind.exactMatch(model, test, maxDigits: maxDigits)
                print(String(format: "step %5d  train loss %.4f  held-out exact match %.4f  (%.0f s)", step,
                             loss.value.scalars[0], accuracy, Date().timeIntervalSince(start)))
            }
        }
        print("by length: " + byLength.enumerated().map { String(format: "%d: %.3f", $0.offset + 1, $0.element) }
            .joined(separator: ", "))
        print(String(format: "exact-match accuracy %.4f on %d held-out strings after %d steps (%.0f s)", accuracy,
                     testExamples, steps, Date().timeIntervalSince(start)))
        if let output {
            try SequenceToSequenceModelFile.save(model, task: kind, maxDigits: maxDigits, to: output,
                                                 metadata: ["aprendiz.seq2seq.seed": "\(seed)", "aprendiz.seq2seq.testExamples": "\(testExamples)"])
            print("model written to \(output)")
        }
    }

    /// `--model`: the exact-match accuracy of a saved model on the held-out strings that `--seed` and
    /// `--test-examples` draw (the ones the training run with the same options held out).
    private func evaluate(_ path: String, kind: DigitSequenceTask) throws {
        guard steps == 0 else { throw CLIError("--model evaluates a saved model: give --steps 0 (got \(steps))") }
        guard testExamples >= 1 else { throw CLIError("--test-examples must be ≥ 1") }
        let (model, task, digits) = try SequenceToSequenceModelFile.load(path)
        guard task == kind, digits == maxDigits else {
            throw CLIError("\(path) was trained on \(task.rawValue) with --max-digits \(digits), not \(kind.rawValue) with \(maxDigits)")
        }
        var generator = RandomGenerator(seed: seed)
        let test = (0..<testExamples).map { _ in DigitSequenceTask.randomDigits(maxDigits: maxDigits, using: &generator) }
        let accuracy = kind.exactMatch(model, test, maxDigits: maxDigits).overall
        print(String(format: "exact-match accuracy %.4f on %d held-out strings (%@)", accuracy, testExamples, path))
    }
}
