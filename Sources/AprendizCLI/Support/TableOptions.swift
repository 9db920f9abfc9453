import Aprendiz
import ArgumentParser

/// How `csv:` data sets are read: `--categorical`, `--ignore`, `--decimal`, `--delimiter` (`CSVReadOptions`), and how
/// their missing cells are filled (`--impute`).
struct TableOptions: ParsableArguments {
    @Option(help: "CSV columns read as text categories even when they hold numbers, comma-separated.")
    var categorical: String?

    @Option(help: "CSV columns left out, comma-separated.")
    var ignore: String?

    @Option(help: "The CSV decimal separator: . (default) or , (with ; between fields).")
    var decimal: String = "."

    @Option(help: "The CSV field separator: , ; or tab (default: detected from the header line).")
    var delimiter: String?

    @Option(help: ArgumentHelp("Fill missing cells with the training rows' mean, median or most-frequent value (categorical columns: the most frequent category); recorded in the model.",
                               valueName: "strategy"))
    var impute: MissingValueStrategy?

    func validate() throws {
        guard decimal == "." || decimal == "," else { throw ValidationError("--decimal must be . or , (got '\(decimal)')") }
        if let delimiter {
            guard [",", ";", "tab", "\t", "|"].contains(delimiter) else {
                throw ValidationError("--delimiter must be , ; tab or | (got '\(delimiter)')")
            }
            if delimiter == decimal { throw ValidationError("--delimiter and --decimal are both '\(decimal)'") }
        }
    }

    /// The reader's options.
    var csv: CSVReadOptions {
        CSVReadOptions(delimiter: delimiter.map { $0 == "tab" ? "\t" : Character($0) }, decimalSeparator: Character(decimal),
                       categorical: Self.names(categorical), ignored: Self.names(ignore))
    }

    private static func names(_ list: String?) -> Set<String> {
        Set((list ?? "").split(separator: ",").map { String($0) })
    }
}

extension MissingValueStrategy: ExpressibleByArgument {}
