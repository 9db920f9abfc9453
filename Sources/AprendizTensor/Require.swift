/// Stops the program with `message` when `condition` is false — in every build configuration.
///
/// Swift's `precondition` prints its message only in unoptimised builds, and under `-Ounchecked`
/// (the kernels' release setting) it is not evaluated at all: a shape mismatch in a release build
/// would crash without a word, or read out of bounds. Every argument check of Aprendiz goes through
/// `require` instead, so a release build stops with the same message a debug build prints, e.g.
/// `Fatal error: add: shapes [2, 3] and [4] cannot be broadcast together`.
@inlinable @inline(__always)
public func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                    file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { requirementFailed(message(), file: file, line: line) }
}

/// The cold path of ``require(_:_:file:line:)``, kept out of line so checks stay cheap where they pass.
@usableFromInline @inline(never)
func requirementFailed(_ message: String, file: StaticString, line: UInt) -> Never {
    fatalError(message, file: file, line: line)
}
