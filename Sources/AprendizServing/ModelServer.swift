import Aprendiz
import Foundation
import Hummingbird
import Logging
import NIOCore

/// The model server: loaded models behind a JSON HTTP API on Hummingbird 2.
///
/// | route | answer |
/// |---|---|
/// | `POST /v1/models/{name}/predict` | ``PredictionResponse`` for `{"inputs": [[…], …]}` or `{"rows": [{…}, …]}` (``PredictionRequest``) |
/// | `GET /v1/models` | the loaded models (``ModelSummary``) |
/// | `POST /v1/models/{name}/reload` | reads the model's file again and serves it (``reload(_:)``); SIGHUP reloads all |
/// | `GET /health` | 200 `{"status":"ok"}` while the process serves |
/// | `GET /ready` | 200 once every model has run a warm-up forward pass, 503 before |
/// | `GET /metrics` | ``ServingMetrics`` in the Prometheus text format |
/// | `GET /openapi.yaml` | the OpenAPI 3.1 document of these routes (``OpenAPIDocument``) |
///
/// Bad requests get a 4xx status and one JSON line `{"error": "…"}` (``ServingError``). The
/// application's `runService()` stops on SIGTERM or SIGINT after answering the requests in flight
/// (swift-service-lifecycle's graceful shutdown).
public struct ModelServer: Sendable {
    /// The configuration the server was built with.
    public let configuration: ServerConfiguration
    /// The counters behind `GET /metrics`.
    public let metrics = ServingMetrics()
    /// One batcher per model, by name.
    public let batchers: [String: DynamicBatcher]
    private let names: [String]
    private let readiness = Readiness()

    /// Loads every model file of `configuration`.
    /// - Throws: ``ServerConfigurationError`` for a repeated name or no model; the model file's error
    ///   (`ModelMetadataError`, `ModelFileError`, safetensors) for a file that does not load.
    public init(configuration: ServerConfiguration) throws {
        guard !configuration.models.isEmpty else { throw ServerConfigurationError("no model: pass --model NAME=FILE") }
        var batchers: [String: DynamicBatcher] = [:]
        for entry in configuration.models {
            guard batchers[entry.name] == nil else { throw ServerConfigurationError("--model: the name '\(entry.name)' is given twice") }
            let model = try ServedModel(name: entry.name, path: entry.path)
            batchers[entry.name] = DynamicBatcher(model: model, maxBatch: configuration.maxBatch, maxDelay: configuration.maxDelay,
                                                  metrics: metrics)
        }
        self.configuration = configuration
        self.batchers = batchers
        names = configuration.models.map(\.name)
    }

    /// Reads model `name`'s file again and serves the new model from the next batch on, without dropping a request.
    /// A file that does not load, or a model of another shape, task or class count, leaves the old one serving.
    /// - Throws: ``ServingError``: 404 for an unknown name, 422 naming why the new file was refused.
    @discardableResult
    public func reload(_ name: String) throws(ServingError) -> ModelSummary {
        guard let batcher = batchers[name] else { throw ServingError.unknownModel(name, known: names) }
        let path = batcher.model.path
        let replacement: ServedModel
        do {
            replacement = try ServedModel(name: name, path: path)
            _ = replacement.outputs(Tensor.zeros([1, replacement.featureCount]))  // warm up before it serves
        } catch {
            // The file's path and the loader's details go to the operator's log, not to the HTTP client.
            FileHandle.standardError.write(Data("aprendiz-serve: reload of '\(name)' failed: \(error)\n".utf8))
            throw ServingError(.unprocessableContent,
                               "reload of '\(name)' failed, the previous model keeps serving: the file does not load (see the server's log)")
        }
        do {
            try batcher.replace(with: replacement)
        } catch {
            throw ServingError(.unprocessableContent, "reload of '\(name)' refused, the previous model keeps serving: \(error.message)")
        }
        metrics.recordReload()
        return ModelSummary(replacement)
    }

    /// Reloads every model (SIGHUP); one line per model saying what happened.
    public func reloadAll() -> [String] {
        names.map { name in
            do {
                let summary = try reload(name)
                return "reloaded '\(name)' from \(summary.file) (sha256 \(summary.sha256.prefix(12))…)"
            } catch {
                return (error as? ServingError)?.message ?? "\(error)"
            }
        }
    }

    /// Whether every model has answered its warm-up forward pass.
    public var isReady: Bool { readiness.value }

    /// Runs one zero row through every model (first-use allocations happen here, not in a client's
    /// request) and marks the server ready.
    public func warmUp() {
        for batcher in batchers.values {
            _ = batcher.model.outputs(Tensor.zeros([1, batcher.model.featureCount]))
        }
        readiness.value = true
    }

    /// The router with every route and the error/metrics middleware.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ServingMiddleware(metrics: metrics))
        router.get("/health") { _, _ in Self.json(["status": "ok"]) }
        router.get("/ready") { _, _ in
            isReady ? Self.json(["status": "ready"])
                : Self.json(["status": "loading"], status: .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: metrics.prometheusText())))
        }
        router.get("/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml"], body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
        }
        router.get("/v1/models") { _, _ in
            Self.json(ModelList(models: names.compactMap { batchers[$0].map { ModelSummary($0.model) } }))
        }
        router.post("/v1/models/:name/reload") { _, context in
            Self.json(try reload(context.parameters.get("name") ?? ""))
        }
        router.post("/v1/models/:name/predict") { request, context in
            let name = context.parameters.get("name") ?? ""
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: configuration.maxBody)
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                throw ServingError(.contentTooLarge, "the body is over the \(configuration.maxBody)-byte limit (--max-body)")
            }
            guard let batcher = batchers[name] else { throw ServingError.unknownModel(name, known: names) }
            let request = try PredictionRequest.decode(body.readableBytesView)
            let features = try batcher.model.features(request.rows)
            let outputs = await batcher.outputs(features)
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(bytes: batcher.model.answer(outputs).json())))
        }
        return router
    }

    /// The Hummingbird application listening on the configured host and port. It warms the models up
    /// once it listens; `onServerRunning` also receives the bound port (useful with port 0).
    public func application(logger: Logger = Logger(label: "aprendiz-serve"),
                            onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        let (seconds, attoseconds) = configuration.idleTimeout.components
        let idle = TimeAmount.nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        return Application(router: router(),
                    server: .http1(configuration: .init(idleTimeout: idle)),
                    configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "aprendiz-serve"),
                    onServerRunning: { channel in
                        warmUp()
                        await onServerRunning(channel.localAddress?.port ?? configuration.port)
                    },
                    logger: logger)
    }

    /// A JSON response.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        do {
            var data = try encoder.encode(value)
            data.append(0x0A)
            return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        } catch {
            return ServingError.jsonResponse(status: .internalServerError, message: "internal error")
        }
    }
}

/// The answer of `GET /v1/models`.
struct ModelList: Encodable {
    var models: [ModelSummary]
}

/// One entry of `GET /v1/models`.
public struct ModelSummary: Codable, Sendable, Equatable {
    public var name: String
    public var task: LearningTask
    /// One example's shape (`[4]`, `[28, 28, 1]`); a request row holds its product of values.
    public var inputShape: [Int]
    /// The number of classes (1 for regression).
    public var classes: Int
    /// The feature names in row order (empty for images).
    public var features: [String]
    /// The columns `rows` objects (and raw `inputs` rows of a table model) hold, in order: a table model's source
    /// columns before its one-hot encoding, else ``features``.
    public var columns: [String]
    /// The training data set and network kind.
    public var dataset: String
    public var architecture: String
    /// The model file's name (not its full path) and size in bytes.
    public var file: String
    public var fileSize: Int
    /// The SHA-256 of the file as loaded (hex, as `sha256sum` prints it).
    public var sha256: String
    /// When the file was loaded (ISO 8601).
    public var loadedAt: String

    init(_ model: ServedModel) {
        name = model.name
        task = model.metadata.task
        inputShape = model.metadata.inputShape
        classes = model.metadata.classCount
        features = model.metadata.featureNames
        columns = model.columnNames
        dataset = model.metadata.dataset
        architecture = model.metadata.model
        file = URL(fileURLWithPath: model.path).lastPathComponent
        fileSize = model.fileSize
        sha256 = model.sha256
        loadedAt = ISO8601DateFormatter().string(from: model.loadedAt)
    }
}

/// A flag set once, read from any thread.
private final class Readiness: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    var value: Bool {
        get { lock.withLock { flag } }
        set { lock.withLock { flag = newValue } }
    }
}
