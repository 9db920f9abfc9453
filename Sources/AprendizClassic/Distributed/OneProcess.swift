import AprendizDistributed

/// Runs the body of an estimator that can also fit across ranks (``Distributed``) in one process, where
/// it makes no MPI call: only its ``ClassicError`` can come out; any other error is a bug, not input.
func inOneProcess<T>(_ estimator: String, _ body: (Distributed) throws -> T) throws(ClassicError) -> T {
    do { return try body(.single) } catch let error as ClassicError { throw error } catch {
        preconditionFailure("\(estimator): one process makes no MPI call, yet got \(error)")
    }
}
