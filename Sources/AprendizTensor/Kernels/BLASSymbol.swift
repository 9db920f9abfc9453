// Symbols of the BLAS library that `BLASLibrary.shared` loaded, for other modules (LAPACK).

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Looks up functions in the BLAS library already loaded at run time (`BLASLibrary.shared`).
///
/// OpenBLAS and Accelerate carry LAPACK next to BLAS, so the linear-algebra module binds `sgesdd_`,
/// `spotrf_`, … from the same library the matrix products use, with the same rules:
/// `APRENDIZ_BLAS=none` finds nothing, `APRENDIZ_BLAS=/path/lib.so` searches that library only.
package enum BLASSymbol {
    /// The address of `name` in the loaded BLAS, or nil when no BLAS is loaded or it lacks `name`.
    package static func address(of name: String) -> UnsafeMutableRawPointer? {
        guard let handle = loadedHandle else { return nil }
        return dlsym(handle.pointer, name)
    }

    private struct Handle: @unchecked Sendable { let pointer: UnsafeMutableRawPointer }

    /// The handle of the library `BLASLibrary.shared` opened: the first candidate that is already
    /// loaded (`RTLD_NOLOAD` opens nothing new; it only returns the existing handle).
    private static let loadedHandle: Handle? = {
        guard BLASLibrary.shared != nil else { return nil }
        let requested = ProcessInfo.processInfo.environment["APRENDIZ_BLAS"]
        let candidates = requested.map { [$0] } ?? BLASLibrary.defaultCandidates
        for path in candidates {
            if let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD), dlsym(handle, "cblas_sgemm") != nil {
                return Handle(pointer: handle)
            }
        }
        return nil
    }()
}
