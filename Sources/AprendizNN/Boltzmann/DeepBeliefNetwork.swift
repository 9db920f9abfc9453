import AprendizAutodiff
import AprendizTensor

/// A deep belief network (§20; Hinton, Osindero & Teh 2006): a stack of ``RBM``s trained greedily, one
/// layer at a time, each on the hidden probabilities of the layer below (Bengio et al. 2007), then unrolled
/// into a sigmoid network for supervised fine-tuning.
///
/// ```
/// x⁽⁰⁾ = data;  for ℓ = 1…L:  RBMℓ.fit(x⁽ℓ⁻¹⁾),  x⁽ℓ⁾ = p(h | x⁽ℓ⁻¹⁾) under RBMℓ
/// unrolled:  ŷ = softmax(σ(…σ(x·W₁ + c₁)…·W_L + c_L)·V + d)      (V, d: a new output layer)
/// ```
public struct DeepBeliefNetwork: Sendable, Equatable {
    /// The machines, from the data upwards; each one's hidden layer is the next one's visible layer.
    public let layers: [RBM]

    /// A network from machines whose sizes chain (hidden count of one = visible count of the next).
    public init(layers: [RBM]) {
        require(!layers.isEmpty, "DeepBeliefNetwork: no layers")
        for (lower, upper) in zip(layers, layers.dropFirst()) {
            require(lower.hiddenCount == upper.visibleCount,
                    "DeepBeliefNetwork: a layer with \(lower.hiddenCount) hidden units feeds one with \(upper.visibleCount) visible units")
        }
        self.layers = layers
    }

    /// Greedy layer-wise pre-training on the rows of `data` (`[n, visible]`, values in [0, 1]): one RBM per
    /// entry of `hiddenSizes`, each trained with `options`. Returns the network and each layer's mean
    /// pseudo-likelihood per epoch.
    public static func pretrained(on data: Tensor, hiddenSizes: [Int], options: RBM.TrainingOptions = RBM.TrainingOptions(),
                                  using generator: inout RandomGenerator) -> (network: DeepBeliefNetwork, pseudoLikelihoods: [[Float]]) {
        require(data.rank == 2 && !hiddenSizes.isEmpty, "DeepBeliefNetwork: data \(data.shape) and hidden sizes \(hiddenSizes)")
        var input = data
        var machines: [RBM] = [], histories: [[Float]] = []
        for hidden in hiddenSizes {
            var machine = RBM(visible: input.shape[1], hidden: hidden, using: &generator)
            histories.append(machine.fit(input, options: options, using: &generator))
            input = machine.hiddenProbabilities(given: input)
            machines.append(machine)
        }
        return (DeepBeliefNetwork(layers: machines), histories)
    }

    /// The top layer's hidden probabilities, propagated upwards by mean field (`[n, visible]` → `[n, top]`).
    public func transform(_ data: Tensor) -> Tensor {
        layers.reduce(data) { $1.hiddenProbabilities(given: $0) }
    }

    /// The unrolled network for fine-tuning: for each machine a ``Dense`` layer holding its W and c followed by
    /// a ``Sigmoid``, then a new ``Dense`` layer of `classes` outputs (Glorot-uniform, zero bias) giving logits
    /// for a softmax cross-entropy loss.
    public func unrolled(classes: Int, using generator: inout RandomGenerator) -> Sequential {
        require(classes > 0, "DeepBeliefNetwork: invalid class count \(classes)")
        var modules: [Module] = []
        for machine in layers {
            let dense = Dense(machine.visibleCount, machine.hiddenCount, using: &generator)
            dense.weight.value = machine.weights
            dense.bias!.value = machine.hiddenBias
            modules += [dense, Sigmoid()]
        }
        modules.append(Dense(layers.last!.hiddenCount, classes, using: &generator))
        return Sequential(modules)
    }

    /// The same architecture as ``unrolled(classes:using:)`` with every layer freshly initialised (Glorot
    /// uniform, zero biases): the baseline without pre-training.
    public static func randomlyInitialised(sizes: [Int], classes: Int, using generator: inout RandomGenerator) -> Sequential {
        require(sizes.count >= 2 && classes > 0, "DeepBeliefNetwork: sizes \(sizes) need an input and a hidden layer")
        var modules: [Module] = []
        for (inputs, outputs) in zip(sizes, sizes.dropFirst()) { modules += [Dense(inputs, outputs, using: &generator), Sigmoid()] }
        modules.append(Dense(sizes.last!, classes, using: &generator))
        return Sequential(modules)
    }
}
