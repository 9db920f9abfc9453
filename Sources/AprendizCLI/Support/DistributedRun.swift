import Aprendiz
import ArgumentParser
import Foundation

/// How a command runs when a launcher (`mpirun`, `srun`) started several copies of it.
enum DistributedRun {
    /// This process's `Distributed.current`; throws when a launcher started several processes but
    /// MPI could not be started (each would otherwise train alone and write the same files).
    static func world() throws -> Distributed {
        let world = Distributed.current
        if let problem = world.startupProblem, let launcher = world.launcher, (launcher.size ?? 2) > 1 {
            throw CLIError("started by \(launcher.name) with \(launcher.size.map(String.init) ?? "several") processes, but MPI could not start: \(problem)")
        }
        return world
    }

    /// Runs `body`; when it throws on one rank of several, prints the error with the rank and ends
    /// the whole run (`MPI_Abort`), since the other ranks would wait for this one forever. An
    /// `ExitCode` (e.g. 130 after Ctrl-C, which every rank sees) is passed on.
    static func abortingOnError(_ world: Distributed, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error where world.isDistributed && !(error is ExitCode) {
            FileHandle.standardError.write(Data("Error (rank \(world.rank) of \(world.size)): \(error)\n".utf8))
            world.abort(code: 1)
        }
    }
}
