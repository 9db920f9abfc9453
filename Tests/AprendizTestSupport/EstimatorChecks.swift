import Aprendiz
import Foundation
import Testing

/// The conformance suite every classic-ML estimator runs (in the spirit of scikit-learn's
/// `check_estimator`): `checkRegressor(try Ridge())`, `checkClassifier(try LogisticRegression())`.
///
/// Checks: fitting twice gives the same model; predictions do not depend on the order of the training rows;
/// one feature, a constant feature and duplicated rows fit to finite predictions; one sample either fits or
/// is refused with a `ClassicError`; NaN and ∞ in x or y and mismatched x/y lengths are refused with a
/// `ClassicError` naming the problem (with `acceptsMissingValues`, NaN in x must fit and ∞ is refused); classifiers keep labels that are not 0…K−1; save → load gives
/// identical predictions.
public enum EstimatorChecks {
    /// Every check for an estimator of real-valued targets (data: y = x·w + noise, 40 × 3).
    public static func checkRegressor<E: Estimator>(_ estimator: E, orderTolerance: Float = 1e-3, acceptsMissingValues: Bool = false,
                                                    sourceLocation: SourceLocation = #_sourceLocation)
    where E.Model: RegressionModel & ArchivableModel & Equatable {
        var generator = RandomGenerator(seed: 11)
        let x = Tensor(shape: [40, 3], scalars: (0..<120).map { _ in Float(generator.nextNormal()) })
        let noise = Tensor((0..<40).map { _ in Float(generator.nextNormal()) * 0.1 })
        let y = x.matmul(Tensor([[1.5], [-2], [0.5]])).reshaped([-1]) + noise + 3
        checkCommon(estimator, x, y, orderTolerance: orderTolerance, acceptsMissingValues: acceptsMissingValues, sourceLocation: sourceLocation)
        #expect(((try? estimator.fit(x, y))?.score(x, y) ?? 0) > 0.5, "\(E.name) explains little of a linear target", sourceLocation: sourceLocation)
    }

    /// Every check for a classifier (data: three separated blobs labelled −2, 5 and 11, 45 × 2).
    public static func checkClassifier<E: Estimator>(_ estimator: E, orderTolerance: Float = 1e-3, acceptsMissingValues: Bool = false,
                                                     sourceLocation: SourceLocation = #_sourceLocation)
    where E.Model: ClassificationModel & ArchivableModel & Equatable {
        var generator = RandomGenerator(seed: 12)
        let labels: [Float] = [-2, 5, 11], centres: [[Float]] = [[0, 0], [4, 0], [0, 4]]
        var rows: [Float] = [], targets: [Float] = []
        for i in 0..<45 {
            rows += centres[i % 3].map { $0 + Float(generator.nextNormal()) * 0.7 }
            targets.append(labels[i % 3])
        }
        let x = Tensor(shape: [45, 2], scalars: rows), y = Tensor(targets)
        checkCommon(estimator, x, y, orderTolerance: orderTolerance, acceptsMissingValues: acceptsMissingValues, sourceLocation: sourceLocation)
        guard let model = try? estimator.fit(x, y) else { return }
        #expect(model.classes == [-2, 5, 11], "classes of \(E.name)", sourceLocation: sourceLocation)
        #expect(Set(model.predict(x).scalars).isSubset(of: Set(labels)), sourceLocation: sourceLocation)
        #expect(model.score(x, y) > 0.9, "\(E.name) on separated blobs", sourceLocation: sourceLocation)
        let probabilities = model.predictProbabilities(x)
        expectClose(probabilities.sum(axis: 1), Tensor.ones([45]), absolute: 1e-4, sourceLocation: sourceLocation)
        let oneClass = y.slice(axis: 0, 0..<1)
        #expect(throws: ClassicError.self, "one class", sourceLocation: sourceLocation) { try estimator.fit(x.slice(axis: 0, 0..<1), oneClass) }
    }

    private static func checkCommon<E: Estimator>(_ estimator: E, _ x: Tensor, _ y: Tensor, orderTolerance: Float,
                                                  acceptsMissingValues: Bool, sourceLocation: SourceLocation) where E.Model: ArchivableModel & Equatable {
        let model: E.Model
        do { model = try estimator.fit(x, y) } catch {
            Issue.record("\(E.name) failed to fit the check data: \(error)", sourceLocation: sourceLocation)
            return
        }
        let n = x.shape[0]
        #expect(model == (try? estimator.fit(x, y)), "fitting twice gives the same model", sourceLocation: sourceLocation)
        // The same permutation on every run and for every estimator: a generator of its own per check (one shared
        // global generator advanced in whatever order the suites ran, so the shuffle, and with it an order-
        // sensitive estimator's predictions, changed from run to run).
        var shuffling = RandomGenerator(seed: 99)
        let order = Array((0..<n).reversed().shuffled(using: &shuffling))
        if let permuted = try? estimator.fit(x.selecting(order), y.selecting(order)) {
            expectClose(permuted.predict(x), model.predict(x), absolute: orderTolerance, relative: orderTolerance,
                        "predictions after shuffling the rows", sourceLocation: sourceLocation)
        } else {
            Issue.record("\(E.name) failed on shuffled rows", sourceLocation: sourceLocation)
        }
        checkEdgeCases(estimator, x, y, sourceLocation: sourceLocation)
        checkBadInput(estimator, x, y, acceptsMissingValues: acceptsMissingValues, sourceLocation: sourceLocation)
        checkSaveLoad(model, x, sourceLocation: sourceLocation)
    }

    private static func checkEdgeCases<E: Estimator>(_ estimator: E, _ x: Tensor, _ y: Tensor, sourceLocation: SourceLocation) {
        let n = x.shape[0]
        let cases: [(String, Tensor, Tensor)] = [
            ("one feature", x.slice(axis: 1, 0..<1), y),
            ("a constant feature", Tensor.concatenate([x, Tensor.full([n, 1], value: 7)], axis: 1), y),
            ("duplicated rows", Tensor.concatenate([x, x], axis: 0), Tensor.concatenate([y, y], axis: 0)),
        ]
        for (name, inputs, targets) in cases {
            do {
                let predictions = try estimator.fit(inputs, targets).predict(inputs)
                let finite = predictions.scalars.allSatisfy { $0.isFinite }
                #expect(predictions.shape == [inputs.shape[0]] && finite,
                        "\(E.name) with \(name): predictions \(predictions.shape)", sourceLocation: sourceLocation)
            } catch {
                Issue.record("\(E.name) with \(name): \(error)", sourceLocation: sourceLocation)
            }
        }
        do {
            let single = try estimator.fit(x.slice(axis: 0, 0..<1), y.slice(axis: 0, 0..<1))
            let finite = single.predict(x).scalars.allSatisfy { $0.isFinite }
            #expect(finite, "\(E.name) with one sample", sourceLocation: sourceLocation)
        } catch {
            // `fit` throws only ClassicError (typed throws): a refusal must still say something.
            #expect(!error.description.isEmpty, "\(E.name) with one sample", sourceLocation: sourceLocation)
        }
    }

    private static func checkBadInput<E: Estimator>(_ estimator: E, _ x: Tensor, _ y: Tensor, acceptsMissingValues: Bool,
                                                    sourceLocation: SourceLocation) {
        var nanX = x, infiniteX = x, infiniteY = y
        nanX[2, 1] = .nan
        infiniteX[2, 1] = .infinity
        infiniteY[3] = .infinity
        var refused = [("∞ in y", x, infiniteY)]
        if acceptsMissingValues {
            // NaN is a missing value: it fits and predicts finite values; ∞ in x is still refused.
            refused.append(("∞ in x", infiniteX, y))
            let predictions = (try? estimator.fit(nanX, y))?.predict(nanX).scalars ?? []
            #expect(predictions.count == x.shape[0] && predictions.allSatisfy { $0.isFinite },
                    "\(E.name) with a missing value (NaN) in x", sourceLocation: sourceLocation)
        } else {
            refused.append(("NaN in x", nanX, y))
        }
        for (name, inputs, targets) in refused {
            do {
                _ = try estimator.fit(inputs, targets)
                Issue.record("\(E.name) accepted \(name)", sourceLocation: sourceLocation)
            } catch {
                #expect("\(error)".contains("non-finite"), "\(E.name) with \(name): \(error)", sourceLocation: sourceLocation)
            }
        }
        do {
            _ = try estimator.fit(x, y.slice(axis: 0, 0..<(y.shape[0] - 1)))
            Issue.record("\(E.name) accepted x and y of different lengths", sourceLocation: sourceLocation)
        } catch {
            #expect("\(error)".contains("\(x.shape)"), "\(E.name) with mismatched lengths: \(error)", sourceLocation: sourceLocation)
        }
    }

    private static func checkSaveLoad<M: ArchivableModel>(_ model: M, _ x: Tensor, sourceLocation: SourceLocation) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("aprendiz-check-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            try model.save(to: url)
            let loaded = try M(contentsOf: url)
            #expect(loaded.predict(x) == model.predict(x), "save → load → identical predictions", sourceLocation: sourceLocation)
        } catch {
            Issue.record("save/load of \(M.archiveKind): \(error)", sourceLocation: sourceLocation)
        }
    }
}

