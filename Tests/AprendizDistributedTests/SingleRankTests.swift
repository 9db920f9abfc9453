import Aprendiz
import Foundation
import Testing
@testable import AprendizDistributed

/// Without a launcher a process is one rank of one, without MPI, and every collective returns its input.
@Suite struct SingleRankTests {
    @Test func aProcessStartedDirectlyIsOneRankWithoutMPI() throws {
        // The test runner is not started by mpirun/srun (CI runs `swift test` directly).
        try #require(Launcher.detect(ProcessInfo.processInfo.environment) == nil)
        let world = Distributed.current
        #expect(world.rank == 0 && world.size == 1)
        #expect(!world.isDistributed && !world.usesMPI && world.implementation == nil && world.startupProblem == nil)
    }

    @Test func collectivesOfOneRankReturnTheirInput() throws {
        let world = Distributed.single
        for op in ReductionOperation.allCases {
            var values: [Float] = [1, -2.5, 3e-8, 7]
            try world.allReduce(&values, op: op)
            #expect(values == [1, -2.5, 3e-8, 7])
        }
        var broadcast: [Float] = [4, 5]
        try world.broadcast(&broadcast, root: 0)
        #expect(broadcast == [4, 5])
        #expect(try world.allGather([1, 2, 3]) == [1, 2, 3])
        let tensor = Tensor([[1, 2], [3, 4]])
        #expect(try world.allReduce(tensor, op: .mean) == tensor)
        #expect(try world.broadcast(tensor) == tensor)
        #expect(try world.allGather(tensor) == tensor)
        try world.barrier()
    }

    @Test func errorsNameTheMPIFunctionAndMessage() {
        let error = DistributedError.mpi(function: "MPI_Allreduce", code: 2, message: "MPI_ERR_COUNT: invalid count argument")
        #expect(error.description == "MPI_Allreduce failed (MPI error 2): MPI_ERR_COUNT: invalid count argument")
    }
}

/// The launcher comes from the variables `mpirun`, Hydra/PMI and `srun` set in each process.
@Suite struct LauncherTests {
    @Test func detectsOpenMPIPMIPMIxAndSlurmSteps() {
        #expect(Launcher.detect(["OMPI_COMM_WORLD_SIZE": "4", "OMPI_COMM_WORLD_RANK": "3"])
            == Launcher(name: "mpirun (Open MPI)", size: 4, rank: 3))
        #expect(Launcher.detect(["PMI_SIZE": "2", "PMI_RANK": "1"]) == Launcher(name: "PMI", size: 2, rank: 1))
        #expect(Launcher.detect(["PMIX_RANK": "5"]) == Launcher(name: "PMIx", size: nil, rank: 5))
        #expect(Launcher.detect(["SLURM_PROCID": "7", "SLURM_NTASKS": "8", "SLURM_STEP_ID": "0"])
            == Launcher(name: "srun (Slurm)", size: 8, rank: 7))
    }

    @Test func aSlurmBatchScriptOrAPlainShellIsNoLauncher() {
        // sbatch sets SLURM_PROCID=0 in the batch script itself, which then calls srun: not a job step.
        #expect(Launcher.detect(["SLURM_PROCID": "0", "SLURM_NTASKS": "8", "SLURM_JOB_ID": "12"]) == nil)
        #expect(Launcher.detect(["HOME": "/root"]) == nil)
    }
}

/// Open MPI, when installed, loads at run time and gives MPI's own error texts.
@Suite struct MPILibraryTests {
    static let openMPIInstalled = MPILibrary.load(environment: [:]).map(\.flavour) == .success(.openMPI)

    @Test(.enabled(if: openMPIInstalled, "Open MPI (libmpi.so.40) is not installed"))
    func loadsOpenMPIAndItsHandles() throws {
        // Loading calls nothing (Open MPI aborts on most calls before MPI_Init); the handles are its global objects.
        let library = try MPILibrary.load(environment: [:]).get()
        #expect(library.path == "libmpi.so.40")
        let handles = [library.commWorld, library.float, library.double, library.int32, library.byte, library.sum, library.max,
                       library.errorsReturn]
        #expect(Set(handles).count == handles.count && !handles.contains(0))
        #expect(Int(bitPattern: library.inPlace) == 1)
    }

    @Test func triesAUserNamedLibraryFirstThenOpenMPIThenMPICH() {
        let names = MPILibrary.candidates(environment: ["APRENDIZ_MPI_LIBRARY": "/opt/mpich/lib/libmpi.so.12"])
        #expect(names.map(\.0) == ["/opt/mpich/lib/libmpi.so.12", "libmpi.so.40", "libmpi.so.12", "libmpich.so.12"])
        #expect(names.map(\.1) == [.mpich, .openMPI, .mpich, .mpich])
    }

    @Test func triesMPICHFirstUnderAPMILauncher() {
        // Hydra (mpirun.mpich) sets PMI_RANK; Open MPI there would make every process a world of one.
        #expect(MPILibrary.candidates(environment: ["PMI_RANK": "1", "PMI_SIZE": "2"]).map(\.0) == ["libmpi.so.12", "libmpich.so.12", "libmpi.so.40"])
        #expect(MPILibrary.candidates(environment: ["PMI_RANK": "1", "OMPI_COMM_WORLD_RANK": "1"]).map(\.0).first == "libmpi.so.40")
    }
}
