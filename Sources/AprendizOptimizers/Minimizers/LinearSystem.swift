import AprendizTensor

/// Small dense linear algebra in Double for the minimizers (n is the number of variables: tiny).
enum LinearSystem {
    /// x with A·x = b (Gaussian elimination with partial pivoting), or nil when A is singular
    /// (a pivot below 1e-12 of A's largest element).
    static func solve(_ a: Tensor, _ b: Tensor) -> Tensor? {
        let n = b.count
        require(a.shape == [n, n], "LinearSystem.solve: matrix shape \(a.shape) does not match vector of \(n)")
        var m = a.scalars.map(Double.init), x = b.scalars.map(Double.init)
        let scale = m.map(Swift.abs).max() ?? 0
        guard scale > 0, scale.isFinite else { return nil }
        for column in 0..<n {
            let pivot = (column..<n).max { Swift.abs(m[$0 * n + column]) < Swift.abs(m[$1 * n + column]) }!
            guard Swift.abs(m[pivot * n + column]) > 1e-12 * scale else { return nil }
            if pivot != column {
                for k in 0..<n { m.swapAt(column * n + k, pivot * n + k) }
                x.swapAt(column, pivot)
            }
            for row in (column + 1)..<n {
                let factor = m[row * n + column] / m[column * n + column]
                for k in column..<n { m[row * n + k] -= factor * m[column * n + k] }
                x[row] -= factor * x[column]
            }
        }
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = x[row]
            for k in (row + 1)..<n { sum -= m[row * n + k] * x[k] }
            x[row] = sum / m[row * n + row]
        }
        return Tensor(x.map(Float.init))
    }
}

/// Eigenvalues of a symmetric matrix by cyclic Jacobi rotations (Golub & Van Loan §8.5), in Double.
enum SymmetricEigenvalues {
    static func of(_ a: Tensor, in operation: String) -> [Double] {
        let n = a.shape.first ?? 0
        require(a.shape == [n, n] && n > 0, "\(operation): expected a square matrix, got shape \(a.shape)")
        var m = a.scalars.map(Double.init)
        for sweep in 0..<100 {
            var off = 0.0
            for i in 0..<n { for j in 0..<n where i != j { off += m[i * n + j] * m[i * n + j] } }
            if off < 1e-24 || sweep == 99 { break }
            for p in 0..<n { for q in (p + 1)..<n { rotate(&m, n, p, q) } }
        }
        return (0..<n).map { m[$0 * n + $0] }
    }

    /// One Jacobi rotation zeroing m[p][q].
    private static func rotate(_ m: inout [Double], _ n: Int, _ p: Int, _ q: Int) {
        let apq = m[p * n + q]
        guard apq != 0 else { return }
        let theta = (m[q * n + q] - m[p * n + p]) / (2 * apq)
        let t = (theta >= 0 ? 1.0 : -1.0) / (Swift.abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot(), s = t * c
        for k in 0..<n {
            let akp = m[k * n + p], akq = m[k * n + q]
            m[k * n + p] = c * akp - s * akq
            m[k * n + q] = s * akp + c * akq
        }
        for k in 0..<n {
            let apk = m[p * n + k], aqk = m[q * n + k]
            m[p * n + k] = c * apk - s * aqk
            m[q * n + k] = s * apk + c * aqk
        }
    }
}
