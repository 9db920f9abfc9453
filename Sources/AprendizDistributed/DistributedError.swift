/// What went wrong in a distributed run.
public enum DistributedError: Error, Equatable, CustomStringConvertible {
    /// No MPI library could be loaded (the files tried and the loader's messages).
    case libraryUnavailable(String)
    /// An MPI call returned an error code; `message` is MPI's own text (`MPI_Error_string`).
    case mpi(function: String, code: Int32, message: String)
    /// The processes disagree: e.g. buffers of different lengths in a collective.
    case mismatch(String)

    /// One line naming the failed call or the disagreement, with MPI's own message when there is one.
    public var description: String {
        switch self {
        case .libraryUnavailable(let detail): "no MPI library could be loaded: \(detail)"
        case .mpi(let function, let code, let message): "\(function) failed (MPI error \(code)): \(message)"
        case .mismatch(let detail): detail
        }
    }
}
