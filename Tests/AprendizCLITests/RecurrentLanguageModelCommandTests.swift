import Aprendiz
import Foundation
import Testing
@testable import AprendizCLI

/// `train --dataset book-text|text:PATH --model lstm|gru|rnn`, `generate` on its model file and
/// `explain short-term-memory` end to end: the bundled book loads, the model file round-trips (architecture
/// and vocabulary; the same validation loss after loading), generation is reproducible for a seed, and bad
/// input names what is wrong.
@Suite struct RecurrentLanguageModelCommandTests {
    @Test func bookTextIsBundled() throws {
        let text = try BundledText.bookText.load()
        #expect(text.count == 269_962 && text.contains("APRENDIZADO DE MÁQUINA"))
    }

    @Test(arguments: ["lstm", "gru", "rnn"])
    func trainSavesAModelThatGenerates(_ cell: String) throws {
        let folder = try temporaryFolder()
        let text = folder.appendingPathComponent("text.txt")
        try String(repeating: "o gradiente desce e a memória guarda o estado. ", count: 30).write(to: text, atomically: true, encoding: .utf8)
        let model = folder.appendingPathComponent("\(cell).safetensors").path
        try runCommand(TrainCommand.self, ["--dataset", "text:\(text.path)", "--model", cell, "--param", "hidden=12",
                                           "--param", "steps=4", "--param", "sequence=20", "--param", "embedding=5",
                                           "--batch-size", "3", "--save", model, "--quiet"])
        let (loaded, vocabulary) = try RecurrentLanguageModelFile.load(model)
        #expect(loaded.configuration == RecurrentLanguageModelConfiguration(cell: RecurrentCell(name: cell)!, vocabularySize: vocabulary.count,
                                                                             embeddingDimension: 5, hiddenCount: 12, layerCount: 1))
        #expect(vocabulary == CharacterVocabulary(text: try String(contentsOf: text, encoding: .utf8)))
        let symbols = try vocabulary.encode(try String(contentsOf: text, encoding: .utf8))
        let held = RecurrentLanguageModelTraining.consecutiveWindows(Array(symbols[(symbols.count * 9 / 10)...]), length: 20)
        let saved = try SafetensorsArchive(contentsOf: URL(fileURLWithPath: model)).metadata["validation_loss"].flatMap(Float.init)
        let recomputed = withoutGradient { loaded.loss(tokens: held.0, targets: held.1).value.scalars[0] }
        #expect(saved.map { abs($0 - recomputed) < 1e-5 } == true, "validation loss \(String(describing: saved)) vs \(recomputed) after loading")
        var first = TokenSampler(temperature: 0.8, seed: 9), second = TokenSampler(temperature: 0.8, seed: 9)
        let prompt = try vocabulary.encode("o gradiente")
        #expect(loaded.generate(prompt: prompt, count: 40, sampler: &first) == loaded.generate(prompt: prompt, count: 40, sampler: &second))
        try runCommand(GenerateCommand.self, ["--model", model, "--prompt", "o gradiente", "--length", "20", "--temperature", "0.8"])
        let unknown = errorMessage { try runCommand(GenerateCommand.self, ["--model", model, "--prompt", "xyz", "--length", "5"]) }
        #expect(unknown?.contains("--prompt") == true)
    }

    @Test func badInputNamesWhatIsWrong() throws {
        let notText = errorMessage { try runCommand(TrainCommand.self, ["--dataset", "book-text", "--model", "mlp"]) }
        #expect(notText?.contains("--dataset book-text is a text") == true)
        let notRecurrent = errorMessage { try runCommand(TrainCommand.self, ["--dataset", "iris", "--model", "lstm"]) }
        #expect(notRecurrent?.contains("--dataset iris is not a text") == true)
        let parameter = errorMessage { try runCommand(TrainCommand.self, ["--dataset", "book-text", "--model", "gru", "--param", "width=3"]) }
        #expect(parameter?.contains("--param width: unknown parameter for gru") == true)
        let missing = errorMessage { try runCommand(TrainCommand.self, ["--dataset", "text:/nonexistent/book.txt", "--model", "rnn"]) }
        #expect(missing?.contains("/nonexistent/book.txt") == true)
    }

    /// A short run of the recall task: the output names every cell and lag, and the SVG is well-formed.
    @Test func shortTermMemoryRuns() throws {
        let output = try temporaryFolder().appendingPathComponent("memory.svg").path
        try runCommand(ExplainShortTermMemoryCommand.self, ["--lags", "3,6", "--steps", "5", "--hidden", "6", "--output", output])
        #expect(isWellFormedXML(try String(contentsOfFile: output, encoding: .utf8)))
        let task = RecallTask(symbols: 3)
        var generator = RandomGenerator(seed: 1)
        let (inputs, labels) = task.batch(count: 4, lag: 5, using: &generator)
        #expect(inputs.shape == [4, 5, 6] && labels.shape == [4])
        for b in 0..<4 {  // step 0 is the signal, one-hot; later steps are distractors (indices 3…5)
            let first = Array(inputs.scalars[(b * 5 * 6)..<(b * 5 * 6 + 6)])
            #expect(first[Int(labels.scalars[b])] == 1 && first.reduce(0, +) == 1)
            for t in 1..<5 {
                let row = Array(inputs.scalars[((b * 5 + t) * 6)..<((b * 5 + t) * 6 + 6)])
                #expect(row[0..<3].allSatisfy { $0 == 0 } && row[3...].reduce(0, +) == 1)
            }
        }
    }
}
