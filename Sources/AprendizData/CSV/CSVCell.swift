import Foundation

/// Writing one CSV cell (RFC 4180 §2, <https://www.rfc-editor.org/rfc/rfc4180>).
public enum CSVCell {
    /// `text` as a CSV field: quoted, with its quotes doubled, when it holds a comma, semicolon, tab, quote or line
    /// break, or starts or ends with a space; as it is otherwise.
    /// ```
    /// setosa → setosa      Silva, Ana → "Silva, Ana"      disse "olá" → "disse ""olá"""
    /// ```
    public static func escaped(_ text: String) -> String {
        let needsQuotes = text.contains { ",;\t\"\n\r".contains($0) } || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
