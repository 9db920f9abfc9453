import CAprendizSIMD

/// The instruction set the C kernels (GEMM, vector–matrix products, `exp`, `log`) run with.
///
/// The kernels are compiled for each of these (CAprendizSIMD/Variants) and the widest one the CPU
/// and the operating system support is used, chosen on first use: no build flag is involved, so a
/// package that depends on Aprendiz gets the same kernels as Aprendiz's own build.
/// `APRENDIZ_SIMD=baseline|avx2|avx512` in the environment lowers the choice (to compare variants).
public enum KernelInstructionSet: Int, CaseIterable, Sendable, CustomStringConvertible {
    /// SSE2 on x86-64, NEON on arm64: 4-float vectors.
    case baseline = 0
    /// AVX2 + FMA3 (Intel Haswell, AMD Zen and later): 8-float vectors, fused multiply-add.
    case avx2 = 1
    /// AVX-512 F (Intel Skylake-SP, AMD Zen 4 and later): 16-float vectors.
    case avx512 = 2

    /// The widest instruction set this CPU and operating system support.
    public static var supported: KernelInstructionSet {
        KernelInstructionSet(rawValue: Int(aprendiz_simd_supported_level().rawValue)) ?? .baseline
    }

    /// The instruction set the kernels run with now.
    public static var active: KernelInstructionSet {
        KernelInstructionSet(rawValue: Int(aprendiz_simd_active_level().rawValue)) ?? .baseline
    }

    /// Runs the kernels with `instructionSet` (limited to ``supported``) and returns the one now
    /// active. For tests and benchmarks that compare variants; not while kernels are running.
    @discardableResult
    package static func activate(_ instructionSet: KernelInstructionSet) -> KernelInstructionSet {
        let level = aprendiz_simd_set_level(aprendiz_simd_level(rawValue: UInt32(instructionSet.rawValue)))
        return KernelInstructionSet(rawValue: Int(level.rawValue)) ?? .baseline
    }

    /// "baseline", "AVX2" or "AVX-512".
    public var description: String {
        switch self {
        case .baseline: "baseline"
        case .avx2: "AVX2"
        case .avx512: "AVX-512"
        }
    }
}
