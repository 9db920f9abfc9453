import AprendizData
import AprendizDistributed
import AprendizTensor
import Foundation

extension ForestGrowing {
    /// The forest's trees grown across `world`'s ranks: rank r grows its contiguous share of the tree
    /// indices (``Distributed/share(of:)``), each tree t from the seeds one process gives tree t
    /// (``treeSeeds``), and every rank gathers all the trees in tree order (each rank's trees written as
    /// a safetensors archive, ``concatenatedTrees(_:)``, exchanged with ``Distributed/allGather(bytes:)``).
    /// In one process: ``grow(_:classification:regression:classCount:trees:)``.
    func grow(_ data: TreeTrainingData, classification: ClassificationCriterion?, regression: RegressionCriterion?,
              classCount: Int, across world: Distributed) throws -> [DecisionTree] {
        guard world.usesMPI else { return grow(data, classification: classification, regression: regression, classCount: classCount) }
        let own = grow(data, classification: classification, regression: regression, classCount: classCount,
                       trees: world.share(of: treeCount))
        let bytes = own.isEmpty ? [] : try SafetensorsArchive(tensors: concatenatedTrees(own)).serialized()
        return try world.allGather(bytes: bytes).flatMap { part -> [DecisionTree] in
            guard !part.isEmpty else { return [] }
            return try splitTrees(SafetensorsArchive(data: Data(part)), kind: "forest (gathered over MPI)", featureCount: data.featureCount)
        }
    }
}
