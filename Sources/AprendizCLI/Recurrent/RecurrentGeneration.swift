import Aprendiz

/// `aprendiz generate` with a recurrent language model file (`RecurrentLanguageModelFile`): reads the
/// prompt once and then draws each character from the state carried so far
/// (`RecurrentLanguageModel.generate(prompt:count:sampler:)`).
enum RecurrentGeneration {
    /// Prints `prompt` followed by `length` generated characters.
    static func run(model path: String, prompt: String, length: Int, sampler: TokenSampler) throws {
        let (model, vocabulary) = try RecurrentLanguageModelFile.load(path)
        let symbols = try LanguageModelFile.encode(prompt, with: .character(vocabulary), option: "--prompt")
        guard !symbols.isEmpty else { throw CLIError("--prompt is empty") }
        var sampler = sampler
        print(prompt + vocabulary.decode(model.generate(prompt: symbols, count: length, sampler: &sampler)))
    }
}
