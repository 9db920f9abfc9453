import AprendizData
import Testing

/// Byte-pair encoding on Wikipedia's example corpus, with the merges derived by hand, and round trips.
@Suite struct BytePairEncodingTests {
    /// "aaabdaaabac": pair counts aa 4, ab 2, … → Z = aa gives "ZabdZabac"; then Za and ab both occur
    /// twice and Za occurs first → Y = aaa gives "YbdYbac"; then Yb twice → X = aaab gives "XdXac"; no
    /// pair occurs twice any more, so a fourth merge is not learned.
    @Test func mergesFollowTheHandDerivation() throws {
        let bpe = BytePairEncoding(corpus: "aaabdaaabac", merges: 10)
        #expect(bpe.tokens == ["a", "b", "c", "d", "aa", "aaa", "aaab"])
        #expect(bpe.merges == [[0, 0], [4, 0], [5, 1]])
        let symbols = try bpe.encode("aaabdaaabac")
        #expect(symbols == [6, 3, 6, 0, 2])
        #expect(bpe.decode(symbols) == "aaabdaaabac")
    }

    @Test func newTextReplaysTheMergesInOrder() throws {
        let bpe = BytePairEncoding(corpus: "aaabdaaabac", merges: 10)
        // "aaaa": aa aa → Z Z; ZZ is not a merge; Za needs an a after Z: none → [aa, aa].
        #expect(try bpe.encode("aaaa") == [4, 4])
        #expect(try bpe.encode("baaab") == [1, 6])
        #expect(throws: CharacterVocabularyError.unknownCharacter("x")) { try bpe.encode("xa") }
    }

    @Test func portugueseTextRoundTrips() throws {
        let corpus = String(repeating: "a aprendizagem de máquina aprende padrões. ", count: 5)
        let bpe = BytePairEncoding(corpus: corpus, merges: 30)
        let symbols = try bpe.encode(corpus)
        #expect(bpe.decode(symbols) == corpus)
        #expect(symbols.count < corpus.count / 3)
        #expect(bpe.merges.count == 30)
    }
}
