import AprendizTensor

/// Out-of-fold predictions of one member (scikit-learn's `cross_val_predict`): for each fold, the member is
/// fitted on the other folds and `output` is computed on the held-out rows, so every row's value comes from a
/// model that did not see it. Folds run in parallel on the `Parallel` pool. Returns `[count, columns]`.
func outOfFoldPredictions<Model>(_ x: Tensor, _ y: Tensor, splitter: any CrossValidator, columns: Int,
                                 fit: @Sendable (Tensor, Tensor) throws(ClassicError) -> Model,
                                 output: @Sendable (Model, Tensor) -> Tensor) throws(ClassicError) -> Tensor {
    let n = x.shape[0], folds = splitter.splits(y)
    var values = [Float](repeating: 0, count: n * columns)
    var failures = [ClassicError?](repeating: nil, count: folds.count)
    values.withUnsafeMutableBufferPointer { buffer in
        failures.withUnsafeMutableBufferPointer { errors in
            let out = UncheckedBuffer(buffer), failed = UncheckedBuffer(errors)
            Parallel.forEach(folds.count) { k in
                let (train, test) = folds[k]
                do throws(ClassicError) {
                    let model = try fit(x.selecting(train), y.selecting(train))
                    let predicted = output(model, x.selecting(test)).scalars
                    for (r, row) in test.enumerated() {
                        for c in 0..<columns { out[row * columns + c] = predicted[r * columns + c] }
                    }
                } catch {
                    failed[k] = error
                }
            }
        }
    }
    if let error = failures.compactMap({ $0 }).first { throw error }
    return Tensor(shape: [n, columns], scalars: values)
}
