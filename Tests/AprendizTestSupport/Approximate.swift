import Aprendiz
import Testing

/// Expects two tensors to have the same shape and elements within `absolute + relative·|expected|`
/// (NaN matches NaN, infinities must match exactly). Reports the first offending index.
public func expectClose(_ actual: Tensor, _ expected: Tensor, absolute: Float = 1e-5, relative: Float = 1e-4,
                        _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual.shape == expected.shape else {
        Issue.record("shape \(actual.shape) differs from expected \(expected.shape). \(comment?.rawValue ?? "")",
                     sourceLocation: sourceLocation)
        return
    }
    let a = actual.scalars, e = expected.scalars
    for i in a.indices {
        if a[i].isNaN && e[i].isNaN { continue }
        if a[i].isInfinite || e[i].isInfinite {
            if a[i] == e[i] { continue }
        } else if Swift.abs(a[i] - e[i]) <= absolute + relative * Swift.abs(e[i]) {
            continue
        }
        Issue.record("element \(i): \(a[i]) vs expected \(e[i]) (shape \(actual.shape)). \(comment?.rawValue ?? "")",
                     sourceLocation: sourceLocation)
        return
    }
}

/// Expects two scalars to agree within `absolute + relative·|expected|`.
public func expectClose(_ actual: Float, _ expected: Float, absolute: Float = 1e-5, relative: Float = 1e-4,
                        _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    expectClose(Tensor(actual), Tensor(expected), absolute: absolute, relative: relative, comment, sourceLocation: sourceLocation)
}
