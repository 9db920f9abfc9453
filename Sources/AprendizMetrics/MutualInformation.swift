import AprendizTensor
import Foundation

/// The mutual information of two labelings in nats (scikit-learn's `mutual_info_score`).
///
/// ```
/// MI(U, V) = Σᵢⱼ (nᵢⱼ/N)·ln(N·nᵢⱼ / (aᵢ·bⱼ))
/// ```
public func mutualInformation(true truth: [Int], predicted: [Int]) -> Double {
    mutualInformation(ContingencyTable(true: truth, predicted: predicted))
}

func mutualInformation(_ table: ContingencyTable) -> Double {
    let n = Double(table.total), a = table.classSizes, b = table.clusterSizes
    var mi = 0.0
    for i in 0..<table.classCount {
        for j in 0..<table.clusterCount {
            let nij = Double(table.counts[i * table.clusterCount + j])
            if nij > 0 { mi += nij / n * log(n * nij / (Double(a[i]) * Double(b[j]))) }
        }
    }
    return max(mi, 0)
}

/// Normalised mutual information with the arithmetic mean of the entropies (chapter 17; scikit-learn's
/// `normalized_mutual_info_score` default).
///
/// ```
/// NMI = MI(U, V) / ((H(U) + H(V)) / 2)
/// ```
/// 1 when neither labeling splits anything; 0 when MI = 0.
public func normalizedMutualInformation(true truth: [Int], predicted: [Int]) -> Double {
    let table = ContingencyTable(true: truth, predicted: predicted)
    if table.classCount == table.clusterCount && table.classCount <= 1 { return 1 }
    let mi = mutualInformation(table)
    if mi == 0 { return 0 }
    return mi / ((labelEntropy(table.classSizes) + labelEntropy(table.clusterSizes)) / 2)
}

/// Mutual information adjusted for chance, arithmetic normalisation (chapter 17; Vinh, Epps & Bailey
/// 2010; scikit-learn's `adjusted_mutual_info_score`).
///
/// ```
/// AMI = (MI − E[MI]) / ((H(U) + H(V)) / 2 − E[MI])
/// E[MI] = Σᵢⱼ Σ_{nᵢⱼ = max(1, aᵢ + bⱼ − N)}^{min(aᵢ, bⱼ)} (nᵢⱼ/N)·ln(N·nᵢⱼ/(aᵢbⱼ))
///         · aᵢ! bⱼ! (N − aᵢ)! (N − bⱼ)! / (N! nᵢⱼ! (aᵢ − nᵢⱼ)! (bⱼ − nᵢⱼ)! (N − aᵢ − bⱼ + nᵢⱼ)!)
/// ```
/// (the hypergeometric expectation under random labelings with the same sizes, through log Γ).
public func adjustedMutualInformation(true truth: [Int], predicted: [Int]) -> Double {
    let table = ContingencyTable(true: truth, predicted: predicted)
    if table.classCount == table.clusterCount && table.classCount <= 1 { return 1 }
    let mi = mutualInformation(table), emi = expectedMutualInformation(table)
    let normaliser = (labelEntropy(table.classSizes) + labelEntropy(table.clusterSizes)) / 2
    var denominator = normaliser - emi
    denominator = denominator < 0 ? min(denominator, -Double.ulpOfOne) : max(denominator, Double.ulpOfOne)
    return (mi - emi) / denominator
}

/// E[MI] under the hypergeometric model of random labelings with the table's marginals.
func expectedMutualInformation(_ table: ContingencyTable) -> Double {
    let total = table.total, n = Double(total)
    let a = table.classSizes, b = table.clusterSizes
    func logFactorial(_ k: Int) -> Double { lgamma(Double(k) + 1) }
    var emi = 0.0
    for ai in a {
        for bj in b {
            let start = max(1, ai + bj - total)
            guard start <= min(ai, bj) else { continue }
            let fixed = logFactorial(ai) + logFactorial(bj) + logFactorial(total - ai) + logFactorial(total - bj) - logFactorial(total)
            for nij in start...min(ai, bj) {
                let term = Double(nij) / n * log(n * Double(nij) / (Double(ai) * Double(bj)))
                let logProbability = fixed - logFactorial(nij) - logFactorial(ai - nij) - logFactorial(bj - nij)
                    - logFactorial(total - ai - bj + nij)
                emi += term * exp(logProbability)
            }
        }
    }
    return emi
}
