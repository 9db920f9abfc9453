/// A duration as people read it: `340 ms` under a second, `12.3 s` from one second on (so a fast
/// epoch does not print as `0.0 s`).
enum ElapsedTime {
    static func text(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "— s" }
        if seconds < 0.9995 { return "\(Int((seconds * 1000).rounded())) ms" }
        return "\((seconds * 10).rounded() / 10) s"
    }
}
