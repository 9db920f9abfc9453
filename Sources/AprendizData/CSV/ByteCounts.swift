/// How many times two byte values occur in a buffer, both counted in one pass, 32 bytes at a time.
///
/// ```
/// per 32-byte block v:   acc_a −= (v .== a)      (a lane compare gives −1 for equal, 0 otherwise)
///                        acc_b −= (v .== b)
/// every 255 blocks:      count_a += Σ acc_a,  count_b += Σ acc_b      (a lane never passes 255)
/// ```
/// Written with `SIMD32<Int8>` so it compiles to one `vpcmpeqb` and one `vpsubb` per value and block on AVX2
/// (two SSE2 halves elsewhere). `CSVReader` counts quotes and line feeds with it in the same pass: the quotes'
/// parity places the chunk boundaries, the line feeds size each chunk's slice of the result. Two `memchr` passes (one
/// call per line for the line feeds) took about twice as long on the benchmark table.
enum ByteCounts {
    /// The occurrences of `first` and of `second` in `base[range]`.
    static func count(_ first: UInt8, _ second: UInt8, in base: UnsafePointer<UInt8>, _ range: Range<Int>) -> (first: Int, second: Int) {
        let firstLanes = SIMD32<Int8>(repeating: Int8(bitPattern: first))
        let secondLanes = SIMD32<Int8>(repeating: Int8(bitPattern: second))
        var i = range.lowerBound, firstCount = 0, secondCount = 0
        while range.upperBound - i >= 32 {
            var firstSum = SIMD32<Int8>(), secondSum = SIMD32<Int8>()
            let stop = min(range.upperBound - 31, i + 255 * 32)
            while i < stop {
                let block = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD32<Int8>.self)
                // A mask's lanes are all ones (−1) where equal: the same bits as SIMD32<Int8>.
                firstSum &-= unsafeBitCast(block .== firstLanes, to: SIMD32<Int8>.self)
                secondSum &-= unsafeBitCast(block .== secondLanes, to: SIMD32<Int8>.self)
                i += 32
            }
            firstCount += Self.total(firstSum)
            secondCount += Self.total(secondSum)
        }
        while i < range.upperBound {
            if base[i] == first { firstCount += 1 }
            if base[i] == second { secondCount += 1 }
            i += 1
        }
        return (firstCount, secondCount)
    }

    /// The sum of the lanes read as unsigned bytes (0…255 each).
    @inline(__always)
    private static func total(_ lanes: SIMD32<Int8>) -> Int {
        Int(SIMD32<UInt16>(truncatingIfNeeded: SIMD32<UInt8>(truncatingIfNeeded: lanes)).wrappedSum())
    }
}
