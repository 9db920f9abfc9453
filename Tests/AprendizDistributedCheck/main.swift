// Run by AprendizDistributedTests under `mpirun -np p` (and directly, as one process): every rank runs
// the check named by the first argument and prints one JSON object (sorted keys) of what it got:
//   (none)    each collective of `Distributed.current` with rank-dependent inputs (values worked by hand)
//   kmeans    distributed k-means on generated blobs (compared with one process's output)
//   forest    random-forest classifier and regressor grown across ranks (compared with one process's)
//   grid      grid search and cross-validation shared over ranks (compared with one process's)
//   dataparallel   DataParallel training in 20-float buckets, all-reduced during and after the backward pass
//   overlap CAPACITY ROUNDS   the timing of overlapped against sequential all-reduce (Benchmarks/overlap_timeline.py)
import AprendizDistributed
import Foundation

let world = Distributed.current
var results: [String: Any]
switch CommandLine.arguments.dropFirst().first {
case "kmeans": results = try kMeansCheck(world)
case "forest": results = try forestCheck(world)
case "grid": results = try gridSearchCheck(world)
case "dataparallel": results = try dataParallelCheck(world)
case "overlap":
    let arguments = CommandLine.arguments.dropFirst(2).compactMap { Int($0) }
    results = try overlapTiming(world, bucketCapacity: arguments.first ?? 1 << 18, rounds: arguments.dropFirst().first ?? 3)
default: results = collectivesCheck(world)
}
results["rank"] = world.rank
results["size"] = world.size
results["implementation"] = world.implementation ?? "none"
try world.barrier()

let data = try JSONSerialization.data(withJSONObject: results, options: [.sortedKeys])
print(String(decoding: data, as: UTF8.self))
