// Model-file description of the recurrent networks of chapter 23 (see ``Architecture``): the cell by
// name (`rnn`, `lstm`, `lstm-peephole`, `gru`), sizes, stacking and output options.

extension RecurrentNetwork: ArchitectureDescribable {
    public static var typeName: String { "RecurrentNetwork" }

    public var architecture: Architecture? {
        var options: [String: Architecture.Option] = [
            "cell": .string(cell.name), "inputs": .int(inputCount), "hidden": .int(hiddenCount), "layers": .int(layerCount),
            "bidirectional": .bool(bidirectional), "returnSequences": .bool(returnSequences),
        ]
        if let truncation { options["truncation"] = .int(truncation) }
        return Architecture(type: Self.typeName, options: options)
    }

    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        guard let cell = RecurrentCell(name: try architecture.string("cell")) else {
            throw ArchitectureError.badOption(type: Self.typeName, name: "cell")
        }
        let inputs = try architecture.int("inputs"), hidden = try architecture.int("hidden"), layers = try architecture.int("layers")
        for (name, value) in [("inputs", inputs), ("hidden", hidden), ("layers", layers)] where value < 1 {
            throw ArchitectureError.badOption(type: Self.typeName, name: name)
        }
        let truncation = architecture.options["truncation"] == nil ? nil : try architecture.int("truncation")
        if let truncation, truncation < 1 { throw ArchitectureError.badOption(type: Self.typeName, name: "truncation") }
        self.init(cell, inputs: inputs, hidden: hidden, layers: layers,
                  bidirectional: try architecture.bool("bidirectional", default: false),
                  returnSequences: try architecture.bool("returnSequences", default: true), truncation: truncation)
    }
}

extension ArchitectureRegistry {
    /// Registers the recurrent networks.
    mutating func registerRecurrent() {
        register(RecurrentNetwork.self)
    }
}
