import Foundation
// TEMPORARY: replaced by the thread-pool implementation.
public enum Parallel {
    nonisolated(unsafe) private static var _threadCount = ProcessInfo.processInfo.activeProcessorCount
    public static var threadCount: Int {
        get { _threadCount }
        set { _threadCount = max(1, newValue) }
    }
    public static func forEach(_ count: Int, _ body: (Int) -> Void) {
        if count == 1 || threadCount == 1 { for i in 0..<count { body(i) }; return }
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let b = body
            DispatchQueue.concurrentPerform(iterations: count) { b($0) }
        }
    }
}
