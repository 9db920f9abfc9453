/// How `aprendiz-serve` runs: where it listens, which model files it serves, and its limits.
public struct ServerConfiguration: Sendable {
    /// A model file and the name it is served under (`--model NAME=FILE`).
    public struct ModelEntry: Sendable, Equatable {
        public var name: String
        public var path: String

        public init(name: String, path: String) {
            self.name = name
            self.path = path
        }

        /// Parses `NAME=FILE`, or `FILE` alone (the name is the file name without its extension).
        /// - Throws: ``ServerConfigurationError`` for an empty name or file, or a name that is not a URL path segment.
        public init(parsing argument: String) throws {
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let path = parts.count == 2 ? parts[1] : parts[0]
            let file = path.split(separator: "/").last.map(String.init) ?? path
            let name = parts.count == 2 ? parts[0] : String(file.split(separator: ".").first ?? Substring(file))
            guard !path.isEmpty, !name.isEmpty else { throw ServerConfigurationError("--model '\(argument)': expected NAME=FILE or FILE") }
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
                throw ServerConfigurationError("--model '\(argument)': the name '\(name)' may hold only letters, digits, '-', '_' and '.'")
            }
            self.init(name: name, path: path)
        }
    }

    /// The address to bind; loopback by default (`0.0.0.0` exposes the server to the network).
    public var host: String
    /// The TCP port (0: any free port).
    public var port: Int
    /// The models, in the order `GET /v1/models` lists them.
    public var models: [ModelEntry]
    /// The largest request body accepted, in bytes (default 10 MB).
    public var maxBody: Int
    /// The most rows in one batched forward pass (1: no batching).
    public var maxBatch: Int
    /// The longest a request waits for others to share its forward pass.
    public var maxDelay: Duration
    /// How long a connection may send nothing before the server closes it (a slow or stalled client; default 30 s).
    public var idleTimeout: Duration

    public init(host: String = "127.0.0.1", port: Int = 8080, models: [ModelEntry], maxBody: Int = 10_000_000,
                maxBatch: Int = 64, maxDelay: Duration = .milliseconds(2), idleTimeout: Duration = .seconds(30)) {
        self.host = host
        self.port = port
        self.models = models
        self.maxBody = maxBody
        self.maxBatch = maxBatch
        self.maxDelay = maxDelay
        self.idleTimeout = idleTimeout
    }
}

/// A command-line mistake in the server's configuration (one line, naming the option).
public struct ServerConfigurationError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) { self.description = description }
}
