/// The random numbers a tree's split search draws: scikit-learn's `our_rand_r` (sklearn/utils/_random.pxd),
/// a 32-bit xorshift (shifts 13, 17, 5) reduced to [0, 2³¹ − 1], and its `rand_int`/`rand_uniform`
/// (sklearn/tree/_utils.pyx):
/// ```
/// s ← s ⊕ (s ≪ 13);  s ← s ⊕ (s ≫ 17);  s ← s ⊕ (s ≪ 5);   r = s mod 2³¹
/// randInt(lo, hi)     = lo + r mod (hi − lo)
/// uniform(lo, hi)     = (hi − lo) · r / (2³¹ − 1) + lo
/// ```
/// A state of 0 is replaced by 1, as scikit-learn does. Using the same generator, with the same state, as
/// scikit-learn's splitter is what lets a tree with every feature considered reproduce scikit-learn's
/// tie-breaking between equally good splits exactly.
struct SplitterRandom: Sendable {
    /// The generator's state (scikit-learn's `rand_r_state`).
    var state: UInt32

    init(state: UInt32) { self.state = state }

    /// The next value in [0, 2³¹ − 1].
    mutating func next() -> UInt32 {
        if state == 0 { state = 1 }
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        return state % (UInt32(Int32.max) + 1)
    }

    /// An integer in `low..<high` (`high > low`).
    mutating func int(_ low: Int, _ high: Int) -> Int { low + Int(next()) % (high - low) }

    /// A double in [low, high].
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        (high - low) * Double(next()) / Double(Int32.max) + low
    }
}
