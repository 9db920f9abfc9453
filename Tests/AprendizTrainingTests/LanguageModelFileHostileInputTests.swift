import Aprendiz
import Foundation
import Testing

/// The model files of `train-lm`, `pretrain-mlm`, `train-seq2seq`, `train-vit`, `train --model lstm` and `rbm --save`
/// with hostile metadata (found by reading the readers): each is a thrown error naming the file, raised before the
/// model allocates anything. Before the checks, every "trap" case below stopped the process (a `require` in a
/// layer, `CharacterVocabulary` or `Character(String)`, an arithmetic overflow) and every "size" case allocated
/// what the metadata asked for.
@Suite struct LanguageModelFileHostileInputTests {
    static let path = "hostile-model.safetensors"
    /// A GPT of 3 symbols, width 4, 2 heads, 1 block: its 200-odd parameters are the values every archive here stores.
    static let tiny = GPTConfiguration(vocabularySize: 3, contextLength: 4, modelDimension: 4, headCount: 2, layerCount: 1,
                                       feedForwardDimension: 8, dropout: 0)

    /// The tiny GPT's parameters with `metadata`.
    static func archive(_ metadata: [String: String]) -> SafetensorsArchive {
        var generator = RandomGenerator(seed: 1)
        let model = GPT(tiny, using: &generator)
        var tensors: [String: SafetensorsTensor] = [:]
        for (name, parameter) in model.namedParameters() { tensors[name] = SafetensorsTensor(parameter.value) }
        return SafetensorsArchive(tensors: tensors, metadata: metadata)
    }

    /// The error `read` throws (its message must name the file), or `nil`.
    static func message(_ read: (SafetensorsArchive, String) throws -> Void, _ metadata: [String: String]) -> String? {
        do {
            try read(archive(metadata), path)
            return nil
        } catch {
            return "\(error)"
        }
    }

    static func gpt(_ configuration: String, _ tokenizer: [String: String] = ["aprendiz.vocabulary": "abc"]) -> String? {
        message({ _ = try LanguageModelFile.read($0, path: $1) }, tokenizer.merging(["aprendiz.gpt": configuration]) { $1 })
    }

    static func gptJSON(vocabulary: Int = 3, context: Int = 4, width: Int = 4, heads: Int = 2, layers: Int = 1,
                        feedForward: Int = 8, dropout: String = "0") -> String {
        #"{"vocabularySize":\#(vocabulary),"contextLength":\#(context),"modelDimension":\#(width),"headCount":\#(heads),"#
            + #""layerCount":\#(layers),"feedForwardDimension":\#(feedForward),"dropout":\#(dropout),"tiedHead":true}"#
    }

    @Test func theTinyFileIsRead() throws {
        let (model, tokenizer) = try LanguageModelFile.read(Self.archive(["aprendiz.gpt": Self.gptJSON(), "aprendiz.vocabulary": "abc"]),
                                                            path: Self.path)
        #expect(model.configuration == Self.tiny && tokenizer.count == 3)
        #expect(try tokenizer.encode("cab") == [2, 0, 1])
    }

    @Test(arguments: [
        // Size: a context of 2⁶² rows of the positional embedding.
        (gptJSON(context: 1 << 62), "the file stores"),
        // Size: a width whose square overflows Int.
        (gptJSON(width: 1 << 62, heads: 1), "the file stores"),
        // Size: 10⁶ blocks.
        (gptJSON(layers: 1_000_000), "the file stores"),
        // Trap (MultiHeadAttention): a width that is not a multiple of the heads.
        (gptJSON(width: 4, heads: 3), "invalid GPT configuration"),
        // Trap (GPT): no block.
        (gptJSON(layers: 0), "invalid GPT configuration"),
        // Trap (Dropout): a probability of 1.5.
        (gptJSON(dropout: "1.5"), "invalid GPT configuration"),
        // Trap (Dense): a negative feed-forward width.
        (gptJSON(feedForward: -8), "invalid GPT configuration"),
        // A vocabulary of 10⁹ against a tokenizer of 3.
        (gptJSON(vocabulary: 1_000_000_000), "its tokenizer has 3 symbols but the model 1000000000"),
    ])
    func hostileGPTConfigurations(json: String, expected: String) throws {
        let message = try #require(Self.gpt(json))
        #expect(message.contains(Self.path) && message.contains(expected), "\(message)")
    }

    @Test(arguments: [
        // Trap (CharacterVocabulary): a repeated character.
        (["aprendiz.vocabulary": "aba"], "repeats the character 'a'"),
        // Trap: "é" and "e" + U+0301 are one Character to Swift (canonical equivalence).
        (["aprendiz.vocabulary": "\u{E9}e\u{301}c"], "repeats the character"),
        // Merges referring to unknown ids.
        (["aprendiz.bpe": #"{"tokens":["a","b","c"],"merges":[[0,7]]}"#], "does not name two earlier symbols"),
        (["aprendiz.bpe": #"{"tokens":["a","b","c"],"merges":[[0]]}"#], "does not name two earlier symbols"),
        (["aprendiz.bpe": #"{"tokens":["a","b","c"],"merges":[[-1,0]]}"#], "does not name two earlier symbols"),
        // Trap (Character(String)): a starting symbol of two characters.
        (["aprendiz.bpe": #"{"tokens":["ab","b","c"],"merges":[]}"#], "is not one character"),
        (["aprendiz.bpe": #"{"tokens":["","b","c"],"merges":[]}"#], "is not one character"),
        // Trap (prefix of a negative count): more merges than symbols.
        (["aprendiz.bpe": #"{"tokens":["a","b","c"],"merges":[[0,0],[0,0],[0,0],[0,0]]}"#], "leave no characters"),
        // A merged symbol whose text is not its pair's.
        (["aprendiz.bpe": #"{"tokens":["a","b","ba"],"merges":[[0,1]]}"#], "is not the concatenation"),
        // Trap (CharacterVocabulary): a repeated starting symbol.
        (["aprendiz.bpe": #"{"tokens":["a","a","aa"],"merges":[[0,1]]}"#], "repeats"),
        // Not UTF-8: a lone surrogate in a token (the JSON does not decode: not a GPT file).
        (["aprendiz.bpe": #"{"tokens":["\ud800","b","c"],"merges":[]}"#], "is not a GPT model file"),
    ])
    func hostileTokenizers(tokenizer: [String: String], expected: String) throws {
        let message = try #require(Self.gpt(Self.gptJSON(), tokenizer))
        #expect(message.contains(Self.path) && message.contains(expected), "\(message)")
    }

    @Test func aParameterOfAnotherShapeIsNamed() throws {
        var archive = Self.archive(["aprendiz.gpt": Self.gptJSON(), "aprendiz.vocabulary": "abc"])
        archive.tensors["tokenEmbedding.weight"] = SafetensorsTensor(shape: [3, 5], scalars: [Float](repeating: 0, count: 15))
        let error = try #require(throws: ModelFileError.self) { try LanguageModelFile.read(archive, path: Self.path) }
        #expect("\(error)".contains(Self.path) && "\(error)".contains("[3, 5]"), "\(error)")
    }

    @Test(arguments: [
        // Size: a context of 2⁶² (the tokenizer's 3 symbols + [CLS] + [MASK] = 5).
        (#"{"vocabularySize":5,"contextLength":4611686018427387904,"modelDimension":4,"headCount":2,"layerCount":1,"feedForwardDimension":8,"dropout":0,"classCount":0}"#,
         "the file stores"),
        // Trap (Dense): a negative class count.
        (#"{"vocabularySize":5,"contextLength":4,"modelDimension":4,"headCount":2,"layerCount":1,"feedForwardDimension":8,"dropout":0,"classCount":-2}"#,
         "invalid BERT configuration"),
    ])
    func hostileBERTConfigurations(json: String, expected: String) throws {
        let message = try #require(Self.message({ _ = try MaskedLanguageModelFile.read($0, path: $1) },
                                                ["aprendiz.bert": json, "aprendiz.vocabulary": "abc"]))
        #expect(message.contains(Self.path) && message.contains(expected), "\(message)")
    }

    static func seq2seqJSON(source: Int = 12, target: Int = 12, width: Int = 4, heads: Int = 2, feedForward: Int = 8, maxLength: Int = 8,
                            shared: Bool = false) -> String {
        #"{"sourceVocabularySize":\#(source),"targetVocabularySize":\#(target),"maxLength":\#(maxLength),"modelDimension":\#(width),"#
            + #""headCount":\#(heads),"encoderLayerCount":1,"decoderLayerCount":1,"feedForwardDimension":\#(feedForward),"dropout":0,"#
            + #""activation":"relu","normFirst":true,"sharedEmbedding":\#(shared),"tiedHead":false}"#
    }

    @Test(arguments: [
        // Trap (overflow): maxDigits + 2 with maxDigits = Int.max.
        (seq2seqJSON(), "9223372036854775807", "has no valid"),
        // Trap (SinusoidalPositionalEncoding): an odd width.
        (seq2seqJSON(width: 5, heads: 1), "3", "invalid encoder-decoder configuration"),
        // Size: a sinusoidal table of 2⁴⁰ × 2 values (not stored, so not bounded by the parameters; 76 weights ≤ the 200-odd stored).
        (seq2seqJSON(source: 2, target: 2, width: 2, heads: 1, feedForward: 2, maxLength: 1 << 40), "3", "position table"),
        // Size: 2⁴⁰ target symbols.
        (seq2seqJSON(target: 1 << 40), "3", "the file stores"),
        // Trap (EncoderDecoderTransformer): a shared embedding over different vocabularies.
        (seq2seqJSON(target: 13, shared: true), "3", "shared embedding"),
    ])
    func hostileSequenceToSequenceFiles(json: String, maxDigits: String, expected: String) throws {
        let message = try #require(Self.message({ _ = try SequenceToSequenceModelFile.read($0, path: $1, tasks: ["sort-digits"]) },
                                                ["aprendiz.seq2seq": json, "aprendiz.seq2seq.task": "sort-digits",
                                                 "aprendiz.seq2seq.maxDigits": maxDigits]))
        #expect(message.contains(Self.path) && message.contains(expected), "\(message)")
    }

    @Test func hostileVisionTransformerSize() throws {
        // Trap (overflow): (2⁴⁰ / 1)² patches.
        let json = #"{"imageSize":1099511627776,"patchSize":1,"channels":1,"classCount":10,"modelDimension":4,"headCount":2,"layerCount":1,"feedForwardDimension":8,"dropout":0}"#
        let message = try #require(Self.message({ _ = try VisionTransformerFile.read($0, path: $1) },
                                                ["aprendiz.vit": json, "aprendiz.vit.dataset": "fashion-mnist"]))
        #expect(message.contains(Self.path) && message.contains("the file stores"), "\(message)")
    }

    @Test(arguments: [
        // Trap (CharacterVocabulary): a repeated character.
        (#"{"cell":"lstm","vocabularySize":3,"embeddingDimension":2,"hiddenCount":2,"layerCount":1}"#, "aab", "repeats the character 'a'"),
        // Size: a state of 2⁴⁰ (H² overflows).
        (#"{"cell":"gru","vocabularySize":3,"embeddingDimension":2,"hiddenCount":1099511627776,"layerCount":1}"#, "abc", "the file stores"),
    ])
    func hostileRecurrentFiles(json: String, vocabulary: String, expected: String) throws {
        let message = try #require(Self.message({ _ = try RecurrentLanguageModelFile.read($0, path: $1) },
                                                ["aprendiz.recurrent-lm": json, "aprendiz.vocabulary": vocabulary]))
        #expect(message.contains(Self.path) && message.contains(expected), "\(message)")
    }

    @Test func anEmptyRBMIsRejected() throws {
        let archive = SafetensorsArchive(tensors: ["weights": SafetensorsTensor(shape: [0, 3], scalars: []),
                                                   "visible_bias": SafetensorsTensor(shape: [0], scalars: []),
                                                   "hidden_bias": SafetensorsTensor(shape: [3], scalars: [0, 0, 0])],
                                         metadata: ["aprendiz.model": "rbm"])
        let error = try #require(throws: ModelFileContentError.self) { try RBMFile.read(archive, path: Self.path) }
        #expect(error.description.contains(Self.path) && error.description.contains("are not [visible, hidden]"))
    }
}
