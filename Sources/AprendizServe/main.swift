import Aprendiz
import AprendizServing
import ArgumentParser
import Foundation

/// `aprendiz-serve`: serves model files from `aprendiz train --save` over HTTP (see Docs/Serving.md).
@main
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aprendiz-serve",
        abstract: "Serve saved Aprendiz models over HTTP (JSON predictions, health, Prometheus metrics).",
        discussion: """
        POST /v1/models/NAME/predict with {"inputs": [[…], …]}; GET /v1/models, /health, /ready, /metrics.
        Listens on 127.0.0.1 unless --host says otherwise: --host 0.0.0.0 exposes the server to every
        network the machine is on, with no authentication. SIGTERM or Ctrl-C stops it after the requests
        in flight are answered; SIGHUP (or POST /v1/models/NAME/reload) reads the model files again and
        serves them from the next batch on, keeping the old model when a new file does not load.
        """
    )

    @Option(name: .customLong("model"), help: "A model file to serve, as NAME=FILE or FILE (name: the file name). Repeatable.")
    var models: [String] = []

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The TCP port (0: any free port).")
    var port = 8080

    @Option(name: .customLong("max-body"), help: "The largest request body in bytes.")
    var maxBody = 10_000_000

    @Option(name: .customLong("max-batch"), help: "The most rows stacked into one forward pass (1: no batching).")
    var maxBatch = 64

    @Option(name: .customLong("max-delay-ms"), help: "How long a request waits for others to share its forward pass, in milliseconds.")
    var maxDelayMs = 2.0

    @Option(help: "Compute threads for the forward passes (default: APRENDIZ_NUM_THREADS, else every core).")
    var threads: Int?

    @Option(name: .customLong("idle-timeout-s"), help: "Seconds a connection may send nothing before it is closed (slow clients).")
    var idleTimeoutSeconds = 30.0

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        guard idleTimeoutSeconds > 0, idleTimeoutSeconds.isFinite else {
            throw ValidationError("--idle-timeout-s must be positive, got \(idleTimeoutSeconds)")
        }
        guard !models.isEmpty else { throw ValidationError("pass at least one --model NAME=FILE") }
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port) is not a port (0…65535)") }
        guard maxBody > 0 else { throw ValidationError("--max-body must be positive, got \(maxBody)") }
        guard maxBatch >= 1 else { throw ValidationError("--max-batch must be at least 1, got \(maxBatch)") }
        guard maxDelayMs >= 0, maxDelayMs.isFinite else { throw ValidationError("--max-delay-ms must be 0 or more, got \(maxDelayMs)") }
    }

    func run() async throws {
        let entries: [ServerConfiguration.ModelEntry]
        let server: ModelServer
        do {
            entries = try models.map(ServerConfiguration.ModelEntry.init(parsing:))
            server = try ModelServer(configuration: ServerConfiguration(
                host: host, port: port, models: entries, maxBody: maxBody, maxBatch: maxBatch,
                maxDelay: .microseconds(Int64((maxDelayMs * 1000).rounded())),
                idleTimeout: .milliseconds(Int64((idleTimeoutSeconds * 1000).rounded()))))
        } catch {
            throw ValidationError("\(error)")
        }
        if let threads { Parallel.threadCount = threads }
        let host = host
        // SIGHUP reloads every model file (the usual "reread your configuration" signal of daemons).
        signal(SIGHUP, SIG_IGN)
        let hangUp = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        hangUp.setEventHandler {
            for line in server.reloadAll() { FileHandle.standardError.write(Data("aprendiz-serve: \(line)\n".utf8)) }
        }
        hangUp.resume()
        defer { hangUp.cancel() }
        let app = server.application { port in
            let line = "aprendiz-serve: \(entries.map(\.name).joined(separator: ", ")) on http://\(host):\(port)\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
        try await app.runService()
    }
}
