// Model-file descriptions of the chapter 21 layers (see ``Architecture``): window sizes, strides and
// dilations as `[y, x]` integer lists, padding in ``ConvolutionPadding/text`` form.

extension Architecture {
    /// The option `name` as a pair `[y, x]` of positive integers.
    func pair(_ name: String) throws -> (Int, Int) {
        guard case .ints(let values)? = options[name], values.count == 2, values.allSatisfy({ $0 > 0 }) else {
            throw ArchitectureError.badOption(type: type, name: name)
        }
        return (values[0], values[1])
    }

    /// The option `name` as a ``ConvolutionPadding`` (`valid`, `same`, `p` or `t,b,l,r`).
    func padding(_ name: String) throws -> ConvolutionPadding {
        guard case .string(let text)? = options[name], let padding = ConvolutionPadding(parsing: text) else {
            throw ArchitectureError.badOption(type: type, name: name)
        }
        return padding
    }
}

extension Conv2D: ArchitectureDescribable {
    public static var typeName: String { "Conv2D" }

    public var architecture: Architecture? {
        Architecture(type: Conv2D.typeName, options: [
            "inputs": .int(inputChannels), "outputs": .int(outputChannels),
            "kernelSize": .ints([kernelSize.0, kernelSize.1]), "stride": .ints([stride.0, stride.1]),
            "padding": .string(padding.text), "dilation": .ints([dilation.0, dilation.1]),
            "groups": .int(groups), "useBias": .bool(bias != nil),
        ])
    }

    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        let inputs = try architecture.int("inputs"), outputs = try architecture.int("outputs")
        let groups = try architecture.int("groups")
        guard inputs > 0 else { throw ArchitectureError.badOption(type: Conv2D.typeName, name: "inputs") }
        guard outputs > 0 else { throw ArchitectureError.badOption(type: Conv2D.typeName, name: "outputs") }
        guard groups > 0, inputs % groups == 0, outputs % groups == 0 else {
            throw ArchitectureError.badOption(type: Conv2D.typeName, name: "groups")
        }
        self.init(inputs, outputs, kernelSize: try architecture.pair("kernelSize"), stride: try architecture.pair("stride"),
                  padding: try architecture.padding("padding"), dilation: try architecture.pair("dilation"), groups: groups,
                  useBias: try architecture.bool("useBias", default: true))
    }
}

extension MaxPooling2D: ArchitectureDescribable {
    public static var typeName: String { "MaxPooling2D" }

    public var architecture: Architecture? {
        Architecture(type: MaxPooling2D.typeName, options: [
            "size": .ints([size.0, size.1]), "stride": .ints([stride.0, stride.1]), "padding": .string(padding.text),
        ])
    }

    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        self.init(size: try architecture.pair("size"), stride: try architecture.pair("stride"),
                  padding: try architecture.padding("padding"))
    }
}

extension AveragePooling2D: ArchitectureDescribable {
    public static var typeName: String { "AveragePooling2D" }

    public var architecture: Architecture? {
        Architecture(type: AveragePooling2D.typeName, options: [
            "size": .ints([size.0, size.1]), "stride": .ints([stride.0, stride.1]), "padding": .string(padding.text),
            "countIncludesPadding": .bool(countIncludesPadding),
        ])
    }

    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        self.init(size: try architecture.pair("size"), stride: try architecture.pair("stride"),
                  padding: try architecture.padding("padding"),
                  countIncludesPadding: try architecture.bool("countIncludesPadding", default: true))
    }
}

extension GlobalAveragePooling2D: ArchitectureDescribable {
    public static var typeName: String { "GlobalAveragePooling2D" }

    public var architecture: Architecture? {
        Architecture(type: GlobalAveragePooling2D.typeName, options: ["keepDims": .bool(keepDims)])
    }

    public convenience init(architecture: Architecture, registry: ArchitectureRegistry) throws {
        self.init(keepDims: try architecture.bool("keepDims", default: true))
    }
}
