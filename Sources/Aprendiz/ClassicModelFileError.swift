/// Why a classic model file (``ClassicFit/load(_:)``) does not load: one line naming the file and the problem
/// (`model file 'm.safetensors' does not exist`, `… unknown classic model 'x'`).
package struct ClassicModelFileError: Error, CustomStringConvertible {
    /// The one-line message.
    package let description: String

    package init(_ description: String) { self.description = description }
}
