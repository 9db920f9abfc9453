import CAprendizSIMD
import Testing
@testable import AprendizClassic
@testable import AprendizTensor

/// The kernel-row product of SVM training (`MixedPrecisionProducts`): the AVX-512 C loop (`aprendiz_svm_dots`,
/// where the CPU has it) and the Swift loop (every other machine, forced here with `.avx2`) against a scalar
/// `Double` reference computed in the test (Σₖ Double(aᵣₖ)·Double(vₖ), sequential): each product of two
/// `Float`s is exact in `Double`, so only the summation order differs.
@Suite struct MixedPrecisionProductsTests {
    /// Deterministic values in [−1, 1) with no common structure between rows.
    static func values(_ count: Int, seed: Int) -> [Float] {
        (0..<count).map { Float(((($0 + seed) &* 7919 + seed &* 104_729) % 2001) - 1000) / 997 }
    }

    static func reference(_ a: [Float], columns: Int, rows: [Int], _ v: [Float]) -> [Double] {
        rows.map { r in
            var sum = 0.0
            for k in 0..<columns { sum += Double(a[r * columns + k]) * Double(v[k]) }
            return sum
        }
    }

    /// The instruction sets to run: the Swift loop, and AVX-512 where this CPU has it.
    static let instructionSets: [KernelInstructionSet] =
        KernelInstructionSet.supported == .avx512 ? [.avx2, .avx512] : [.avx2]

    @Test("Rows of A times v in Double, any row subset, full and partial 16-lane blocks", arguments: instructionSets)
    func productsMatchTheScalarReference(instructionSet: KernelInstructionSet) {
        for columns in [1, 15, 16, 17, 64, 784 + 3] {
            let height = 2048 + 37   // more than one parallel block
            let a = Self.values(height * columns, seed: columns), v = Self.values(columns, seed: columns + 1)
            let rows = (0..<height).map { ($0 &* 613) % height }   // a permutation: rows out of order
            for subset in [rows[...], rows[5..<(5 + 9)], rows[100...]] {
                let out = v.withUnsafeBufferPointer {
                    MixedPrecisionProducts.times(a, columns: columns, rows: subset, $0.baseAddress!, instructionSet: instructionSet)
                }
                let expected = Self.reference(a, columns: columns, rows: Array(subset), v)
                #expect(out.count == expected.count)
                for (index, (ours, theirs)) in zip(out, expected).enumerated() where abs(ours - theirs) > 1e-12 * Double(columns) {
                    Issue.record("\(instructionSet) columns \(columns): out[\(index)] = \(ours), expected \(theirs)")
                    break
                }
            }
        }
    }

    @Test("The C loop runs only at AVX-512 on a CPU that has it; otherwise the caller's Swift loop does")
    func cLoopRunsOnlyAtAVX512() {
        let a: [Float] = [1, 2, 3, 4], v: [Double] = [0.5, 0.25], rows = [1, 0]
        for instructionSet in KernelInstructionSet.allCases {
            var out: [Double] = [.nan, .nan]
            let wrote = aprendiz_svm_dots(aprendiz_simd_level(rawValue: UInt32(instructionSet.rawValue)), a, 2, rows, 2, v, &out)
            let expected = instructionSet == .avx512 && KernelInstructionSet.supported == .avx512
            #expect((wrote != 0) == expected, "\(instructionSet) on a CPU with \(KernelInstructionSet.supported)")
            if wrote != 0 {
                #expect(out == [3 * 0.5 + 4 * 0.25, 1 * 0.5 + 2 * 0.25])
            } else {
                #expect(out[0].isNaN && out[1].isNaN)
            }
        }
    }
}
