/// Minimal cost-complexity pruning (§13.3; Breiman et al. 1984 §3.3; scikit-learn's `_cost_complexity_prune`):
/// with R(t) = (N_t / N) · I(t) the weighted impurity of node t and T_t the branch below it,
/// ```
/// R_α(T) = R(T) + α |leaves(T)|
/// g(t)   = (R(t) − R(T_t)) / (|leaves(T_t)| − 1)        (the branch's "weakest link" α)
/// ```
/// the branch with the smallest g(t) is cut while that g(t) ≤ `alpha`; the surviving nodes are renumbered in
/// depth-first order, left child first, as scikit-learn does.
extension GrownTree {
    func pruned(alpha: Double) -> GrownTree {
        guard alpha > 0, nodeCount > 1 else { return self }
        let total = weightedSamples[0]
        let r = (0..<nodeCount).map { weightedSamples[$0] * impurity[$0] / total }
        var parent = Array(repeating: Self.undefined, count: nodeCount)
        for i in 0..<nodeCount where left[i] != Self.leaf {
            parent[left[i]] = i
            parent[right[i]] = i
        }
        var leafCount = Array(repeating: 0, count: nodeCount), branch = Array(repeating: 0.0, count: nodeCount)
        var isLeaf = left.map { $0 == Self.leaf }
        for leaf in 0..<nodeCount where isLeaf[leaf] {
            branch[leaf] = r[leaf]
            var node = leaf
            while node != 0 {
                node = parent[node]
                branch[node] += r[leaf]
                leafCount[node] += 1
            }
        }
        var candidate = isLeaf.map { !$0 }, inTree = Array(repeating: true, count: nodeCount)
        while candidate[0] {
            var weakest = 0, effective = Double.greatestFiniteMagnitude
            for i in 0..<nodeCount where candidate[i] {
                let g = (r[i] - branch[i]) / Double(leafCount[i] - 1)
                if g < effective { effective = g; weakest = i }
            }
            if alpha < effective { break }
            var stack = [weakest]
            while let node = stack.popLast() {
                if !inTree[node] { continue }
                candidate[node] = false
                isLeaf[node] = false
                inTree[node] = false
                if left[node] != Self.leaf { stack += [left[node], right[node]] }
            }
            isLeaf[weakest] = true
            inTree[weakest] = true
            let removed = leafCount[weakest] - 1, difference = r[weakest] - branch[weakest]
            leafCount[weakest] = 0
            branch[weakest] = r[weakest]
            var node = parent[weakest]
            while node != Self.undefined {
                leafCount[node] -= removed
                branch[node] += difference
                node = parent[node]
            }
        }
        return subtree(keeping: isLeaf)
    }

    /// The tree with every node below a node marked in `leaves` removed, renumbered depth-first.
    private func subtree(keeping leaves: [Bool]) -> GrownTree {
        var result = GrownTree(valueWidth: valueWidth)
        var stack: [(node: Int, parent: Int?, isLeft: Bool)] = [(0, nil, false)]
        while let (node, parent, isLeft) = stack.popLast() {
            let id = values.withUnsafeBufferPointer { v in
                result.addNode(parent: parent, isLeft: isLeft, impurity: impurity[node], samples: samples[node],
                               weightedSamples: weightedSamples[node],
                               value: UnsafeMutablePointer(mutating: v.baseAddress! + node * valueWidth))
            }
            if leaves[node] || left[node] == Self.leaf { continue }
            result.setSplit(id, feature: feature[node], threshold: threshold[node])
            stack.append((right[node], id, false))
            stack.append((left[node], id, true))
        }
        return result
    }
}
