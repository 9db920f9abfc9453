import Foundation

/// Counters and histograms of the server, written in the Prometheus text format at `GET /metrics`:
///
/// ```
/// aprendiz_requests_total{route="/v1/models/{name}/predict",status="200"} 1042
/// aprendiz_request_errors_total{route="/v1/models/{name}/predict"} 3
/// aprendiz_request_duration_seconds_bucket{le="0.001"} 980   … le="+Inf", _sum, _count
/// aprendiz_batch_size_bucket{le="8"} 310                      … rows per forward pass
/// ```
///
/// Errors are responses with status ≥ 400. Buckets are cumulative (`le` = less than or equal),
/// following the Prometheus exposition format (prometheus.io/docs/instrumenting/exposition_formats).
public final class ServingMetrics: @unchecked Sendable {
    /// Latency bucket bounds in seconds: 100 µs to 10 s.
    public static let latencyBounds: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10]
    /// Batch size bucket bounds in rows.
    public static let batchBounds: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256]

    private let lock = NSLock()
    private var requests: [RequestKey: Int] = [:]
    private var errors: [String: Int] = [:]
    private var latency = Histogram(bounds: latencyBounds)
    private var batches = Histogram(bounds: batchBounds)
    private var reloads = 0

    public init() {}

    private struct RequestKey: Hashable, Comparable {
        var route: String
        var status: Int
        static func < (a: RequestKey, b: RequestKey) -> Bool { (a.route, a.status) < (b.route, b.status) }
    }

    /// Cumulative-bucket histogram.
    struct Histogram {
        let bounds: [Double]
        var counts: [Int]
        var sum = 0.0
        var count = 0

        init(bounds: [Double]) {
            self.bounds = bounds
            counts = Array(repeating: 0, count: bounds.count)
        }

        mutating func observe(_ value: Double) {
            if let i = bounds.firstIndex(where: { value <= $0 }) { counts[i] += 1 }
            sum += value
            count += 1
        }

        func lines(_ name: String) -> [String] {
            var cumulative = 0
            var lines = zip(bounds, counts).map { bound, n -> String in
                cumulative += n
                return "\(name)_bucket{le=\"\(bound)\"} \(cumulative)"
            }
            lines += ["\(name)_bucket{le=\"+Inf\"} \(count)", "\(name)_sum \(sum)", "\(name)_count \(count)"]
            return lines
        }
    }

    /// Records one answered request.
    public func recordRequest(route: String, status: Int, seconds: Double) {
        lock.withLock {
            requests[RequestKey(route: route, status: status), default: 0] += 1
            if status >= 400 { errors[route, default: 0] += 1 }
            latency.observe(seconds)
        }
    }

    /// Records one forward pass of `rows` rows.
    public func recordBatch(rows: Int) {
        lock.withLock { batches.observe(Double(rows)) }
    }

    /// Records one model reloaded (a new file now serving).
    public func recordReload() {
        lock.withLock { reloads += 1 }
    }

    /// The number of requests recorded with `status` (all routes).
    public func requestCount(status: Int? = nil) -> Int {
        lock.withLock { requests.filter { status == nil || $0.key.status == status }.values.reduce(0, +) }
    }

    /// The Prometheus text exposition (version 0.0.4).
    public func prometheusText() -> String {
        lock.withLock {
            var lines = ["# HELP aprendiz_requests_total HTTP requests answered, by route and status.",
                         "# TYPE aprendiz_requests_total counter"]
            for (key, n) in requests.sorted(by: { $0.key < $1.key }) {
                lines.append("aprendiz_requests_total{route=\"\(Self.escape(key.route))\",status=\"\(key.status)\"} \(n)")
            }
            lines += ["# HELP aprendiz_request_errors_total Requests answered with status 400 or above, by route.",
                      "# TYPE aprendiz_request_errors_total counter"]
            for (route, n) in errors.sorted(by: { $0.key < $1.key }) {
                lines.append("aprendiz_request_errors_total{route=\"\(Self.escape(route))\"} \(n)")
            }
            lines += ["# HELP aprendiz_request_duration_seconds Time from request to response.",
                      "# TYPE aprendiz_request_duration_seconds histogram"]
            lines += latency.lines("aprendiz_request_duration_seconds")
            lines += ["# HELP aprendiz_batch_size Rows per forward pass.", "# TYPE aprendiz_batch_size histogram"]
            lines += batches.lines("aprendiz_batch_size")
            lines += ["# HELP aprendiz_model_reloads_total Model files reloaded (SIGHUP or POST …/reload).",
                      "# TYPE aprendiz_model_reloads_total counter", "aprendiz_model_reloads_total \(reloads)"]
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// Label values escape `\`, `"` and newlines.
    private static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
