import Aprendiz
import AprendizTestSupport
import Foundation
import Testing
@testable import AprendizCLI

/// The Transformer commands' model files: `train-vit` writes a ViT that `explain attention --image` reads
/// (one well-formed SVG per block and head); `train-seq2seq --output` and `pretrain-mlm --output` write models
/// that load again; `finetune-bert` copies the pre-trained encoder (with a vanishing learning rate the
/// fine-tuned file keeps its weights, from scratch it does not); bad input names what is wrong.
@Suite struct TransformerModelFileTests {
    // Needs Fashion-MNIST's files (`sudo apt-get install dataset-fashion-mnist`); skipped, visibly, without them.
    @Test(.enabled(if: ImageDataset.fashionMNIST.isInstalled))
    func visionTransformerTrainsSavesAndShowsItsAttention() throws {
        let folder = try temporaryFolder()
        let model = folder.appendingPathComponent("vit.safetensors").path
        try runCommand(TrainVisionTransformerCommand.self, ["--epochs", "1", "--limit", "64", "--test-limit", "50", "--batch-size", "32",
                                                            "--width", "8", "--heads", "2", "--layers", "1", "--output", model])
        let (vit, dataset) = try VisionTransformerFile.load(model)
        #expect(dataset == .fashionMNIST)
        #expect(vit.configuration == VisionTransformerConfiguration(modelDimension: 8, headCount: 2, layerCount: 1))
        let output = folder.appendingPathComponent("attention").path
        try runCommand(ExplainAttentionCommand.self, ["--model", model, "--image", "3", "--output", output])
        let files = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        #expect(files == ["block1-head1.svg", "block1-head2.svg"])
        let svg = try String(contentsOfFile: (output as NSString).appendingPathComponent(files[0]), encoding: .utf8)
        #expect(isWellFormedXML(svg) && svg.contains("test image 3"))
        let range = errorMessage { try runCommand(ExplainAttentionCommand.self, ["--model", model, "--image", "10000"]) }
        #expect(range?.contains("--image 10000") == true)
        let noImage = errorMessage { try runCommand(ExplainAttentionCommand.self, ["--model", model, "--text", "a"]) }
        #expect(noImage?.contains("--image is required") == true)
        let patch = errorMessage { try runCommand(TrainVisionTransformerCommand.self, ["--patch", "5"]) }
        #expect(patch?.contains("patch size 5") == true)
    }

    @Test func sequenceToSequenceModelLoadsAgain() throws {
        let folder = try temporaryFolder()
        let model = folder.appendingPathComponent("t5.safetensors").path
        let options = ["--task", "sort-digits", "--max-digits", "4", "--test-examples", "20", "--width", "8", "--heads", "2",
                       "--layers", "1", "--seed", "5"]
        try runCommand(TrainSequenceToSequenceCommand.self, options + ["--steps", "2", "--eval-interval", "2", "--output", model])
        let (t5, task, maxDigits) = try SequenceToSequenceModelFile.load(model)
        #expect(task == .sortDigits && maxDigits == 4)
        #expect(t5.configuration == EncoderDecoderConfiguration(sourceVocabularySize: 13, maxLength: 6, modelDimension: 8, headCount: 2,
                                                                encoderLayerCount: 1, decoderLayerCount: 1, dropout: 0))
        var generator = RandomGenerator(seed: 0)
        let fresh = EncoderDecoderTransformer(t5.configuration, using: &generator)
        #expect(t5.parameters()[0].value != fresh.parameters()[0].value, "the file's weights, not a fresh initialisation")
        try runCommand(TrainSequenceToSequenceCommand.self, options + ["--steps", "0", "--model", model])
        let wrong = errorMessage {
            try runCommand(TrainSequenceToSequenceCommand.self, ["--task", "reverse-digits", "--max-digits", "4", "--steps", "0", "--model", model])
        }
        #expect(wrong?.contains("sort-digits") == true)
    }

    @Test func bertPretrainsSavesAndFineTunes() throws {
        let folder = try temporaryFolder()
        let text = folder.appendingPathComponent("text.txt")
        try String(repeating: "o gato subiu no telhado e a gata desceu da árvore. ", count: 40).write(to: text, atomically: true, encoding: .utf8)
        let mlm = folder.appendingPathComponent("mlm.safetensors").path
        try runCommand(PretrainMaskedLanguageModelCommand.self, ["--text", text.path, "--steps", "2", "--batch-size", "2", "--context", "16",
                                                                 "--width", "8", "--heads", "2", "--layers", "1", "--eval-interval", "2",
                                                                 "--eval-batches", "1", "--output", mlm])
        let (pretrained, tokenizer, _) = try MaskedLanguageModelFile.load(mlm)
        #expect(pretrained.configuration.vocabularySize == tokenizer.count + 2 && pretrained.configuration.classCount == 0)
        let train = folder.appendingPathComponent("train.tsv"), test = folder.appendingPathComponent("test.tsv")
        try "gato\to gato subiu\ngata\ta gata desceu\ngato\to gato desceu\n".write(to: train, atomically: true, encoding: .utf8)
        try "gata\ta gata subiu\n".write(to: test, atomically: true, encoding: .utf8)
        func finetuned(_ extra: [String]) throws -> BERT {
            let output = folder.appendingPathComponent("classifier.safetensors").path
            try runCommand(FinetuneBERTCommand.self, ["--model", mlm, "--train", train.path, "--test", test.path, "--steps", "2",
                                                      "--batch-size", "2", "--lr", "1e-30", "--output", output] + extra)
            return try MaskedLanguageModelFile.load(output).model
        }
        let kept = try finetuned([]), scratch = try finetuned(["--from-scratch"])
        #expect(kept.configuration.classCount == 2)
        let original = Dictionary(uniqueKeysWithValues: pretrained.namedParameters().map { ($0.name, $0.parameter.value) })
        for (name, parameter) in kept.namedParameters() where original[name] != nil {
            expectClose(parameter.value, original[name]!, absolute: 1e-6, relative: 1e-6, "\(name)")
        }
        #expect(scratch.tokenEmbedding.weight.value != pretrained.tokenEmbedding.weight.value)
        try "bicho\to bicho subiu\n".write(to: test, atomically: true, encoding: .utf8)
        let unknown = errorMessage { _ = try finetuned([]) }
        #expect(unknown?.contains("line 1") == true && unknown?.contains("bicho") == true)
    }
}
