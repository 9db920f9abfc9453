import AprendizData
import Foundation

/// How a language-model file stores its tokenizer in the safetensors metadata: a character tokenizer as its
/// characters in index order (`aprendiz.vocabulary`), a byte-pair encoding as its JSON (`aprendiz.bpe`: symbol
/// texts and merges).
///
/// Read back, the tokenizer must be one that training could have produced, or encoding a prompt would trap:
///
/// ```
/// characters: c₀ … c_{V−1}, distinct (as Swift compares characters: canonical equivalence)
/// byte pairs: t₀ … t_{k−1} distinct single characters, then for merge r = [a, b] (a, b < k + r): t_{k+r} = t_a + t_b
/// ```
package enum TokenizerMetadata {
    /// The metadata key of a character tokenizer (also the recurrent language model's vocabulary).
    package static let vocabularyKey = "aprendiz.vocabulary"
    /// The metadata key of a byte-pair encoding.
    package static let bytePairKey = "aprendiz.bpe"

    /// The metadata entries that store `tokenizer`.
    package static func entries(_ tokenizer: LanguageModelTokenizer) throws -> [String: String] {
        switch tokenizer {
        case .character(let vocabulary): [vocabularyKey: String(vocabulary.characters)]
        case .bytePair(let encoding): [bytePairKey: String(decoding: try JSONEncoder().encode(encoding), as: UTF8.self)]
        }
    }

    /// The tokenizer stored in `metadata` by ``entries(_:)``, or `nil` when there is none or its JSON does not decode.
    /// - Throws: ``ModelFileContentError`` naming `path` when it decodes but contradicts itself.
    package static func tokenizer(_ metadata: [String: String], path: String) throws(ModelFileContentError) -> LanguageModelTokenizer? {
        if let json = metadata[bytePairKey] {
            guard let encoding = try? JSONDecoder().decode(BytePairEncoding.self, from: Data(json.utf8)) else { return nil }
            if let problem = problem(of: encoding) {
                throw ModelFileContentError(path, "\(path): invalid byte-pair tokenizer in '\(bytePairKey)': \(problem)")
            }
            return .bytePair(encoding)
        }
        guard let characters = metadata[vocabularyKey] else { return nil }
        return .character(try characterVocabulary(characters, path: path))
    }

    /// The vocabulary whose symbols are the characters of `text`, in order.
    /// - Throws: ``ModelFileContentError`` naming `path` when a character repeats.
    package static func characterVocabulary(_ text: String, path: String) throws(ModelFileContentError) -> CharacterVocabulary {
        var seen = Set<Character>()
        for character in text where !seen.insert(character).inserted {
            throw ModelFileContentError(path, "\(path): the vocabulary in '\(vocabularyKey)' repeats the character '\(character)'")
        }
        return CharacterVocabulary(characters: Array(text))
    }

    /// Why `encoding` is not one that `BytePairEncoding(corpus:merges:)` could have learnt, or `nil`.
    static func problem(of encoding: BytePairEncoding) -> String? {
        let tokens = encoding.tokens, base = tokens.count - encoding.merges.count
        guard base >= 1 else { return "\(encoding.merges.count) merges for \(tokens.count) symbols leave no characters" }
        var seen = Set<Character>()
        for (index, token) in tokens[..<base].enumerated() {
            guard token.count == 1, let character = token.first else { return "symbol \(index) '\(token)' is not one character" }
            guard seen.insert(character).inserted else { return "the character '\(token)' repeats" }
        }
        for (rank, pair) in encoding.merges.enumerated() {
            let merged = base + rank
            guard pair.count == 2, pair.allSatisfy({ (0..<merged).contains($0) }) else {
                return "merge \(rank) \(pair) does not name two earlier symbols (0..<\(merged))"
            }
            let (first, second) = (tokens[pair[0]], tokens[pair[1]])
            guard tokens[merged].utf8.count == first.utf8.count + second.utf8.count, tokens[merged] == first + second else {
                return "symbol \(merged) is not the concatenation of its merge \(pair)"
            }
        }
        return nil
    }
}
