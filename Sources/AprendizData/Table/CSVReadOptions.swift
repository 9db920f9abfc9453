/// How ``Table/readCSV(_:options:)`` reads a CSV file.
///
/// Defaults follow pandas' `read_csv`: the delimiter is detected (`sep=None` sniffs it too), `.` is the decimal
/// separator, and the missing-value markers are pandas' usual ones.
public struct CSVReadOptions: Sendable {
    /// The field separator; nil detects it from the header line: the most frequent of `,`, `;` and tab outside
    /// quotes (`,` when none appears, and `;` rather than `,` when the decimal separator is `,`).
    public var delimiter: Character?
    /// The decimal separator of numbers: `.` (default) or `,` (Portuguese, French and German spreadsheets).
    public var decimalSeparator: Character
    /// Columns read as categorical text even when every cell is a number (codes, postal codes, class numbers).
    public var categorical: Set<String>
    /// Columns left out of the table.
    public var ignored: Set<String>
    /// Cells that mean "missing" (compared after trimming spaces): ``defaultMissingValues`` unless changed.
    public var missingValues: Set<String>
    /// Parse at most this many chunks at once (default: `Parallel.threadCount`).
    public var threads: Int?
    /// The smallest chunk worth a thread (tests make it small to exercise chunk boundaries).
    var minimumChunkBytes = CSVReader.Options().minimumChunkBytes
    /// The longest field in bytes (default 16 MiB); a longer one is a ``NumericTableError`` naming the file and the
    /// line, thrown before the field is copied (a 1 GB line, a quote never closed).
    public var maximumFieldBytes = CSVReader.Options().maximumFieldBytes
    /// The most columns (default 2²² = 4 194 304); a wider header is a ``NumericTableError`` naming the file, thrown
    /// before more names are kept.
    public var maximumColumns = CSVReader.Options().maximumColumns

    /// `""`, `NA`, `N/A`, `n/a`, `NaN`, `nan`, `-nan`, `NULL`, `null`, `None`, `?`, `<NA>`, `#N/A` — pandas'
    /// defaults, plus `?` (the UCI repository's marker).
    public static let defaultMissingValues: Set<String> = [
        "", "NA", "N/A", "n/a", "NaN", "nan", "-nan", "NULL", "null", "None", "?", "<NA>", "#N/A",
    ]

    /// Options with the defaults above, any of them changed by argument.
    public init(delimiter: Character? = nil, decimalSeparator: Character = ".", categorical: Set<String> = [],
                ignored: Set<String> = [], missingValues: Set<String> = CSVReadOptions.defaultMissingValues,
                threads: Int? = nil) {
        self.delimiter = delimiter
        self.decimalSeparator = decimalSeparator
        self.categorical = categorical
        self.ignored = ignored
        self.missingValues = missingValues
        self.threads = threads
    }
}
