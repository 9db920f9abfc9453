import Aprendiz
import ArgumentParser

/// `aprendiz bench …`: speed measurements (never asserted in tests; compare as ratios in one run).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the speed of Aprendiz's kernels and training steps.",
        subcommands: []
    )
}
