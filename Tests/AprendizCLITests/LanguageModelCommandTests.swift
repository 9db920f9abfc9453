import Aprendiz
import Foundation
import Testing
@testable import AprendizCLI

/// `train-lm`, `generate` and `explain attention` end to end on a small text: the model file
/// round-trips (configuration and vocabulary), greedy generation gives the same text with and without
/// the key/value cache, the heat maps are well-formed SVG, and bad input names what is wrong.
@Suite struct LanguageModelCommandTests {
    static func trainedModel(_ tokenizer: [String] = []) throws -> (folder: URL, model: String) {
        let folder = try temporaryFolder()
        let text = folder.appendingPathComponent("text.txt")
        try String(repeating: "o gato subiu no telhado e a gata desceu da árvore. ", count: 40)
            .write(to: text, atomically: true, encoding: .utf8)
        let model = folder.appendingPathComponent("gpt.safetensors").path
        try runCommand(TrainLanguageModelCommand.self, ["--text", text.path, "--steps", "3", "--batch-size", "2",
                                                        "--context", "16", "--width", "8", "--heads", "2", "--layers", "1",
                                                        "--eval-interval", "3", "--eval-batches", "1", "--output", model] + tokenizer)
        return (folder, model)
    }

    /// `--tokenizer bpe`: the encoding saved in the model file is the one learnt on the training part
    /// (first 90 % of the characters) and gives the same symbols after loading; generated symbols decode
    /// to text that round-trips through UTF-8, and the heat maps are labelled by token.
    @Test func bytePairTokenizerIsSavedAndDecodes() throws {
        let (folder, model) = try Self.trainedModel(["--tokenizer", "bpe", "--merges", "20"])
        let (gpt, tokenizer) = try LanguageModelFile.load(model)
        let corpus = String(repeating: "o gato subiu no telhado e a gata desceu da árvore. ", count: 40)
        let characters = Array(corpus), split = characters.count * 9 / 10
        let expected = BytePairEncoding(corpus: String(characters[..<split]), merges: 20, alphabet: String(characters[split...]))
        #expect(tokenizer == .bytePair(expected))
        #expect(gpt.configuration.vocabularySize == expected.count && expected.merges.count == 20)
        let prompt = "a gata subiu"
        #expect(try tokenizer.encode(prompt) == expected.encode(prompt))
        #expect(try tokenizer.encode(prompt).count < prompt.count, "merges shorten the text")
        var sampler = TokenSampler(temperature: 1, seed: 3)
        let generated = gpt.generate(prompt: try tokenizer.encode(prompt), count: 30, sampler: &sampler)
        let text = tokenizer.decode(generated)
        #expect(String(decoding: Array(text.utf8), as: UTF8.self) == text && text.count >= 30)
        try runCommand(GenerateCommand.self, ["--model", model, "--prompt", "a gata", "--tokens", "5"])
        let output = folder.appendingPathComponent("attention").path
        try runCommand(ExplainAttentionCommand.self, ["--model", model, "--text", "a gata", "--output", output])
        let svg = try String(contentsOfFile: (output as NSString).appendingPathComponent("block1-head1.svg"), encoding: .utf8)
        #expect(isWellFormedXML(svg))
        let bad = errorMessage { try runCommand(TrainLanguageModelCommand.self, ["--text", folder.appendingPathComponent("text.txt").path,
                                                                                 "--tokenizer", "words"]) }
        #expect(bad?.contains("--tokenizer words") == true)
    }

    @Test func modelFileRoundTripsAndCachedGenerationMatches() throws {
        let (_, model) = try Self.trainedModel()
        let (gpt, vocabulary) = try LanguageModelFile.load(model)
        #expect(gpt.configuration == GPTConfiguration(vocabularySize: vocabulary.count, contextLength: 16, modelDimension: 8,
                                                      headCount: 2, layerCount: 1, dropout: 0.1))
        #expect(vocabulary == .character(CharacterVocabulary(text: "o gato subiu no telhado e a gata desceu da árvore. ")))
        let prompt = try vocabulary.encode("o gato")
        var cached = TokenSampler.greedy, recomputed = TokenSampler.greedy
        #expect(gpt.generate(prompt: prompt, count: 20, sampler: &cached)
                    == gpt.generate(prompt: prompt, count: 20, sampler: &recomputed, useCache: false))
        try runCommand(GenerateCommand.self, ["--model", model, "--prompt", "o gato", "--tokens", "5", "--top-k", "3"])
    }

    @Test func explainAttentionWritesOneHeatMapPerHead() throws {
        let (folder, model) = try Self.trainedModel()
        let output = folder.appendingPathComponent("attention").path
        try runCommand(ExplainAttentionCommand.self, ["--model", model, "--text", "a gata", "--output", output])
        let files = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        #expect(files == ["block1-head1.svg", "block1-head2.svg"])
        let svg = try String(contentsOfFile: (output as NSString).appendingPathComponent(files[0]), encoding: .utf8)
        #expect(isWellFormedXML(svg))
    }

    @Test func badInputNamesTheProblem() throws {
        let (folder, model) = try Self.trainedModel()
        let unknown = errorMessage { try runCommand(GenerateCommand.self, ["--model", model, "--prompt", "xyzw"]) }
        #expect(unknown?.contains("--prompt") == true && unknown?.contains("'x'") == true)
        let text = folder.appendingPathComponent("text.txt").path
        let notModel = errorMessage { try runCommand(GenerateCommand.self, ["--model", text, "--prompt", "o"]) }
        #expect(notModel?.contains(text) == true)
        let long = errorMessage {
            try runCommand(ExplainAttentionCommand.self, ["--model", model, "--text", String(repeating: "o", count: 17)])
        }
        #expect(long?.contains("17 characters") == true)
        let heads = errorMessage {
            try runCommand(TrainLanguageModelCommand.self, ["--text", text, "--width", "10", "--heads", "4"])
        }
        #expect(heads?.contains("--width 10") == true)
    }
}
