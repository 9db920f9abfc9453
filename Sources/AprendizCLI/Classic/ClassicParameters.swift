import Aprendiz

/// The `--param NAME=VALUE` hyper-parameters of a ``ClassicModel``, checked against the names it accepts.
/// A value that does not parse, or a name the model does not take, is a one-line ``CLIError`` naming it.
struct ClassicParameters: Equatable {
    /// The values as given, by name.
    let values: [String: String]
    let model: ClassicModel

    /// Parses `NAME=VALUE` items for `model`.
    init(_ items: [String], for model: ClassicModel) throws {
        var values: [String: String] = [:]
        for item in items {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw CLIError("--param '\(item)': expected NAME=VALUE (\(model.rawValue) takes \(model.parameterNames.joined(separator: ", ")))")
            }
            let name = CatalogueLookup.normalized(item[..<equals])
            let value = String(item[item.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            guard model.parameterNames.contains(name) else {
                throw CLIError("--param \(name): unknown parameter for \(model.rawValue) (known: \(model.parameterNames.joined(separator: ", ")))")
            }
            guard values[name] == nil else { throw CLIError("--param \(name): given twice") }
            values[name] = value
        }
        self.values = values
        self.model = model
    }

    /// A real-valued parameter, or `fallback`.
    func double(_ name: String, default fallback: Double) throws -> Double {
        guard let text = values[name] else { return fallback }
        guard let value = Double(text), value.isFinite else { throw CLIError("--param \(name)=\(text): not a finite number") }
        return value
    }

    /// A whole-number parameter, or `fallback`.
    func int(_ name: String, default fallback: Int) throws -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text) else { throw CLIError("--param \(name)=\(text): not a whole number") }
        return value
    }

    /// A `true`/`false` parameter, or `fallback`.
    func bool(_ name: String, default fallback: Bool) throws -> Bool {
        guard let text = values[name] else { return fallback }
        switch text.lowercased() {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: throw CLIError("--param \(name)=\(text): not true or false")
        }
    }
}

extension ClassicParameters {
    /// A parameter that is one of `choices` (matched without case), or `fallback`.
    func choice(_ name: String, in choices: [String], default fallback: String) throws -> String {
        guard let text = values[name] else { return fallback }
        guard let match = choices.first(where: { $0.lowercased() == text.lowercased() }) else {
            throw CLIError("--param \(name)=\(text): expected one of \(choices.joined(separator: ", "))")
        }
        return match
    }
}
