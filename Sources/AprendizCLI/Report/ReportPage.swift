import Aprendiz
import Foundation

/// The content of a report folder: an HTML page made of titled sections and figures, plus raw files.
struct ReportPage {
    var title: String
    /// HTML fragments under `<h2>` headings, in order.
    var sections: [(heading: String, html: String)] = []
    /// Figures inlined in the page (after the sections) and also written as `NAME.svg`.
    var figures: [(name: String, caption: String, figure: Figure)] = []
    /// Other files by name (metrics.json, results.md).
    var files: [String: Data] = [:]

    /// A self-contained HTML document: inline CSS and SVG, no scripts, nothing fetched.
    func html() -> String {
        var body = "<h1>\(Self.escape(title))</h1>\n"
        for (heading, html) in sections { body += "<h2>\(Self.escape(heading))</h2>\n\(html)\n" }
        for (name, caption, figure) in figures {
            body += "<figure>\(Self.inlineSVG(figure, idPrefix: "\(name)-"))<figcaption>\(Self.escape(caption))</figcaption></figure>\n"
        }
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(Self.escape(title))</title>
        <style>body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
        table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}
        th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}figure{margin:1.5em 0}
        figcaption{color:#555;font-size:90%}svg{max-width:100%;height:auto}</style></head>
        <body>
        \(body)<p style="color:#888;font-size:85%">aprendiz \(AprendizVersion.current)</p>
        </body></html>

        """
    }

    /// An HTML table; the first column is left-aligned. An empty `header` draws no header row.
    static func table(header: [String], rows: [[String]]) -> String {
        let head = header.isEmpty ? "" : "<tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
        let body = rows.map { "<tr>" + $0.map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }.joined(separator: "\n")
        return "<table>\n\(head)\(body)\n</table>"
    }

    /// A two-column table of names and values (no header row).
    static func keyValueTable(_ pairs: [(String, String)]) -> String {
        table(header: [], rows: pairs.map { [$0.0, $0.1] })
    }

    /// `&`, `<`, `>`, `"` as entities.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The figure's SVG without its XML declaration (not allowed inside HTML), its ids prefixed with
    /// `idPrefix` (the figure's name) so that no two figures of a page share an id.
    static func inlineSVG(_ figure: Figure, idPrefix: String) -> String { withoutXMLDeclaration(figure.svg(idPrefix: idPrefix)) }

    /// An SVG document without its leading `<?xml …?>` line.
    static func withoutXMLDeclaration(_ svg: String) -> String {
        guard svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") else { return svg }
        return String(svg[end.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Writes a ``ReportPage`` folder atomically: everything goes to a temporary sibling folder
/// `.<name>.partial-<pid>-<uuid>` that replaces `directory` only when complete, so a failure never leaves
/// half a report. Temporary folders left by a process that no longer runs (killed mid-write) are removed
/// by the next write to the same folder (`TemporarySibling`).
enum ReportWriter {
    static func write(_ page: ReportPage, to directory: URL) throws {
        let manager = FileManager.default
        let parent = directory.deletingLastPathComponent()
        let prefix = ".\(directory.lastPathComponent).partial-"
        let oldPrefix = ".\(directory.lastPathComponent).old-"
        TemporarySibling.removeStale(prefix: prefix, in: parent.path)
        TemporarySibling.removeStale(prefix: oldPrefix, in: parent.path)
        let staging = parent.appendingPathComponent(TemporarySibling.name(prefix: prefix))
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            defer { try? manager.removeItem(at: staging) }
            try Data(page.html().utf8).write(to: staging.appendingPathComponent("index.html"))
            for (name, _, figure) in page.figures {
                try Data(figure.svg().utf8).write(to: staging.appendingPathComponent("\(name).svg"))
            }
            for (name, data) in page.files { try data.write(to: staging.appendingPathComponent(name)) }
            // Two renames, then the old folder's deletion: the window without a report is between the renames.
            // Another process (or test) writing the same folder at the same time may move it away or put its
            // own report there between our renames: then try again, and the last complete report wins.
            for attempt in 1...8 {
                let previous = parent.appendingPathComponent(TemporarySibling.name(prefix: oldPrefix))
                let hadPrevious = manager.fileExists(atPath: directory.path)
                    && (try? manager.moveItem(at: directory, to: previous)) != nil
                defer { if hadPrevious { try? manager.removeItem(at: previous) } }
                do {
                    try manager.moveItem(at: staging, to: directory)
                    break
                } catch where attempt < 8 && manager.fileExists(atPath: directory.path) {
                    continue
                }
            }
        } catch {
            throw CLIError("cannot write the report folder '\(directory.path)': \(error.localizedDescription)")
        }
    }
}
