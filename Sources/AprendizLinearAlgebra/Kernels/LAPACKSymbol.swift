import AprendizTensor

/// The one lookup of LAPACK routines, shared by the float32 bindings (``LAPACK``) and the float64
/// ones (``DoubleLAPACK``): a symbol of the BLAS library loaded at run time (``BLASSymbol``), cast
/// to the Fortran signature `F` (arguments by pointer, hidden `Int` lengths of character arguments
/// last). nil when there is no BLAS (`APRENDIZ_BLAS=none`) or it lacks the routine.
enum LAPACKSymbol {
    static func bind<F>(_ name: String, as type: F.Type) -> F? {
        BLASSymbol.address(of: name).map { unsafeBitCast($0, to: F.self) }
    }
}
