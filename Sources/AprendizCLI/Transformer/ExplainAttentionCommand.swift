import Aprendiz
import ArgumentParser
import Foundation

/// `aprendiz explain attention`: heat maps of where each attention head of a GPT looks (§25.3).
/// Row i of a map is position i's distribution over the positions ≤ i (causal), one SVG per block
/// and head: `block1-head1.svg`, ….
struct ExplainAttentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attention",
        abstract: "Heat maps (SVG) of each attention head's weights over a text, for a GPT model file.",
        discussion: "Example: aprendiz explain attention --model gpt.safetensors --text \"o gato\" --output attention"
    )

    @Option(help: "A model file written by `aprendiz train-lm`.") var model: String
    @Option(help: "The text to look at (at most the model's context length).") var text: String
    @Option(name: [.customLong("output"), .customLong("out")], help: "The folder for the SVG files.") var output = "attention"

    func run() throws {
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
}
