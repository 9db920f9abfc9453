import AprendizTensor

/// A byte-pair-encoding tokenizer over characters (§25.6; Sennrich, Haddow & Birch 2016): starting from
/// the characters of a corpus, repeatedly merge the most frequent adjacent pair of symbols into a new
/// symbol, and tokenize new text by replaying the merges in the order they were learned.
///
/// ```
/// training:  symbols = characters of the corpus
///            repeat `merges` times: (a, b) = the adjacent pair with the highest count
///                                   (ties: the pair that occurs first); stop when no pair occurs twice
///                                   replace every non-overlapping a b, left to right, by the symbol ab
/// encoding:  characters, then each learned merge in order (left to right)
/// decoding:  concatenate the symbols' strings
/// ```
/// Symbols are ``tokens`` indices: the corpus's distinct characters first (sorted as
/// ``CharacterVocabulary``), then one per merge. Works on Swift `Character`s, not bytes, so a Portuguese
/// letter is one starting symbol. Codable, to be saved with a model.
public struct BytePairEncoding: Sendable, Equatable, Codable {
    /// Every symbol's text, index by index.
    public private(set) var tokens: [String]
    /// The learned merges, in order, as pairs of symbol indices.
    public private(set) var merges: [[Int]]

    /// Learns up to `merges` merges from `corpus`.
    /// - Parameters:
    ///   - corpus: the training text.
    ///   - count: the most merges to learn (fewer when no pair occurs twice).
    ///   - alphabet: further characters to have as starting symbols although `corpus` lacks them
    ///     (say, those of a validation text), so any text over `corpus + alphabet` can be encoded.
    public init(corpus: String, merges count: Int, alphabet: String = "") {
        require(count >= 0, "BytePairEncoding: merge count \(count) is negative")
        let characters = CharacterVocabulary(text: corpus + alphabet)
        tokens = characters.characters.map(String.init)
        merges = []
        var symbols = try! characters.encode(corpus)
        for _ in 0..<count {
            guard let pair = Self.mostFrequentPair(symbols) else { break }
            let merged = tokens.count
            tokens.append(tokens[pair.0] + tokens[pair.1])
            merges.append([pair.0, pair.1])
            symbols = Self.replacing(pair, with: merged, in: symbols)
        }
    }

    /// The number of symbols.
    public var count: Int { tokens.count }

    /// The symbol indices of `text`.
    /// - Throws: ``CharacterVocabularyError/unknownCharacter(_:)`` for a character the corpus did not have.
    public func encode(_ text: String) throws -> [Int] {
        let base = CharacterVocabulary(characters: tokens.prefix(count - merges.count).map { Character($0) })
        var symbols = try base.encode(text)
        for (rank, pair) in merges.enumerated() {
            symbols = Self.replacing((pair[0], pair[1]), with: count - merges.count + rank, in: symbols)
        }
        return symbols
    }

    /// The text of `symbols`.
    public func decode(_ symbols: [Int]) -> String {
        symbols.map { index in
            require(index >= 0 && index < count, "BytePairEncoding: symbol \(index) is not in 0..<\(count)")
            return tokens[index]
        }.joined()
    }

    /// The adjacent pair with the highest count ≥ 2 (ties: first occurrence), or `nil`.
    private static func mostFrequentPair(_ symbols: [Int]) -> (Int, Int)? {
        var counts: [Int: (count: Int, first: Int)] = [:]
        for i in 0..<max(symbols.count - 1, 0) {
            counts[symbols[i] << 32 | symbols[i + 1], default: (0, i)].count += 1
        }
        let best = counts.filter { $0.value.count >= 2 }.min {
            ($0.value.count, -$0.value.first) > ($1.value.count, -$1.value.first)
        }
        return best.map { ($0.key >> 32, $0.key & 0xFFFF_FFFF) }
    }

    /// `symbols` with every non-overlapping occurrence of `pair`, left to right, replaced by `merged`.
    private static func replacing(_ pair: (Int, Int), with merged: Int, in symbols: [Int]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(symbols.count)
        var i = 0
        while i < symbols.count {
            if i + 1 < symbols.count && symbols[i] == pair.0 && symbols[i + 1] == pair.1 {
                result.append(merged)
                i += 2
            } else {
                result.append(symbols[i])
                i += 1
            }
        }
        return result
    }
}
