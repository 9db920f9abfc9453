import AprendizTensor

extension BoostedTrees {
    /// The total split gain of each feature over all trees, LightGBM's `feature_importance(importance_type="gain")`
    /// (scikit-learn's HistGradientBoosting has no importances; its node gains omit the root's −G²/(H + λ)):
    /// ```
    /// gainⱼ = Σ_{inner nodes t splitting on j}  G_L²/(H_L + λ) + G_R²/(H_R + λ) − G²/(H + λ)
    /// ```
    /// (G, H: the node's sums of gradients and hessians; L, R: its children), `[featureCount]`.
    public var splitGains: [Double] {
        var totals = [Double](repeating: 0, count: featureCount)
        for node in feature.indices where left[node] >= 0 { totals[Int(feature[node])] += Double(gain[node]) }
        return totals
    }

    /// ``splitGains`` divided by their sum (all 0 when no tree split), `[featureCount]`.
    public var gainImportances: Tensor {
        let gains = splitGains, total = gains.reduce(0, +)
        return Tensor(gains.map { total > 0 ? Float($0 / total) : 0 })
    }
}

extension HistGradientBoostingClassificationModel: FeatureImportanceModel {
    /// The normalised split-gain importances of all trees (LightGBM's `gain` type, ``BoostedTrees/splitGains``);
    /// for permutation importance see ``permutationImportance(model:x:y:repeats:seed:)``.
    public var featureImportances: Tensor { trees.gainImportances }
}

extension HistGradientBoostingRegressionModel: FeatureImportanceModel {
    /// The normalised split-gain importances of all trees (LightGBM's `gain` type, ``BoostedTrees/splitGains``);
    /// for permutation importance see ``permutationImportance(model:x:y:repeats:seed:)``.
    public var featureImportances: Tensor { trees.gainImportances }
}
