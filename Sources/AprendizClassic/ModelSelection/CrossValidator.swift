import AprendizTensor

/// A way of splitting n examples into training and held-out index sets (scikit-learn's CV splitters).
public protocol CrossValidator: Sendable {
    /// The (train, test) index pairs for examples with labels or targets `y` (`[count]`).
    func splits(_ y: Tensor) -> [(train: [Int], test: [Int])]
}

/// The indices 0..<n not in `test`, ascending.
func heldIn(excluding test: [Int], n: Int) -> [Int] {
    let held = Set(test)
    return (0..<n).filter { !held.contains($0) }
}
