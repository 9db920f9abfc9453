import AprendizTensor

/// The checks `fit` makes on user data (scikit-learn's `check_X_y`), each throwing a
/// ``ClassicError/invalidData(estimator:reason:)`` that names the estimator and the problem.
enum InputValidation {
    /// `x` must be a non-empty `[count, features]` matrix of finite values.
    static func features(_ x: Tensor, for estimator: String) throws(ClassicError) {
        guard x.rank == 2, x.shape[0] > 0, x.shape[1] > 0 else {
            throw .invalidData(estimator: estimator, reason: "x must be a non-empty [count, features] matrix, got shape \(x.shape)")
        }
        try finite(x, "x", for: estimator)
    }

    /// `x` as above and `y` a `[count]` vector of finite values, with as many rows as `x`.
    static func featuresAndTargets(_ x: Tensor, _ y: Tensor, for estimator: String) throws(ClassicError) {
        try features(x, for: estimator)
        guard y.rank == 1, y.shape[0] == x.shape[0] else {
            throw .invalidData(estimator: estimator, reason: "x has shape \(x.shape) but y has shape \(y.shape) (expected [\(x.shape[0])])")
        }
        try finite(y, "y", for: estimator)
    }

    private static func finite(_ t: Tensor, _ name: String, for estimator: String) throws(ClassicError) {
        // A float is NaN or ±∞ when its exponent bits are all ones; adding 1 to the exponent field then carries
        // into the sign bit. One branch-free integer pass (vectorised) finds whether any value is bad, and
        // only then the first one is looked for.
        let bad = t.withUnsafeBufferPointer { values -> Int? in
            var carries: UInt32 = 0
            for v in values { carries |= (v.bitPattern & 0x7F80_0000) &+ 0x0080_0000 }
            return carries & 0x8000_0000 == 0 ? nil : values.firstIndex { !$0.isFinite }
        }
        if let bad {
            let columns = t.rank == 2 ? t.shape[1] : 1
            let place = t.rank == 2 ? "row \(bad / columns), column \(bad % columns)" : "element \(bad)"
            throw .invalidData(estimator: estimator, reason: "\(name) has a non-finite value (\(t.scalars[bad])) at \(place)")
        }
    }
}
