#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few libpq C functions the `PostgresConnection` reader needs, loaded from the system's `libpq.so.5` at run
/// time (`dlopen`), the same pattern as `SQLiteLibrary`, BLAS and MPI.
///
/// Why libpq at run time and not PostgresNIO (which the issue named): `swift run -c release aprendiz` must stay
/// quick to build, and PostgresNIO would pull swift-nio, swift-crypto and their C code into the `aprendiz` command
/// (today only the HTTP server builds NIO). With `dlopen`, building Aprendiz needs no PostgreSQL headers or package,
/// and a machine without libpq only loses the `postgres://` sources, with a message saying so.
///
/// Signatures from <https://www.postgresql.org/docs/15/libpq.html>; `PGconn *` and `PGresult *` are opaque.
struct PostgresLibrary: @unchecked Sendable {
    typealias Handle = OpaquePointer
    typealias Connect = @convention(c) (UnsafePointer<CChar>) -> Handle?
    typealias ConnectionInt = @convention(c) (Handle?) -> Int32
    typealias ConnectionText = @convention(c) (Handle?) -> UnsafePointer<CChar>?
    typealias Finish = @convention(c) (Handle?) -> Void
    typealias SendQuery = @convention(c) (Handle, UnsafePointer<CChar>) -> Int32
    typealias GetResult = @convention(c) (Handle) -> Handle?
    typealias ResultInt = @convention(c) (Handle) -> Int32
    typealias ResultText = @convention(c) (Handle) -> UnsafePointer<CChar>?
    typealias FieldName = @convention(c) (Handle, Int32) -> UnsafePointer<CChar>?
    typealias FieldType = @convention(c) (Handle, Int32) -> UInt32
    typealias IsNull = @convention(c) (Handle, Int32, Int32) -> Int32
    typealias Value = @convention(c) (Handle, Int32, Int32) -> UnsafePointer<CChar>?

    let connect: Connect
    let status: ConnectionInt
    let errorMessage: ConnectionText
    let finish: Finish
    let sendQuery: SendQuery
    let setSingleRowMode: ConnectionInt
    let getResult: GetResult
    let resultStatus: ResultInt
    let resultErrorMessage: ResultText
    let rowCount: ResultInt
    let fieldCount: ResultInt
    let fieldName: FieldName
    let fieldType: FieldType
    let isNull: IsNull
    let value: Value
    let length: IsNull
    let clear: Finish

    // ConnStatusType and ExecStatusType (libpq-fe.h).
    static let connectionOK: Int32 = 0
    static let commandOK: Int32 = 1, tuplesOK: Int32 = 2, singleTuple: Int32 = 9

    /// The library, loaded once; nil when no libpq is installed.
    static let shared: PostgresLibrary? = load()

    /// The file names tried, in order.
    static let candidates = ["libpq.so.5", "libpq.so", "libpq.5.dylib", "/opt/homebrew/opt/libpq/lib/libpq.5.dylib"]

    private static func load() -> PostgresLibrary? {
        guard let library = candidates.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else { return nil }
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            dlsym(library, name).map { unsafeBitCast($0, to: type) }
        }
        guard let connect = symbol("PQconnectdb", as: Connect.self),
              let status = symbol("PQstatus", as: ConnectionInt.self),
              let errorMessage = symbol("PQerrorMessage", as: ConnectionText.self),
              let finish = symbol("PQfinish", as: Finish.self),
              let sendQuery = symbol("PQsendQuery", as: SendQuery.self),
              let setSingleRowMode = symbol("PQsetSingleRowMode", as: ConnectionInt.self),
              let getResult = symbol("PQgetResult", as: GetResult.self),
              let resultStatus = symbol("PQresultStatus", as: ResultInt.self),
              let resultErrorMessage = symbol("PQresultErrorMessage", as: ResultText.self),
              let rowCount = symbol("PQntuples", as: ResultInt.self),
              let fieldCount = symbol("PQnfields", as: ResultInt.self),
              let fieldName = symbol("PQfname", as: FieldName.self),
              let fieldType = symbol("PQftype", as: FieldType.self),
              let isNull = symbol("PQgetisnull", as: IsNull.self),
              let value = symbol("PQgetvalue", as: Value.self),
              let length = symbol("PQgetlength", as: IsNull.self),
              let clear = symbol("PQclear", as: Finish.self)
        else { return nil }
        return PostgresLibrary(connect: connect, status: status, errorMessage: errorMessage, finish: finish, sendQuery: sendQuery,
                               setSingleRowMode: setSingleRowMode, getResult: getResult, resultStatus: resultStatus,
                               resultErrorMessage: resultErrorMessage, rowCount: rowCount, fieldCount: fieldCount,
                               fieldName: fieldName, fieldType: fieldType, isNull: isNull, value: value, length: length, clear: clear)
    }
}
