#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few SQLite C functions the `SQLiteDatabase` reader needs, loaded from the system's `libsqlite3` at run time
/// (`dlopen`), like the project loads BLAS: building Aprendiz needs no SQLite headers or package, and a machine
/// without the library only loses the `sqlite:` sources (with a message saying so).
///
/// Signatures from <https://www.sqlite.org/c3ref/funclist.html>; handles are opaque pointers.
struct SQLiteLibrary: @unchecked Sendable {
    typealias Handle = OpaquePointer
    typealias Open = @convention(c) (UnsafePointer<CChar>, UnsafeMutablePointer<Handle?>, Int32, UnsafePointer<CChar>?) -> Int32
    typealias Close = @convention(c) (Handle?) -> Int32
    typealias Prepare = @convention(c) (Handle, UnsafePointer<CChar>, Int32, UnsafeMutablePointer<Handle?>,
                                        UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> Int32
    typealias Step = @convention(c) (Handle) -> Int32
    typealias ColumnCount = @convention(c) (Handle) -> Int32
    typealias ColumnName = @convention(c) (Handle, Int32) -> UnsafePointer<CChar>?
    typealias ColumnType = @convention(c) (Handle, Int32) -> Int32
    typealias ColumnDouble = @convention(c) (Handle, Int32) -> Double
    typealias ColumnText = @convention(c) (Handle, Int32) -> UnsafePointer<UInt8>?
    typealias ErrorMessage = @convention(c) (Handle?) -> UnsafePointer<CChar>?

    let open: Open
    let close: Close
    let prepare: Prepare
    let step: Step
    let finalize: Close
    let columnCount: ColumnCount
    let columnName: ColumnName
    let columnType: ColumnType
    let columnDouble: ColumnDouble
    let columnText: ColumnText
    let errorMessage: ErrorMessage

    // Result and type codes (sqlite3.h).
    static let ok: Int32 = 0, row: Int32 = 100, done: Int32 = 101
    static let integer: Int32 = 1, float: Int32 = 2, text: Int32 = 3, blob: Int32 = 4, null: Int32 = 5
    static let openReadOnly: Int32 = 0x01, openReadWrite: Int32 = 0x02, openCreate: Int32 = 0x04

    /// The library, loaded once; nil when no `libsqlite3` is installed.
    static let shared: SQLiteLibrary? = load()

    /// The file names tried, in order.
    static let candidates = ["libsqlite3.so.0", "libsqlite3.so", "libsqlite3.dylib", "/usr/lib/libsqlite3.dylib"]

    private static func load() -> SQLiteLibrary? {
        guard let library = candidates.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else { return nil }
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            dlsym(library, name).map { unsafeBitCast($0, to: type) }
        }
        guard let open = symbol("sqlite3_open_v2", as: Open.self),
              let close = symbol("sqlite3_close_v2", as: Close.self),
              let prepare = symbol("sqlite3_prepare_v2", as: Prepare.self),
              let step = symbol("sqlite3_step", as: Step.self),
              let finalize = symbol("sqlite3_finalize", as: Close.self),
              let columnCount = symbol("sqlite3_column_count", as: ColumnCount.self),
              let columnName = symbol("sqlite3_column_name", as: ColumnName.self),
              let columnType = symbol("sqlite3_column_type", as: ColumnType.self),
              let columnDouble = symbol("sqlite3_column_double", as: ColumnDouble.self),
              let columnText = symbol("sqlite3_column_text", as: ColumnText.self),
              let errorMessage = symbol("sqlite3_errmsg", as: ErrorMessage.self)
        else { return nil }
        return SQLiteLibrary(open: open, close: close, prepare: prepare, step: step, finalize: finalize,
                             columnCount: columnCount, columnName: columnName, columnType: columnType,
                             columnDouble: columnDouble, columnText: columnText, errorMessage: errorMessage)
    }
}
