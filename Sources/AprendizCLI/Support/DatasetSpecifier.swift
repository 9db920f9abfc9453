import Aprendiz

/// The value of `--dataset`: a bundled table (`iris`, `wine`, `digits`, `diabetes`), an image data
/// set found on disk (`fashion-mnist`, `mnist`), `csv:PATH[:target=COLUMN]` (the last column is
/// the target when none is named), or a SQLite table or query: `sqlite:PATH.db:TABLE[:target=COLUMN]`,
/// `sqlite:PATH.db?query=SELECT …[:target=COLUMN]`, or a PostgreSQL query or table:
/// `postgres://user@host[:port]/db?query=SELECT …[:target=COLUMN]`, `postgres://…/db?table=NAME[:target=COLUMN]`.
enum DatasetSpecifier: Equatable, CustomStringConvertible {
    case bundled(BundledDataset)
    case images(ImageDataset)
    case csv(path: String, target: String?)
    /// `source`: a table name, or a query when `isQuery`.
    case sqlite(path: String, source: String, isQuery: Bool, target: String?)
    /// `url`: the libpq URL without the `query=`/`table=` parameter; `source`: a table name, or a query when `isQuery`.
    case postgres(url: String, source: String, isQuery: Bool, target: String?)

    /// Every accepted name, for messages.
    static var knownNames: [String] {
        BundledDataset.allCases.map(\.rawValue) + ImageDataset.allCases.map(\.rawValue)
            + BundledText.allCases.map(\.rawValue) + ["text:PATH"]
            + ["csv:PATH[:target=COLUMN]", "sqlite:PATH.db:TABLE[:target=COLUMN]", "sqlite:PATH.db?query=SELECT…[:target=COLUMN]",
               "postgres://USER@HOST[:PORT]/DB?query=SELECT…[:target=COLUMN]", "postgres://USER@HOST[:PORT]/DB?table=NAME[:target=COLUMN]"]
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
        } else if text.hasPrefix("sqlite:") {
            self = try Self.sqlite(text)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = try Self.postgres(text)
        } else {
            let named = BundledDataset.allCases.map { ($0.rawValue, Self.bundled($0)) }
                + ImageDataset.allCases.map { ($0.rawValue, Self.images($0)) }
            do { self = try CatalogueLookup.member(text, in: named, family: "data set", name: \.0).1 } catch {
                throw CLIError("--dataset: \(error), or csv:PATH[:target=COLUMN], sqlite:PATH.db:TABLE")
            }
        }
    }

    var description: String {
        switch self {
        case .bundled(let set): set.rawValue
        case .images(let set): set.rawValue
        case .csv(let path, let target): "csv:\(path)" + (target.map { ":target=\($0)" } ?? "")
        case .sqlite(let path, let source, let isQuery, let target):
            "sqlite:\(path)" + (isQuery ? "?query=" : ":") + source + (target.map { ":target=\($0)" } ?? "")
        case .postgres(let url, let source, let isQuery, let target):
            PostgresError.redacted(url) + (url.contains("?") ? "&" : "?") + (isQuery ? "query=" : "table=") + source
                + (target.map { ":target=\($0)" } ?? "")
        }
    }

    /// Parses `sqlite:PATH.db:TABLE[:target=COLUMN]` or `sqlite:PATH.db?query=SQL[:target=COLUMN]`.
    private static func sqlite(_ text: String) throws -> DatasetSpecifier {
        var rest = String(text.dropFirst(7)), target: String?
        if let range = rest.range(of: ":target=", options: .backwards) {
            target = String(rest[range.upperBound...])
            rest = String(rest[..<range.lowerBound])
        }
        let usage = "use sqlite:PATH.db:TABLE or sqlite:PATH.db?query=SELECT …"
        let path: String, source: String, isQuery: Bool
        if let range = rest.range(of: "?query=") {
            (path, source, isQuery) = (String(rest[..<range.lowerBound]), String(rest[range.upperBound...]), true)
        } else if let colon = rest.lastIndex(of: ":") {
            (path, source, isQuery) = (String(rest[..<colon]), String(rest[rest.index(after: colon)...]), false)
        } else {
            throw CLIError("--dataset '\(text)': no table or query (\(usage))")
        }
        guard !path.isEmpty, !source.isEmpty else { throw CLIError("--dataset '\(text)': empty path, table or query (\(usage))") }
        if target?.isEmpty == true { throw CLIError("--dataset '\(text)': the target column name is empty") }
        return .sqlite(path: path, source: source, isQuery: isQuery, target: target)
    }

    /// Parses `postgres://…/db?query=SQL[:target=COLUMN]` or `postgres://…/db?table=NAME[:target=COLUMN]` (the
    /// `query=`/`table=` parameter last, after any libpq parameters such as `sslmode=`).
    private static func postgres(_ text: String) throws -> DatasetSpecifier {
        var rest = text, target: String?
        if let range = rest.range(of: ":target=", options: .backwards) {
            target = String(rest[range.upperBound...])
            rest = String(rest[..<range.lowerBound])
        }
        let usage = "use postgres://USER@HOST[:PORT]/DB?query=SELECT … or postgres://USER@HOST[:PORT]/DB?table=NAME"
        let found = ["?query=", "&query=", "?table=", "&table="].compactMap { key in rest.range(of: key).map { (key, $0) } }
            .min { $0.1.lowerBound < $1.1.lowerBound }
        guard let (key, range) = found else { throw CLIError("--dataset '\(PostgresError.redacted(text))': no table or query (\(usage))") }
        let url = String(rest[..<range.lowerBound]), source = String(rest[range.upperBound...])
        guard !source.isEmpty else { throw CLIError("--dataset '\(PostgresError.redacted(text))': empty table or query (\(usage))") }
        if target?.isEmpty == true { throw CLIError("--dataset '\(PostgresError.redacted(text))': the target column name is empty") }
        return .postgres(url: url, source: source, isQuery: key.hasSuffix("query="), target: target)
    }
}
