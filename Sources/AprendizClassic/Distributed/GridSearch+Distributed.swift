import AprendizDistributed
import AprendizTensor

extension GridSearch {
    /// ``fit(_:_:)`` with its fits shared over `world`'s ranks (every rank passes the same `x`, `y`): the
    /// C·K (combination, fold) pairs, numbered c·K + k, are split in contiguous shares
    /// (`Distributed.share(of:)`), each rank fits and scores its pairs, and the scores are exchanged
    /// (`sharedScores(_:across:score:)`), so every rank gets one process's table, refits the best
    /// combination and returns the same result. Throws ``ClassicError`` (the one one process would throw
    /// first) or `DistributedError` from MPI.
    public func fit(_ x: Tensor, _ y: Tensor, across world: Distributed) throws -> GridSearchResult<E> {
        try InputValidation.featuresAndTargets(x, y, for: E.name)
        let combinations = combinations
        for (candidate, _) in combinations { try candidate.validate() }
        let folds = splitter.splits(y)
        let scores = try sharedScores(combinations.count * folds.count, across: world) { pair throws(ClassicError) in
            let (candidate, fold) = pair.quotientAndRemainder(dividingBy: folds.count)
            let (train, test) = folds[fold]
            let model = try combinations[candidate].0.fit(x.selecting(train), y.selecting(train))
            return model.score(x.selecting(test), y.selecting(test))
        }
        let candidates = combinations.indices.map { c in
            (parameters: combinations[c].1, result: CrossValidationResult(scores: Array(scores[(c * folds.count)..<((c + 1) * folds.count)])))
        }
        return try result(candidates, x, y)
    }
}

/// `crossValidate` with its folds shared over `world`'s ranks: every rank gets one process's scores
/// (see ``GridSearch/fit(_:_:across:)``).
public func crossValidate<E: Estimator>(_ estimator: E, _ x: Tensor, _ y: Tensor, splitter: any CrossValidator,
                                        across world: Distributed) throws -> CrossValidationResult {
    try InputValidation.featuresAndTargets(x, y, for: E.name)
    let folds = splitter.splits(y)
    return CrossValidationResult(scores: try sharedScores(folds.count, across: world) { k throws(ClassicError) in
        let model = try estimator.fit(x.selecting(folds[k].train), y.selecting(folds[k].train))
        return model.score(x.selecting(folds[k].test), y.selecting(folds[k].test))
    })
}

/// `score(i)` for i in 0..<count, every rank computing its contiguous share (in parallel on the thread
/// pool) and all ranks getting all of them: one all-reduce in `Double` of the scores and of a failure
/// flag, each entry non-zero on one rank only (x + 0 = x, so each `Float` score comes back exactly).
/// If any failed, every rank recomputes the first failure and throws its error, the one a single
/// process would have thrown.
func sharedScores(_ count: Int, across world: Distributed, score: @Sendable (Int) throws(ClassicError) -> Float) throws -> [Float] {
    let own = world.share(of: count)
    var results = [Result<Float, ClassicError>?](repeating: nil, count: own.count)
    results.withUnsafeMutableBufferPointer { buffer in
        let results = UncheckedBuffer(buffer)  // each task writes only its own slot
        Parallel.forEach(own.count) { index in
            do throws(ClassicError) { results[index] = .success(try score(own.lowerBound + index)) } catch { results[index] = .failure(error) }
        }
    }
    var shared = [Double](repeating: 0, count: 2 * count)
    for (index, result) in zip(own, results) {
        switch result! {
        case .success(let value): shared[index] = Double(value)
        case .failure: shared[count + index] = 1
        }
    }
    try world.allReduce(&shared)
    if let failed = (0..<count).first(where: { shared[count + $0] != 0 }) { _ = try score(failed) }
    return shared[0..<count].map { Float($0) }
}
