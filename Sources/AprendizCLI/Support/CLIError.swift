/// A mistake in what the user asked for (a file, a name, a value), reported as one line
/// `Error: <message>` with a non-zero exit status.
struct CLIError: Error, CustomStringConvertible {
    /// The one-line message, naming what is wrong and where.
    let description: String

    init(_ description: String) { self.description = description }
}
