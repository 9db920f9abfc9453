/// A family of things chosen by name — activations, optimizers, minimizers, models — as one
/// `CaseIterable` enum whose raw values are the command-line names (`leaky-relu`, `heavy-ball`).
///
/// The enum is the family's one source of truth: the command line's parsing and help, the model-file
/// registry, the documentation's lists and the tests' coverage all read `allCases`, and every
/// property that differs per member is an exhaustive `switch`, so a new case that is not wired
/// everywhere does not compile. Docs/Catalogues.md explains how to add a member.
///
/// Names are matched after trimming spaces and lower-casing (`" Adam"` is `adam`); a name that matches
/// nothing throws ``CatalogueError`` listing the valid ones.
public protocol Catalogue: CaseIterable, CustomStringConvertible, RawRepresentable, Sendable where RawValue == String {
    /// The family's name in messages (`activation`, `optimizer`).
    static var familyName: String { get }
}

extension Catalogue {
    /// The member's command-line name (its raw value).
    public var name: String { rawValue }

    /// The command-line name, so that a member prints as the user writes it (`heavy-ball`).
    public var description: String { rawValue }

    /// Every member's name, in declaration order.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// The member called `text` (trimmed, case-insensitive).
    /// - Throws: ``CatalogueError`` naming the family and listing the valid names.
    public static func named(_ text: String) throws(CatalogueError) -> Self {
        try CatalogueLookup.member(text, in: Array(allCases), family: familyName, name: \.rawValue)
    }

    /// The members of a comma-separated list (`"sgd, Adam,nag"`), in the order given.
    /// - Throws: ``CatalogueError`` for an empty list or an unknown name.
    public static func list(_ text: String) throws(CatalogueError) -> [Self] {
        try CatalogueLookup.members(text, in: Array(allCases), family: familyName, name: \.rawValue)
    }
}

/// Name look-up shared by every catalogue, including those kept as an array of values rather than an
/// enum (`Loss`'s, whose members carry parameters): one matching rule and one error.
public enum CatalogueLookup {
    /// `text` without surrounding spaces, lower-cased: the form names are compared in.
    public static func normalized(_ text: some StringProtocol) -> String {
        let scalars = text.unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0.properties.isWhitespace }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last])).lowercased()
    }

    /// The member of `members` whose name is `text` (trimmed, case-insensitive).
    public static func member<Member>(_ text: String, in members: [Member], family: String,
                                      name: (Member) -> String) throws(CatalogueError) -> Member {
        let key = normalized(text)
        guard let member = members.first(where: { name($0) == key }) else {
            throw CatalogueError(family: family, name: text, known: members.map(name))
        }
        return member
    }

    /// The members named in the comma-separated `text`, in order.
    public static func members<Member>(_ text: String, in members: [Member], family: String,
                                       name: (Member) -> String) throws(CatalogueError) -> [Member] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(normalized)
        guard parts.contains(where: { !$0.isEmpty }) else {
            throw CatalogueError(family: family, name: "", known: members.map(name))
        }
        var result: [Member] = []
        for part in parts where !part.isEmpty {
            result.append(try member(part, in: members, family: family, name: name))
        }
        return result
    }
}

/// A name that no member of a catalogue has: `unknown optimizer 'adamm' (known: sgd, momentum, …)`.
public struct CatalogueError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The family looked in (`optimizer`).
    public let family: String
    /// The name as given.
    public let name: String
    /// The valid names, in the catalogue's order.
    public let known: [String]

    /// An error for `name`, which `family` does not have.
    public init(family: String, name: String, known: [String]) {
        self.family = family
        self.name = name
        self.known = known
    }

    /// The one-line message: `unknown optimizer 'x' (known: a, b)`, or `no optimizer given (known: …)`.
    public var description: String {
        let what = name.isEmpty ? "no \(family) given" : "unknown \(family) '\(name)'"
        return "\(what) (known: \(known.joined(separator: ", ")))"
    }
}
