/// How `Distributed/allReduce(_:op:)` combines the ranks' values, element by element.
///
/// ```
/// sum:   yᵢ = Σ_r x⁽ʳ⁾ᵢ
/// mean:  yᵢ = (1/p) Σ_r x⁽ʳ⁾ᵢ      (p ranks; MPI_SUM, then a division on every rank)
/// max:   yᵢ = max_r x⁽ʳ⁾ᵢ
/// ```
public enum ReductionOperation: String, Sendable, CaseIterable {
    /// The element-wise sum (`MPI_SUM`).
    case sum
    /// The element-wise mean: the sum divided by the number of ranks.
    case mean
    /// The element-wise maximum (`MPI_MAX`).
    case max
}
