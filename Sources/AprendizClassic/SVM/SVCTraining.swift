import AprendizTensor

/// The one-vs-one training of ``SVC`` and ``NuSVC`` (libsvm's `svm_train` for C-SVC and ν-SVC): one
/// ``SMOSolver`` run per pair of classes on their rows, then the support vectors (rows with a non-zero
/// coefficient in any pair) grouped by class and the coefficients laid out as libsvm's `sv_coef`
/// (scikit-learn's `dual_coef_`). With `probability`, each pair also gets Platt's sigmoid fitted on
/// 5-fold cross-validated decision values (libsvm's `svm_binary_svc_probability`).
struct SVCTraining {
    /// Which dual each pair solves.
    enum Formulation {
        /// C-SVC with C·weight per class (in the order of `labels.classes`).
        case c([Double])
        /// ν-SVC: min ½αᵀQα, yᵀα = 0, eᵀα = νl, 0 ≤ α ≤ 1, then α/r, ρ/r (libsvm's `solve_nu_svc`).
        case nu(Double)
    }

    let x: DenseMatrix
    let labels: ClassLabels
    let kernel: Kernel
    let formulation: Formulation
    let parameters: SupportVectorParameters
    /// Whether to fit the pairwise Platt sigmoids.
    var probability = false
    /// The seed of the cross-validation folds (each pair draws from its own generator).
    var seed: UInt64 = 0

    struct Fitted {
        var supportIndices: [Int]
        var supportCounts: [Int]
        var dualCoefficients: Tensor
        var intercept: Tensor
        var objectives: [Double]
        var sigmoids: [PlattScaling]?
    }

    /// One pair's solution: signed coefficients yᵢαᵢ over the pair's rows, ρ, the objective, the sigmoid.
    private struct PairSolution {
        var coefficients: [Double]
        var rho: Double
        var objective: Double
        var sigmoid: PlattScaling?
    }

    /// Solves the K(K−1)/2 pairwise problems, in parallel on the ``Parallel`` pool (each with its own
    /// kernel cache; the results do not depend on the thread count), the pairs with the most rows claimed
    /// first so that a large problem does not start last while the other threads idle.
    func solveAllPairs() -> Fitted {
        let k = labels.classes.count
        let groups = (0..<k).map { c in labels.indices.indices.filter { labels.indices[$0] == c } }
        let pairs = (0..<k).flatMap { a in ((a + 1)..<max(k, a + 1)).map { (a, $0) } }
        let rowCounts = pairs.map { groups[$0.0].count + groups[$0.1].count }
        let largestFirst = pairs.indices.sorted { rowCounts[$0] > rowCounts[$1] }
        let data = KernelRows(x, training: true)
        var solutions = [PairSolution?](repeating: nil, count: pairs.count)
        solutions.withUnsafeMutableBufferPointer { buffer in
            let results = UncheckedBuffer(buffer)
            Parallel.forEach(pairs.count) { n in
                let index = largestFirst[n]
                results[index] = solvePair(pairs[index], groups, data, index: index)
            }
        }
        let solved = solutions.map { $0! }
        var nonzero = [Bool](repeating: false, count: labels.indices.count)
        for ((a, b), solution) in zip(pairs, solved) {
            for (r, i) in (groups[a] + groups[b]).enumerated() where solution.coefficients[r] != 0 { nonzero[i] = true }
        }
        var fitted = layout(groups: groups, nonzero: nonzero, pairCoefficients: solved.map(\.coefficients), rhos: solved.map(\.rho),
                            objectives: solved.map(\.objective))
        if probability { fitted.sigmoids = solved.map { $0.sigmoid! } }
        return fitted
    }

    /// Classes a (y = +1) against b (y = −1): the dual on their rows, and the sigmoid when asked.
    private func solvePair(_ pair: (Int, Int), _ groups: [[Int]], _ data: KernelRows, index: Int) -> PairSolution {
        let (a, b) = pair
        let rows = groups[a] + groups[b]
        let signs = rows.map { labels.indices[$0] == a ? 1.0 : -1.0 }
        var solution = solve(data, rows: rows, signs: signs, pair: pair)
        if probability {
            var generator = RandomGenerator(seed: seed &+ UInt64(index))
            let decisions = crossValidatedDecisions(data, rows: rows, signs: signs, pair: pair, generator: &generator)
            solution.sigmoid = PlattScaling(decisions: decisions, positive: signs.map { $0 > 0 })
        }
        return solution
    }

    /// The dual of `rows` (of the training rows `data`) with labels `signs` (±1) for the classes `pair`: C-SVC
    /// with (C_a, C_b), or ν-SVC.
    private func solve(_ data: KernelRows, rows: [Int], signs: [Double], pair: (Int, Int)) -> PairSolution {
        let q = ClassificationQ(data, rows: rows, kernel, signs: signs, cacheMegabytes: parameters.cacheSize)
        let l = rows.count
        switch formulation {
        case .c(let weightedC):
            let s = SMOSolver.solve(q, p: [Double](repeating: -1, count: l), y: signs, start: [Double](repeating: 0, count: l),
                                    cPositive: weightedC[pair.0], cNegative: weightedC[pair.1], eps: parameters.tolerance,
                                    shrinking: parameters.shrinking)
            return PairSolution(coefficients: zip(s.alpha, signs).map(*), rho: s.rho, objective: s.objective)
        case .nu(let nu):
            // libsvm's feasible start: each class's first rows at 1 until the class holds νl/2.
            var remaining = (positive: nu * Double(l) / 2, negative: nu * Double(l) / 2)
            let start = signs.map { sign in
                if sign > 0 {
                    defer { remaining.positive -= min(1, remaining.positive) }
                    return min(1, remaining.positive)
                }
                defer { remaining.negative -= min(1, remaining.negative) }
                return min(1, remaining.negative)
            }
            let s = SMOSolver.solve(q, p: [Double](repeating: 0, count: l), y: signs, start: start, cPositive: 1, cNegative: 1,
                                    eps: parameters.tolerance, shrinking: parameters.shrinking, nu: true)
            return PairSolution(coefficients: zip(s.alpha, signs).map { $0 * $1 / s.r }, rho: s.rho / s.r,
                                objective: s.objective / (s.r * s.r))
        }
    }

    /// libsvm's `svm_binary_svc_probability`: shuffle the pair's rows, split them into 5 folds
    /// (fold f = positions ⌊f·l/5⌋ ..< ⌊(f+1)·l/5⌋), train on four and take the decision values
    /// f(x) = Σ yₜαₜ k(xₜ, x) − ρ on the fifth; a training part with one class only gives ±1.
    private func crossValidatedDecisions(_ data: KernelRows, rows: [Int], signs: [Double], pair: (Int, Int),
                                         generator: inout RandomGenerator) -> [Double] {
        let l = rows.count
        var order = Array(0..<l)
        for i in 0..<l { order.swapAt(i, i + Int(generator.next() % UInt64(l - i))) }
        let pairRows = SupportVectorParameters.trainingRows(x, rows, precomputed: kernel.kind == .precomputed)
        var decisions = [Double](repeating: 0, count: l)
        for fold in 0..<5 {
            let (begin, end) = (fold * l / 5, (fold + 1) * l / 5)
            let training = Array(order[0..<begin] + order[end..<l])
            let trainingSigns = training.map { signs[$0] }
            let positives = trainingSigns.filter { $0 > 0 }.count
            if positives == 0 || positives == training.count {
                for t in order[begin..<end] { decisions[t] = training.isEmpty ? 0 : (positives > 0 ? 1 : -1) }
                continue
            }
            let solution = solve(data, rows: training.map { rows[$0] }, signs: trainingSigns, pair: pair)
            let heldOut = Array(order[begin..<end])
            let support = training.indices.filter { solution.coefficients[$0] != 0 }
            let k = foldKernel(pairRows, heldOut: heldOut, support: support.map { training[$0] })
            for (h, t) in heldOut.enumerated() {
                var f = -solution.rho
                for (s, position) in support.enumerated() { f += solution.coefficients[position] * k[h * support.count + s] }
                decisions[t] = f
            }
        }
        return decisions
    }

    /// k(xₜ, xᵤ) for the held-out rows t against the fold model's support vectors u only (as libsvm's
    /// `svm_predict_values` on the fold model), `[heldOut, support]` row-major, as one matrix product;
    /// `heldOut` and `support` are positions among the pair's rows `pairRows`.
    private func foldKernel(_ pairRows: KernelRows, heldOut: [Int], support: [Int]) -> [Double] {
        let m = pairRows.matrix
        func gathered(_ positions: [Int]) -> DenseMatrix {
            var values = [Double]()
            values.reserveCapacity(positions.count * m.columns)
            for t in positions { values += m.values[(t * m.columns)..<((t + 1) * m.columns)] }
            return DenseMatrix(rows: positions.count, columns: m.columns, values: values)
        }
        guard !heldOut.isEmpty, !support.isEmpty else { return [] }
        // A precomputed kernel's rows are Gram rows over the pair: the support positions are its columns.
        let supportRows = kernel.kind == .precomputed ? pairRows : KernelRows(gathered(support))
        return kernel.matrix(gathered(heldOut), supportRows, columns: support)
    }

    /// libsvm's layout: for pair (a, b), class a's support vectors take their coefficients in row b − 1,
    /// class b's in row a; intercept −ρ. Two classes: both negated (scikit-learn's sign, positive → classes[1]).
    private func layout(groups: [[Int]], nonzero: [Bool], pairCoefficients: [[Double]], rhos: [Double], objectives: [Double]) -> Fitted {
        let k = groups.count
        let supportGroups = groups.map { $0.filter { nonzero[$0] } }
        let supportIndices = supportGroups.flatMap { $0 }
        let starts = supportGroups.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        let count = supportIndices.count
        var dual = [Double](repeating: 0, count: (k - 1) * count)
        var pair = 0
        for a in 0..<k {
            for b in (a + 1)..<max(k, a + 1) {
                let coefficients = pairCoefficients[pair]
                var position = [Int: Int]()
                for (r, i) in (groups[a] + groups[b]).enumerated() { position[i] = r }
                for (q, i) in supportGroups[a].enumerated() { dual[(b - 1) * count + starts[a] + q] = coefficients[position[i]!] }
                for (q, i) in supportGroups[b].enumerated() { dual[a * count + starts[b] + q] = coefficients[position[i]!] }
                pair += 1
            }
        }
        let sign = k == 2 ? -1.0 : 1.0
        return Fitted(supportIndices: supportIndices, supportCounts: supportGroups.map(\.count),
                      dualCoefficients: Tensor(shape: [k - 1, count], scalars: dual.map { Float(sign * $0) }),
                      intercept: Tensor(rhos.map { Float(-sign * $0) }), objectives: objectives, sigmoids: nil)
    }
}
