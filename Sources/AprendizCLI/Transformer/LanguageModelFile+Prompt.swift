import Aprendiz

extension LanguageModelFile {
    /// The symbols of `text`, or a `CLIError` naming `option` and the first character the model does not know.
    static func encode(_ text: String, with tokenizer: LanguageModelTokenizer, option: String) throws -> [Int] {
        do {
            return try tokenizer.encode(text)
        } catch {
            throw CLIError("\(option): \(error) of the model")
        }
    }
}
