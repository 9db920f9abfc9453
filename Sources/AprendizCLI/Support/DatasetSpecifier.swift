import Aprendiz

/// The value of `--dataset`: a bundled table (`iris`, `wine`, `digits`, `diabetes`), an image data
/// set found on disk (`fashion-mnist`, `mnist`), or `csv:PATH[:target=COLUMN]` (the last column is
/// the target when none is named).
enum DatasetSpecifier: Equatable, CustomStringConvertible {
    case bundled(BundledDataset)
    case images(ImageDataset)
    case csv(path: String, target: String?)

    /// Every accepted name, for messages.
    static var knownNames: [String] {
        BundledDataset.allCases.map(\.rawValue) + ImageDataset.allCases.map(\.rawValue) + ["csv:PATH[:target=COLUMN]"]
    }

    /// Parses `NAME|csv:PATH[:target=COLUMN]` (a name trimmed and case-insensitive, like every catalogue's).
    /// - Throws: ``CLIError`` for an unknown name or an empty path.
    init(parsing text: String) throws {
        if text.hasPrefix("csv:") {
            var path = String(text.dropFirst(4)), target: String?
            if let range = path.range(of: ":target=", options: .backwards) {
                target = String(path[range.upperBound...])
                path = String(path[..<range.lowerBound])
            }
            guard !path.isEmpty else { throw CLIError("--dataset '\(text)': the CSV path is empty (use csv:PATH[:target=COLUMN])") }
            if target?.isEmpty == true { throw CLIError("--dataset '\(text)': the target column name is empty") }
            self = .csv(path: path, target: target)
        } else {
            let named = BundledDataset.allCases.map { ($0.rawValue, Self.bundled($0)) }
                + ImageDataset.allCases.map { ($0.rawValue, Self.images($0)) }
            do { self = try CatalogueLookup.member(text, in: named, family: "data set", name: \.0).1 } catch {
                throw CLIError("--dataset: \(error), or csv:PATH[:target=COLUMN]")
            }
        }
    }

    var description: String {
        switch self {
        case .bundled(let set): set.rawValue
        case .images(let set): set.rawValue
        case .csv(let path, let target): "csv:\(path)" + (target.map { ":target=\($0)" } ?? "")
        }
    }
}
