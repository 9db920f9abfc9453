import Foundation

/// A PostgreSQL source that could not be read into a ``Table``.
///
/// One line naming the server (its URL, any password replaced by `***`) and the problem, e.g.
/// `PostgreSQL source 'postgres://ana@localhost/loja': relation "vendas" does not exist`.
public struct PostgresError: Error, LocalizedError, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong.
    public enum Reason: Equatable, Sendable {
        /// No libpq could be loaded (the file names tried).
        case libraryMissing([String])
        /// The connection failed: refused, unknown host or database, authentication (libpq's message).
        case cannotConnect(String)
        /// The query failed to compile or run (the server's message).
        case query(String)
        /// A column asked for by name is not in the result.
        case missingColumn(String, available: [String])
    }

    /// The connection URL or `key=value` string, as given.
    public var source: String
    /// What went wrong.
    public var reason: Reason

    /// Creates an error for `source`.
    public init(source: String, reason: Reason) {
        self.source = source
        self.reason = reason
    }

    /// One line: the source without its password, then the problem.
    public var description: String {
        let detail = switch reason {
        case .libraryMissing(let names):
            "no PostgreSQL client library found (tried \(names.joined(separator: ", ")); install libpq5)"
        case .cannotConnect(let message): "cannot connect: \(message)"
        case .query(let message): message
        case .missingColumn(let name, let available):
            "no column '\(name)' (columns: \(available.map { "'\($0)'" }.joined(separator: ", ")))"
        }
        return "PostgreSQL source '\(Self.redacted(source))': \(detail)"
    }

    /// Same as ``description``.
    public var errorDescription: String? { description }

    /// `source` with the password of a URL (`scheme://user:password@host`) or of a `password=…` pair hidden.
    public static func redacted(_ source: String) -> String {
        var text = source
        if let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@"),
           let colon = text[scheme.upperBound..<at].firstIndex(of: ":") {
            text.replaceSubrange(text.index(after: colon)..<at, with: "***")
        }
        if let pair = text.range(of: "password=") {
            let end = text[pair.upperBound...].firstIndex(where: { $0 == " " || $0 == "&" }) ?? text.endIndex
            text.replaceSubrange(pair.upperBound..<end, with: "***")
        }
        return text
    }
}
