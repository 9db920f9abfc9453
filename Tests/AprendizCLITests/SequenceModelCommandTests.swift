import Aprendiz
import Foundation
import Testing
@testable import AprendizCLI

/// `train-seq2seq` and `pretrain-mlm`: the digit task's batches have the layout derived by hand, both
/// commands run end to end on tiny settings, and bad input names the option.
@Suite struct SequenceModelCommandTests {
    /// "307" reversed is "703", sorted "037"; tokens are digit + 3, 0 pad, 1 BOS, 2 EOS.
    @Test func digitBatchesHaveTheHandDerivedLayout() {
        let reverse = DigitSequenceTask.reverseDigits.batch([[3, 0, 7], [5]], maxDigits: 4)
        #expect(reverse.source.scalars == [6, 3, 10, 0, 8, 0, 0, 0])
        #expect(reverse.padding.scalars == [0, 0, 0, 1, 0, 1, 1, 1])
        #expect(reverse.targetInput.scalars == [1, 10, 3, 6, 0, 1, 8, 0, 0, 0])
        #expect(reverse.targetOutput.scalars == [10, 3, 6, 2, 0, 8, 2, 0, 0, 0])
        #expect(DigitSequenceTask.sortDigits.answer([3, 0, 7]) == [0, 3, 7])
    }

    @Test func commandsRunAndRejectBadInput() throws {
        try runCommand(TrainSequenceToSequenceCommand.self, ["--max-digits", "3", "--steps", "2", "--batch-size", "4",
                                                             "--test-examples", "5", "--width", "8", "--heads", "2",
                                                             "--layers", "1", "--task", "sort-digits"])
        let task = errorMessage { try runCommand(TrainSequenceToSequenceCommand.self, ["--task", "add-digits"]) }
        #expect(task?.contains("--task add-digits") == true)
        let width = errorMessage { try runCommand(TrainSequenceToSequenceCommand.self, ["--width", "10", "--heads", "4"]) }
        #expect(width?.contains("--width 10") == true)

        let folder = try temporaryFolder()
        let text = folder.appendingPathComponent("text.txt")
        try String(repeating: "o gato subiu no telhado e a gata desceu da árvore. ", count: 20)
            .write(to: text, atomically: true, encoding: .utf8)
        try runCommand(PretrainMaskedLanguageModelCommand.self, ["--text", text.path, "--steps", "2", "--batch-size", "2",
                                                                 "--context", "16", "--width", "8", "--heads", "2",
                                                                 "--layers", "1", "--eval-batches", "1"])
        let short = errorMessage {
            try runCommand(PretrainMaskedLanguageModelCommand.self, ["--text", text.path, "--context", "500"])
        }
        #expect(short?.contains("--context 500") == true)
    }
}
