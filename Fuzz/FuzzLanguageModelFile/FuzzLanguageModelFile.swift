import Foundation
import FuzzSupport
import AprendizData
import AprendizTraining

/// The task names `train-seq2seq` writes (`DigitSequenceTask`, in the command-line module).
private let sequenceTasks: Set<String> = ["reverse-digits", "sort-digits"]

/// libFuzzer entry point: reads the input as each Transformer model file — GPT (`train-lm`), BERT
/// (`pretrain-mlm`), encoder–decoder (`train-seq2seq`), ViT (`train-vit`) — from the parsed archive, as the
/// commands do after reading the file: configuration JSON, tokenizer (characters or byte-pair JSON), sizes
/// against the stored values, model built, parameters assigned. A tokenizer read back encodes the text its
/// first symbols decode to (what `generate --prompt` does). Any thrown error is a correct answer; a trap, a
/// sanitizer report, a hang or > 2 GB is a bug.
func fuzzLanguageModelFile(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = fuzzBytes(start, count)
    guard let archive = try? SafetensorsArchive(data: Data(buffer: input), path: "fuzz.safetensors") else { return 0 }
    let path = "fuzz.safetensors"
    if let gpt = try? LanguageModelFile.read(archive, path: path) { exercise(gpt.tokenizer) }
    if let bert = try? MaskedLanguageModelFile.read(archive, path: path) { exercise(bert.tokenizer) }
    _ = try? SequenceToSequenceModelFile.read(archive, path: path, tasks: sequenceTasks)
    _ = try? VisionTransformerFile.read(archive, path: path)
    return 0
}

/// Decodes up to 64 symbols and encodes the text again (encoding replays every merge).
private func exercise(_ tokenizer: LanguageModelTokenizer) {
    let text = tokenizer.decode(Array(0..<min(tokenizer.count, 64)))
    _ = try? tokenizer.encode(text)
}

/// The entry point SwiftPM links `main` to: libFuzzer's driver with ``fuzzLanguageModelFile(_:_:)``.
@_cdecl("FuzzLanguageModelFile_main")
func fuzzLanguageModelFileMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, { start, count in fuzzLanguageModelFile(start, count) })
}
