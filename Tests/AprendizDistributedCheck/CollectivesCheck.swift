import AprendizDistributed
import AprendizTensor

/// Each collective called with rank-dependent inputs; what came back (or the error's text), by name.
func collectivesCheck(_ world: Distributed) -> [String: Any] {
    let r = Float(world.rank)
    var results: [String: Any] = [:]
    func record(_ name: String, _ body: () throws -> Any) {
        do { results[name] = try body() } catch { results[name] = "error: \(error)" }
    }
    record("sum") { var values: [Float] = [r + 1, 2 * (r + 1)]; try world.allReduce(&values); return values }
    record("mean") { var values: [Float] = [r + 1]; try world.allReduce(&values, op: .mean); return values }
    record("max") { var values: [Float] = [r, -r]; try world.allReduce(&values, op: .max); return values }
    record("doubleSum") { var values: [Double] = [Double(r) + 0.25, 0x1p-1000]; try world.allReduce(&values); return values }
    record("broadcast") { var values: [Float] = [r, r * 10]; try world.broadcast(&values, root: world.size - 1); return values }
    record("tensorSum") { try world.allReduce(Tensor([[r, 1], [2, 3]])).scalars }
    record("allGather") { try world.allGather([r, r * 10]) }
    record("tensorGather") { let gathered = try world.allGather(Tensor([[r, r + 0.5]])); return [gathered.shape, gathered.scalars] as [Any] }
    record("bytesGather") { try world.allGather(bytes: [UInt8](repeating: UInt8(world.rank + 1), count: world.rank)).map { $0.map(Int.init) } }
    record("gatherMismatch") { try world.allGather(world.rank == 0 ? [1] : [1, 2]) }
    record("badRoot") { var values: [Float] = [1]; try world.broadcast(&values, root: world.size); return values }
    return results
}
