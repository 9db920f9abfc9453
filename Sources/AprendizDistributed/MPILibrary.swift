#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The MPI C functions ``Distributed`` calls, loaded from the system's MPI library at run time
/// (`dlopen`), like the project loads BLAS and SQLite: building Aprendiz needs no MPI headers or
/// package, and a machine without MPI runs everything in one process.
///
/// Two ABIs are handled:
/// - Open MPI (`libmpi.so.40`, Debian `libopenmpi3`): a handle (`MPI_Comm`, `MPI_Datatype`, `MPI_Op`,
///   `MPI_Errhandler`) is a pointer to a global object of the library (`MPI_COMM_WORLD` is
///   `&ompi_mpi_comm_world`), found with `dlsym`; `MPI_IN_PLACE` is `(void *)1`.
/// - MPICH (`libmpi.so.12`, also Intel MPI and Cray MPICH): handles are `int` constants from
///   `mpi.h` (`MPI_COMM_WORLD = 0x44000000`, …); `MPI_IN_PLACE` is `(void *)-1`.
///
/// Handles travel as a pointer-sized integer (``Handle``): under the x86-64 and AArch64 C calling
/// conventions an `int` argument occupies the low half of the same register or stack slot as a
/// pointer, so one set of Swift function types calls both libraries. Signatures from the MPI 3.1
/// standard, §§3–8.
struct MPILibrary: @unchecked Sendable {
    /// An MPI handle: the object's address (Open MPI) or the `int` constant (MPICH).
    typealias Handle = UInt
    typealias InitThread = @convention(c) (UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?,
                                           Int32, UnsafeMutablePointer<Int32>) -> Int32
    typealias NoArguments = @convention(c) () -> Int32
    typealias Flag = @convention(c) (UnsafeMutablePointer<Int32>) -> Int32
    typealias CommInteger = @convention(c) (Handle, UnsafeMutablePointer<Int32>) -> Int32
    typealias SetErrorHandler = @convention(c) (Handle, Handle) -> Int32
    typealias Barrier = @convention(c) (Handle) -> Int32
    typealias Broadcast = @convention(c) (UnsafeMutableRawPointer?, Int32, Handle, Int32, Handle) -> Int32
    typealias AllReduce = @convention(c) (UnsafeRawPointer?, UnsafeMutableRawPointer?, Int32, Handle, Handle, Handle) -> Int32
    typealias NonBlockingAllReduce = @convention(c) (UnsafeRawPointer?, UnsafeMutableRawPointer?, Int32, Handle, Handle, Handle,
                                                     UnsafeMutablePointer<Handle>) -> Int32
    typealias Wait = @convention(c) (UnsafeMutablePointer<Handle>, UnsafeMutableRawPointer) -> Int32
    typealias Test = @convention(c) (UnsafeMutablePointer<Handle>, UnsafeMutablePointer<Int32>, UnsafeMutableRawPointer) -> Int32
    typealias AllGather = @convention(c) (UnsafeRawPointer?, Int32, Handle, UnsafeMutableRawPointer?, Int32, Handle, Handle) -> Int32
    typealias ErrorString = @convention(c) (Int32, UnsafeMutablePointer<CChar>, UnsafeMutablePointer<Int32>) -> Int32
    typealias Abort = @convention(c) (Handle, Int32) -> Int32

    /// Which implementation was loaded.
    enum Flavour: String, Sendable { case openMPI = "Open MPI", mpich = "MPICH" }

    let flavour: Flavour
    /// The file that was opened.
    let path: String
    let initThread: InitThread
    let initialized: Flag
    let finalized: Flag
    let finalize: NoArguments
    let commSize: CommInteger
    let commRank: CommInteger
    let setErrorHandler: SetErrorHandler
    let barrier: Barrier
    let broadcast: Broadcast
    let allReduce: AllReduce
    let allGather: AllGather
    /// `MPI_Iallreduce`, `MPI_Wait`, `MPI_Test` (MPI 3.0; nil in an older library, where ``Distributed`` reduces at once).
    /// An `MPI_Request` is a pointer (Open MPI) or an `int` (MPICH), kept in a ``Handle``.
    let nonBlockingAllReduce: NonBlockingAllReduce?
    let wait: Wait?
    let test: Test?
    let errorString: ErrorString
    let abort: Abort

    // The handles this module uses.
    let commWorld: Handle
    let float: Handle
    let double: Handle
    let int32: Handle
    let byte: Handle
    let sum: Handle
    let max: Handle
    let errorsReturn: Handle
    /// `MPI_IN_PLACE`.
    let inPlace: UnsafeRawPointer

    /// `MPI_THREAD_SERIALIZED` (the same value, 2, in both ABIs): any thread may call MPI, one at a time.
    static let threadSerialized: Int32 = 2
    /// Room for `MPI_MAX_ERROR_STRING` (256 in Open MPI, 512 in MPICH).
    static let errorStringCapacity = 1024
    /// Room for an `MPI_Status` (24 bytes in Open MPI, 20 in MPICH), which `MPI_Wait` and `MPI_Test` fill.
    static let statusCapacity = 64

    /// The file names tried, in order: Open MPI first, then MPICH — MPICH first when a PMI launcher
    /// (MPICH's Hydra `mpirun.mpich`, `PMI_RANK`) and not Open MPI's started the process, since Open MPI
    /// would run each process as a world of one there. `APRENDIZ_MPI_LIBRARY` names another, tried first.
    static func candidates(environment: [String: String]) -> [(String, Flavour)] {
        var names: [(String, Flavour)] = [("libmpi.so.40", .openMPI), ("libmpi.so.12", .mpich), ("libmpich.so.12", .mpich)]
        if environment["PMI_RANK"] != nil, environment["OMPI_COMM_WORLD_RANK"] == nil { names = Array(names[1...]) + names[..<1] }
        if let custom = environment["APRENDIZ_MPI_LIBRARY"], !custom.isEmpty {
            names.insert((custom, custom.contains("mpich") || custom.hasSuffix(".so.12") ? .mpich : .openMPI), at: 0)
        }
        return names
    }

    /// Opens the first MPI library found; the error says which files were tried and why they failed.
    static func load(environment: [String: String]) -> Result<MPILibrary, DistributedError> {
        var problems: [String] = []
        for (path, flavour) in candidates(environment: environment) {
            // RTLD_GLOBAL: Open MPI's plug-ins (mca_*.so), opened by libmpi itself, resolve libmpi's symbols globally.
            guard let handle = dlopen(path, RTLD_NOW | RTLD_GLOBAL) else {
                problems.append(dlerror().map { String(cString: $0) } ?? "\(path): cannot be opened")
                continue
            }
            if let library = bind(handle, path: path, flavour: flavour) { return .success(library) }
            problems.append("\(path): missing MPI symbols")
        }
        return .failure(.libraryUnavailable(problems.joined(separator: "; ")))
    }

    private static func bind(_ library: UnsafeMutableRawPointer, path: String, flavour: Flavour) -> MPILibrary? {
        func function<T>(_ name: String, as type: T.Type) -> T? {
            dlsym(library, name).map { unsafeBitCast($0, to: type) }
        }
        func object(_ name: String) -> Handle? { dlsym(library, name).map { Handle(bitPattern: $0) } }
        guard let initThread = function("MPI_Init_thread", as: InitThread.self),
              let initialized = function("MPI_Initialized", as: Flag.self),
              let finalized = function("MPI_Finalized", as: Flag.self),
              let finalize = function("MPI_Finalize", as: NoArguments.self),
              let commSize = function("MPI_Comm_size", as: CommInteger.self),
              let commRank = function("MPI_Comm_rank", as: CommInteger.self),
              let setErrorHandler = function("MPI_Comm_set_errhandler", as: SetErrorHandler.self),
              let barrier = function("MPI_Barrier", as: Barrier.self),
              let broadcast = function("MPI_Bcast", as: Broadcast.self),
              let allReduce = function("MPI_Allreduce", as: AllReduce.self),
              let allGather = function("MPI_Allgather", as: AllGather.self),
              let errorString = function("MPI_Error_string", as: ErrorString.self),
              let abort = function("MPI_Abort", as: Abort.self)
        else { return nil }
        let handles: [Handle]
        let inPlace: UnsafeRawPointer
        switch flavour {
        case .openMPI:
            let names = ["ompi_mpi_comm_world", "ompi_mpi_float", "ompi_mpi_double", "ompi_mpi_int", "ompi_mpi_byte",
                         "ompi_mpi_op_sum", "ompi_mpi_op_max", "ompi_mpi_errors_return"]
            let found = names.compactMap(object)
            guard found.count == names.count else { return nil }
            handles = found
            inPlace = UnsafeRawPointer(bitPattern: 1)!
        case .mpich:
            // mpi.h of MPICH 3/4: MPI_COMM_WORLD, MPI_FLOAT, MPI_DOUBLE, MPI_INT, MPI_BYTE, MPI_SUM, MPI_MAX, MPI_ERRORS_RETURN.
            handles = [0x4400_0000, 0x4c00_040a, 0x4c00_080b, 0x4c00_0405, 0x4c00_010d, 0x5800_0003, 0x5800_0001, 0x5400_0001]
            inPlace = UnsafeRawPointer(bitPattern: UInt.max)!
        }
        return MPILibrary(flavour: flavour, path: path, initThread: initThread, initialized: initialized, finalized: finalized,
                          finalize: finalize, commSize: commSize, commRank: commRank, setErrorHandler: setErrorHandler,
                          barrier: barrier, broadcast: broadcast, allReduce: allReduce, allGather: allGather,
                          nonBlockingAllReduce: function("MPI_Iallreduce", as: NonBlockingAllReduce.self),
                          wait: function("MPI_Wait", as: Wait.self), test: function("MPI_Test", as: Test.self),
                          errorString: errorString, abort: abort, commWorld: handles[0], float: handles[1], double: handles[2],
                          int32: handles[3], byte: handles[4], sum: handles[5], max: handles[6], errorsReturn: handles[7],
                          inPlace: inPlace)
    }

    /// MPI's own text for an error code (`MPI_Error_string`).
    func message(for code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: Self.errorStringCapacity)
        var length: Int32 = 0
        guard errorString(code, &buffer, &length) == 0 else { return "MPI error \(code)" }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
