/// The process launcher the environment names, and the rank and size it gave this process.
///
/// Launchers set these variables in every process they start:
/// ```
/// Open MPI mpirun     OMPI_COMM_WORLD_SIZE, OMPI_COMM_WORLD_RANK
/// MPICH / Hydra, PMI  PMI_SIZE, PMI_RANK
/// PMIx (srun --mpi=pmix, prterun)  PMIX_RANK (size from MPI)
/// Slurm srun          SLURM_NTASKS (or SLURM_NPROCS), SLURM_PROCID  (only inside a job step)
/// ```
/// Without any of them the process was started directly, and ``Distributed`` runs it as a single
/// rank without touching MPI.
public struct Launcher: Sendable, Equatable {
    /// Which launcher: `mpirun (Open MPI)`, `PMI`, `PMIx`, `srun (Slurm)`.
    public let name: String
    /// The number of processes the launcher started, when it says.
    public let size: Int?
    /// This process's rank, when it says.
    public let rank: Int?

    /// The launcher of a process with this environment, or nil when none started it.
    public static func detect(_ environment: [String: String]) -> Launcher? {
        func integer(_ key: String) -> Int? { environment[key].flatMap { Int($0) } }
        if let size = integer("OMPI_COMM_WORLD_SIZE") {
            return Launcher(name: "mpirun (Open MPI)", size: size, rank: integer("OMPI_COMM_WORLD_RANK"))
        }
        if let size = integer("PMI_SIZE") { return Launcher(name: "PMI", size: size, rank: integer("PMI_RANK")) }
        if let rank = integer("PMIX_RANK") { return Launcher(name: "PMIx", size: nil, rank: rank) }
        // SLURM_PROCID is set only in job steps (srun), not in the batch script that calls srun.
        if let rank = integer("SLURM_PROCID"), environment["SLURM_STEP_ID"] != nil {
            return Launcher(name: "srun (Slurm)", size: integer("SLURM_NTASKS") ?? integer("SLURM_NPROCS"), rank: rank)
        }
        return nil
    }
}
