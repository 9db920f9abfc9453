import Aprendiz
import AprendizLinearAlgebra
import Foundation
import Testing

/// LAPACK is found in the loaded OpenBLAS (so the LAPACK half of every parameterised test really runs
/// there), and `APRENDIZ_BLAS=none` leaves only the Swift fallback.
@Suite struct BackendTests {
    static let blasDisabled = ProcessInfo.processInfo.environment["APRENDIZ_BLAS"]?.lowercased() == "none"
    static let openBLASLoaded = BLASLibrary.shared?.name.hasPrefix("OpenBLAS") ?? false

    @Test(.enabled(if: openBLASLoaded, "OpenBLAS is not loaded (not installed, or APRENDIZ_BLAS chose otherwise)"))
    func lapackIsFoundInOpenBLAS() {
        #expect(LinearAlgebraBackend.available == [.lapack, .swift])
        #expect(LinearAlgebraBackend.current == .lapack)
    }

    @Test(.enabled(if: blasDisabled, "runs under APRENDIZ_BLAS=none"))
    func noBLASLeavesTheSwiftFallback() {
        #expect(LinearAlgebraBackend.available == [.swift])
        #expect(LinearAlgebraBackend.current == .swift)
    }
}
