import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz explain attention`: heat maps of where each attention head of a GPT looks (§25.3).
/// Row i of a map is position i's distribution over the positions ≤ i (causal), one SVG per block
/// and head: `block1-head1.svg`, …. For a ViT model file (`train-vit`), `--image N` picks test image N
/// of the model's data set and each SVG shows the class token's attention over the image's patches (§25.7).
struct ExplainAttentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attention",
        abstract: "Heat maps (SVG) of each attention head's weights over a text (GPT) or an image's patches (ViT).",
        discussion: """
        Example: aprendiz explain attention --model gpt.safetensors --text "o gato" --output attention
                 aprendiz explain attention --model vit.safetensors --image 0 --output attention-vit
        """
    )

    @Option(help: "A model file written by `aprendiz train-lm` or `aprendiz train-vit`.") var model: String
    @Option(help: "The text to look at (at most the model's context length; GPT).") var text: String?
    @Option(help: "The index of the test image to look at (ViT).") var image: Int?
    @Option(name: [.customLong("output"), .customLong("out")], help: "The folder for the SVG files.") var output = "attention"

    func run() throws {
        if VisionTransformerFile.holdsVisionTransformer(model) { return try explainImage() }
        guard let text else { throw CLIError("--text is required for the GPT model \(model) (--image is for ViT model files)") }
        let (gpt, tokenizer) = try LanguageModelFile.load(model)
        let symbols = try LanguageModelFile.encode(text, with: tokenizer, option: "--text")
        guard !symbols.isEmpty, symbols.count <= gpt.configuration.contextLength else {
            let unit = tokenizer.name == "char" ? "characters" : "tokens"
            throw CLIError("--text has \(symbols.count) \(unit); give 1 to \(gpt.configuration.contextLength) (the model's context)")
        }
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let labels = symbols.map { tokenizer.decode([$0]).replacingOccurrences(of: " ", with: "␣") }
        for (block, maps) in gpt.attentionMaps(symbols).enumerated() {
            let (heads, length) = (maps.shape[0], maps.shape[1])
            for head in 0..<heads {
                let weights = maps.slice(axis: 0, head..<(head + 1)).reshaped([length, length]).scalars
                let matrix = (0..<length).map { Array(weights[($0 * length)..<(($0 + 1) * length)]) }
                let side = Double(max(320, 24 * length + 120))
                var figure = Figure(width: side, height: side, title: "block \(block + 1), head \(head + 1)")
                figure.axes.heatMap(matrix: matrix, rowLabels: labels, columnLabels: labels, showsValues: length <= 12)
                figure.axes.xLabel = "key (attended to)"
                figure.axes.yLabel = "query"
                let path = (output as NSString).appendingPathComponent("block\(block + 1)-head\(head + 1).svg")
                try figure.write(to: URL(fileURLWithPath: path))
            }
        }
        print("wrote \(gpt.blocks.count * gpt.configuration.headCount) heat maps to \(output)/")
    }

    /// The class token's attention over test image `--image`'s patches, one SVG per block and head.
    private func explainImage() throws {
        let (vit, dataset) = try VisionTransformerFile.load(model)
        guard let image else { throw CLIError("--image is required for the ViT model \(model) (--text is for GPT model files)") }
        let name = dataset.rawValue
        let test = try dataset.load(.test)
        guard (0..<test.inputs.shape[0]).contains(image) else {
            throw CLIError("--image \(image) is not a test image index of \(name) (0 to \(test.inputs.shape[0] - 1))")
        }
        let c = vit.configuration
        guard c.channels == 1, Array(test.inputs.shape.dropFirst()) == [c.imageSize, c.imageSize, 1] else {
            throw CLIError("\(model) expects [\(c.imageSize), \(c.imageSize), \(c.channels)] images, \(name) has \(test.inputs.shape)")
        }
        let pixels = test.inputs.slice(axis: 0, image..<(image + 1)).reshaped([c.imageSize, c.imageSize, 1])
        let label = dataset.classNames[Int(test.targets.scalars[image])]
        let logits = withoutGradient { () -> Variable in
            vit.eval()
            return vit(Variable(pixels.reshaped([1] + pixels.shape)))
        }.value.scalars
        let predicted = logits.indices.max { logits[$0] < logits[$1] }!
        let guess = dataset.classNames[predicted]
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let tokens = c.patchCount + 1
        for (block, maps) in vit.attentionMaps(pixels).enumerated() {
            for head in 0..<c.headCount {
                let row = Array(maps.slice(axis: 0, head..<(head + 1)).reshaped([tokens, tokens]).scalars[0..<tokens])
                let picture = PatchAttentionPicture(pixels: pixels.scalars, side: c.imageSize, patch: c.patchSize,
                                                    weights: Array(row.dropFirst()), selfWeight: row[0],
                                                    title: "block \(block + 1), head \(head + 1)",
                                                    subtitle: "test image \(image): \(label), predicted \(guess)")
                let path = (output as NSString).appendingPathComponent("block\(block + 1)-head\(head + 1).svg")
                try picture.svg().write(toFile: path, atomically: true, encoding: .utf8)
            }
        }
        print("test image \(image): \(label), predicted \(guess); wrote \(c.layerCount * c.headCount) attention maps to \(output)/")
    }
}
