import AprendizData

/// The tokenizer of a `train-lm` model (§25.6): one symbol per character, or byte-pair encoding
/// (`BytePairEncoding`, learnt on the training part of the text) whose symbols are the characters
/// plus one per merge. Saved with the model (``LanguageModelFile``, ``TokenizerMetadata``).
package enum LanguageModelTokenizer: Equatable, Sendable {
    case character(CharacterVocabulary)
    case bytePair(BytePairEncoding)

    /// The number of symbols (the model's vocabulary size).
    package var count: Int {
        switch self {
        case .character(let vocabulary): vocabulary.count
        case .bytePair(let encoding): encoding.count
        }
    }

    /// The symbols of `text`.
    /// - Throws: `CharacterVocabularyError` for a character the tokenizer does not know.
    package func encode(_ text: String) throws -> [Int] {
        switch self {
        case .character(let vocabulary): try vocabulary.encode(text)
        case .bytePair(let encoding): try encoding.encode(text)
        }
    }

    /// The text of `symbols` (concatenated symbol texts: always whole characters, so valid UTF-8).
    package func decode(_ symbols: [Int]) -> String {
        switch self {
        case .character(let vocabulary): vocabulary.decode(symbols)
        case .bytePair(let encoding): encoding.decode(symbols)
        }
    }

    /// `char` or `bpe`, as `--tokenizer` takes it.
    package var name: String {
        switch self {
        case .character: "char"
        case .bytePair: "bpe"
        }
    }
}
