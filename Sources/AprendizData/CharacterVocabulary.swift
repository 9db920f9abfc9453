import AprendizTensor

/// The characters of a text as symbol indices, for character-level language models (§23.4).
///
/// ```
/// vocabulary = the distinct characters of the text, sorted by Unicode scalar value
/// encode("aba") = [index(a), index(b), index(a)],   decode(encode(s)) = s
/// windows: inputs = symbols[k … k + n − 1],  targets = symbols[k + 1 … k + n]   (next-character prediction)
/// ```
/// Characters are Swift `Character`s (extended grapheme clusters), so accented Portuguese letters are
/// one symbol each whatever their UTF-8 length.
public struct CharacterVocabulary: Sendable, Equatable {
    /// The symbols, index by index.
    public let characters: [Character]
    private let indices: [Character: Int]

    /// The vocabulary of `text` (its distinct characters, sorted).
    public init(text: String) {
        self.init(characters: Array(Set(text)).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) })
    }

    /// A vocabulary of the given symbols, in this order (each once).
    public init(characters: [Character]) {
        require(Set(characters).count == characters.count, "CharacterVocabulary: repeated characters")
        self.characters = characters
        indices = Dictionary(uniqueKeysWithValues: characters.enumerated().map { ($1, $0) })
    }

    /// The number of symbols.
    public var count: Int { characters.count }

    /// The symbol index of each character of `text`.
    /// - Throws: ``CharacterVocabularyError/unknownCharacter(_:)`` for a character outside the vocabulary.
    public func encode(_ text: String) throws -> [Int] {
        try text.map { character in
            guard let index = indices[character] else { throw CharacterVocabularyError.unknownCharacter(character) }
            return index
        }
    }

    /// The text of the given symbol indices.
    public func decode(_ symbols: [Int]) -> String {
        String(symbols.map { index in
            require(index >= 0 && index < count, "CharacterVocabulary: symbol \(index) is not in 0..<\(count)")
            return characters[index]
        })
    }

    /// Next-character windows of `length` over `symbols`, starting every `stride` symbols:
    /// inputs `[windows, length]` and targets (the same windows shifted by one) `[windows, length]`.
    public func windows(_ symbols: [Int], length: Int, stride: Int) -> (inputs: Tensor, targets: Tensor) {
        require(length >= 1 && stride >= 1, "CharacterVocabulary: invalid window length \(length) or stride \(stride)")
        require(symbols.count > length, "CharacterVocabulary: \(symbols.count) symbols are too few for windows of \(length)")
        let starts = Array(Swift.stride(from: 0, through: symbols.count - length - 1, by: stride))
        let inputs = starts.flatMap { symbols[$0..<($0 + length)].map(Float.init) }
        let targets = starts.flatMap { symbols[($0 + 1)...($0 + length)].map(Float.init) }
        return (Tensor(shape: [starts.count, length], scalars: inputs), Tensor(shape: [starts.count, length], scalars: targets))
    }
}

/// Why a text could not be encoded.
public enum CharacterVocabularyError: Error, Equatable, CustomStringConvertible {
    /// The character is not in the vocabulary.
    case unknownCharacter(Character)

    public var description: String {
        switch self {
        case .unknownCharacter(let character): "vocabulary: the character '\(character)' is not in the vocabulary"
        }
    }
}
