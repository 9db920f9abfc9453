import Aprendiz
import AprendizTestSupport
import Testing

/// A character-level language model (§23.4) in miniature: a vocabulary of a Portuguese sentence, next-
/// character windows, and recurrent networks that learn to continue the (repeated) sentence.
@Suite struct CharacterModelTests {
    static let sentence = "o gradiente desce, a memória guarda. "

    @Test func vocabularyEncodesAndDecodes() throws {
        let vocabulary = CharacterVocabulary(text: Self.sentence)
        #expect(vocabulary.count == Set(Self.sentence).count)
        #expect(vocabulary.characters.contains("ó"))                 // one symbol, two UTF-8 bytes
        let symbols = try vocabulary.encode(Self.sentence)
        #expect(symbols.count == Self.sentence.count && vocabulary.decode(symbols) == Self.sentence)
        #expect(throws: CharacterVocabularyError.unknownCharacter("z")) { try vocabulary.encode("zebra") }
        let (inputs, targets) = vocabulary.windows(Array(0..<10), length: 4, stride: 3)
        #expect(inputs.scalars == [0, 1, 2, 3, 3, 4, 5, 6] && targets.scalars == [1, 2, 3, 4, 4, 5, 6, 7])
    }

    /// Trained on windows of the repeated sentence, LSTM and GRU predict every next character of a
    /// window they start in the middle of (the sentence is 37 characters, longer than the 12-step
    /// windows, so the state has to carry where in the sentence it is).
    @Test(arguments: [RecurrentCell.lstm(peepholes: false), .gru])
    func recurrentModelLearnsTheSentence(_ cell: RecurrentCell) throws {
        let vocabulary = CharacterVocabulary(text: Self.sentence)
        let symbols = try vocabulary.encode(String(repeating: Self.sentence, count: 4))
        let (inputs, targets) = vocabulary.windows(symbols, length: 12, stride: 1)
        var generator = RandomGenerator(seed: 23)
        let model = Sequential(Embedding(vocabulary.count, 16, using: &generator),
                               RecurrentNetwork(cell, inputs: 16, hidden: 48, using: &generator),
                               Dense(48, vocabulary.count, using: &generator))
        let optimizer = Adam(parameters: model.parameters(), learningRate: 0.01)
        let labels = targets.reshaped([-1])
        for _ in 0..<60 {
            let loss = crossEntropy(logits: model(inputs).reshaped([-1, vocabulary.count]), labels: labels)
            loss.backward()
            optimizer.step()
            optimizer.zeroGrad()
        }
        let predictions = model(inputs).value.reshaped([-1, vocabulary.count]).argmax(axis: 1)
        // The first step of a window cannot know its place in the sentence; from the fourth on it can.
        let later = (0..<labels.count).filter { $0 % 12 >= 3 }
        let correct = later.filter { predictions.scalars[$0] == labels.scalars[$0] }.count
        #expect(Double(correct) / Double(later.count) > 0.98, "\(cell.name): \(correct) of \(later.count)")
    }
}
