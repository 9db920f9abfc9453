import Aprendiz
import ArgumentParser

// Every catalogue parses as a command-line value the same way: `@Option(help: …, completion:
// .list(X.names), transform: X.argument)`: a name, trimmed and case-insensitive (the catalogue's own
// look-up); a wrong one gives one line naming the option, the name and the valid ones
// (`The value 'adamm' is invalid for '--optimizer <optimizer>': unknown optimizer 'adamm' (known: sgd, …)`).
// The help texts list `X.helpList` and shell completion offers `X.names`, so a new member of a
// catalogue shows up on the command line without a change here.

extension Catalogue {
    /// The member called `text`, for `@Option(transform:)`.
    /// - Throws: `CatalogueError` (one line, with the valid names).
    static func argument(_ text: String) throws -> Self { try named(text) }

    /// The members of the comma-separated `text` given to `option` (see `Catalogue.list(_:)`).
    /// - Throws: ``CLIError`` naming the option, the unknown name and the valid ones.
    static func list(_ text: String, option: String) throws -> [Self] {
        do { return try list(text) } catch { throw CLIError("\(option): \(error)") }
    }

    /// The member called `text`, given to `option`.
    /// - Throws: ``CLIError`` naming the option, the unknown name and the valid ones.
    static func named(_ text: String, option: String) throws -> Self {
        do { return try named(text) } catch { throw CLIError("\(option): \(error)") }
    }

    /// `a, b or c (default: b)`: the names of `members` (default: all) for a help text. ArgumentParser
    /// shows no default for an option with a `transform`, so the help names it.
    static func helpList(_ members: [Self] = Array(allCases), default defaultMember: Self? = nil) -> String {
        let names = members.map(\.name)
        let list = names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
        return list + (defaultMember.map { " (default: \($0.name))" } ?? "")
    }

    /// The names of the members that pass `isIncluded`, for `completion: .list(…)`.
    static func names(where isIncluded: (Self) -> Bool) -> [String] { allCases.filter(isIncluded).map(\.name) }
}
