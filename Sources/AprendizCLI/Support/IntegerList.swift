import Aprendiz

/// A comma-separated list of positive integers on the command line (`--hidden 256,128`,
/// `bench gemm --sizes 512,1024`): split and trimmed like every list of the command line.
enum IntegerList {
    /// The integers of `text`; an empty or blank text is the empty list when `allowsEmpty`.
    /// - Throws: ``CLIError`` naming `option`, the text and an example.
    static func parse(_ text: String, option: String, example: String, allowsEmpty: Bool = false) throws -> [Int] {
        if allowsEmpty, CatalogueLookup.normalized(text).isEmpty { return [] }
        let values = text.split(separator: ",", omittingEmptySubsequences: false).map { Int(CatalogueLookup.normalized($0)) }
        guard values.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw CLIError("\(option) '\(text)': expected positive integers separated by commas, like \(example)")
        }
        return values.map { $0! }
    }
}
