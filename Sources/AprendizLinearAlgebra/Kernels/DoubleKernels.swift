// Vectorised Double loops shared by the Swift fallbacks.

/// Σᵢ aᵢ·bᵢ over `count` contiguous elements, with eight independent partial sums so the loop runs on
/// SIMD registers (a single running sum cannot be vectorised: it fixes the order of the additions).
@inline(__always)
func dotProduct(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
    var low = SIMD4<Double>(), high = SIMD4<Double>()
    var i = 0
    while i + 8 <= count {
        low.addProduct(SIMD4(a[i], a[i + 1], a[i + 2], a[i + 3]), SIMD4(b[i], b[i + 1], b[i + 2], b[i + 3]))
        high.addProduct(SIMD4(a[i + 4], a[i + 5], a[i + 6], a[i + 7]), SIMD4(b[i + 4], b[i + 5], b[i + 6], b[i + 7]))
        i += 8
    }
    var sum = (low + high).sum()
    while i < count { sum += a[i] * b[i]; i += 1 }
    return sum
}
