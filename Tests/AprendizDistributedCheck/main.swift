// Run by AprendizDistributedTests under `mpirun -np p`: every rank calls each collective of
// `Distributed.current` with rank-dependent inputs and prints one JSON object of what it got back;
// the test compares them with the values worked out by hand for p ranks.
import AprendizDistributed
import AprendizTensor
import Foundation

let world = Distributed.current
let r = Float(world.rank)
var results: [String: Any] = ["rank": world.rank, "size": world.size, "implementation": world.implementation ?? "none"]

@MainActor func record(_ name: String, _ body: () throws -> Any) {
    do { results[name] = try body() } catch { results[name] = "error: \(error)" }
}

record("sum") { var values: [Float] = [r + 1, 2 * (r + 1)]; try world.allReduce(&values); return values }
record("mean") { var values: [Float] = [r + 1]; try world.allReduce(&values, op: .mean); return values }
record("max") { var values: [Float] = [r, -r]; try world.allReduce(&values, op: .max); return values }
record("broadcast") { var values: [Float] = [r, r * 10]; try world.broadcast(&values, root: world.size - 1); return values }
record("tensorSum") { try world.allReduce(Tensor([[r, 1], [2, 3]])).scalars }
record("allGather") { try world.allGather([r, r * 10]) }
record("tensorGather") { let gathered = try world.allGather(Tensor([[r, r + 0.5]])); return [gathered.shape, gathered.scalars] as [Any] }
record("gatherMismatch") { try world.allGather(world.rank == 0 ? [1] : [1, 2]) }
record("badRoot") { var values: [Float] = [1]; try world.broadcast(&values, root: world.size); return values }
try world.barrier()

let data = try JSONSerialization.data(withJSONObject: results, options: [.sortedKeys])
print(String(decoding: data, as: UTF8.self))
