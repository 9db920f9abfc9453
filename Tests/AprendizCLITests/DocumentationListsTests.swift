import Aprendiz
import AprendizTestSupport
import Foundation
import Testing
@testable import AprendizCLI

/// The documentation names every member of the catalogues it lists, so a member added to a catalogue
/// shows up in the docs (or this test says where it is missing).
@Suite struct DocumentationListsTests {
    static func document(_ path: String) throws -> String {
        let root = ReferenceFixture.fixtureURL("x").deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Whether `text` has `name` as a whole word (not inside `gdx` or `adam-w`).
    static func mentions(_ text: String, _ name: String) -> Bool {
        let isWordCharacter: (Character) -> Bool = { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        var rest = text[...]
        while let range = rest.range(of: name) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !(before.map(isWordCharacter) ?? false) && !(after.map(isWordCharacter) ?? false) { return true }
            rest = text[range.upperBound...]
        }
        return false
    }

    @Test func docsNameEveryMemberOfTheCataloguesTheyList() throws {
        let lists: [(String, [String])] = [
            ("README.md", ModelKind.names),
            ("Docs/CommandLine.md", ModelKind.names),
            ("Docs/Optimizers.md", MinimizerKind.names),
            ("Docs/Losses.md", Loss.catalog.map(\.name)),
            ("Docs/Catalogues.md", ["Activation", "OptimizerKind", "MinimizerKind", "ModelCatalog", "ModelKind", "Loss.catalog"]),
        ]
        for (path, names) in lists {
            let text = try Self.document(path)
            for name in names { #expect(Self.mentions(text, name), "\(path) does not name \(name)") }
        }
    }

    @Test func wholeWordsOnly() {
        #expect(Self.mentions("use `gd`, or adam.", "gd") && Self.mentions("use `gd`, or adam.", "adam"))
        #expect(!Self.mentions("gdx and adamw and heavy-ball-x", "gd") && !Self.mentions("adamw", "adam"))
        #expect(!Self.mentions("heavy-ball-x", "heavy-ball"))
    }
}
