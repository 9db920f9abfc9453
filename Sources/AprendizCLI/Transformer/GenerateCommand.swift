import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz generate`: continues a prompt with a GPT trained by `aprendiz train-lm` (§25.6.2), sampling
/// with temperature, top-k and top-p and a key/value cache.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate text with a GPT or recurrent language model file (temperature, top-k, top-p sampling).",
        discussion: "Example: aprendiz generate --model gpt.safetensors --prompt \"A rede \" --tokens 200 --temperature 0.8 --top-k 20"
    )

    @Option(help: "A model file written by `aprendiz train-lm` or `aprendiz train --dataset book-text --model lstm|gru|rnn`.")
    var model: String
    @Option(help: "The text to continue (characters the model's tokenizer knows).") var prompt: String
    @Option(name: [.customLong("tokens"), .customLong("length")], help: "How many tokens (characters, or byte-pair symbols) to generate.")
    var tokens = 200
    @Option(help: "Sampling temperature τ (0: greedy).") var temperature: Float = 1
    @Option(help: "Keep only the k most likely characters.") var topK: Int?
    @Option(help: "Keep the smallest set of most likely characters whose probability reaches p.") var topP: Float?
    @Option(help: "Seed of the draws.") var seed: UInt64 = 0
    @Flag(help: "Recompute every position at each step instead of using the key/value cache.") var noCache = false

    func run() throws {
        guard tokens >= 0 else { throw CLIError("--tokens must be ≥ 0, got \(tokens)") }
        guard temperature >= 0, temperature.isFinite else { throw CLIError("--temperature must be ≥ 0, got \(temperature)") }
        if let topK, topK < 1 { throw CLIError("--top-k must be ≥ 1, got \(topK)") }
        if let topP, !(topP > 0 && topP <= 1) { throw CLIError("--top-p must be in (0, 1], got \(topP)") }
        if try RecurrentLanguageModelFile.holdsRecurrentModel(model) {
            return try RecurrentGeneration.run(model: model, prompt: prompt, length: tokens,
                                               sampler: TokenSampler(temperature: temperature, topK: topK, topP: topP, seed: seed))
        }
        let (gpt, tokenizer) = try LanguageModelFile.load(model)
        let symbols = try LanguageModelFile.encode(prompt, with: tokenizer, option: "--prompt")
        guard !symbols.isEmpty else { throw CLIError("--prompt is empty") }
        var sampler = TokenSampler(temperature: temperature, topK: topK, topP: topP, seed: seed)
        let generated = gpt.generate(prompt: symbols, count: tokens, sampler: &sampler, useCache: !noCache)
        print(prompt + tokenizer.decode(generated))
    }
}
