import AprendizAutodiff
import AprendizTensor

/// A neural-network building block: it owns parameters and sub-modules, knows whether it is in
/// training or inference mode, and maps an input variable to an output variable.
///
/// Subclass it and override ``callAsFunction(_:)-(Variable)``. Parameters (stored `Variable` properties that
/// require gradients), sub-modules (stored `Module` properties) and arrays of either are discovered
/// by reflection, with stable dotted names that double as model-file keys:
///
/// ```swift
/// final class TwoLayer: Module {
///     let hidden = Dense(4, 8), output = Dense(8, 3)
///     override func callAsFunction(_ x: Variable) -> Variable { output(relu(hidden(x))) }
/// }
/// TwoLayer().namedParameters().map(\.name)  // ["hidden.weight", "hidden.bias", "output.weight", "output.bias"]
/// ```
open class Module {
    /// Whether the module is in training mode (dropout active, stochastic activations random).
    public private(set) var isTraining = true

    public init() {}

    /// The forward pass. Subclasses override it.
    open func callAsFunction(_ input: Variable) -> Variable {
        fatalError("\(type(of: self)) does not override callAsFunction(_:)")
    }

    /// Applies the module to a plain tensor (a constant input).
    public func callAsFunction(_ input: Tensor) -> Variable { self(Variable(input)) }

    /// Direct sub-modules with their property names (array elements as `name.index`).
    open func namedChildren() -> [(name: String, module: Module)] {
        reflectedMembers().compactMap { name, value in (value as? Module).map { (name, $0) } }
    }

    /// This module's own parameters (not those of sub-modules), with their property names.
    open func namedOwnParameters() -> [(name: String, parameter: Variable)] {
        reflectedMembers().compactMap { name, value in
            guard let v = value as? Variable, v.isLeaf, v.requiresGradient else { return nil }
            return (name, v)
        }
    }

    /// Every parameter of this module and its descendants, depth first, named by dotted path
    /// (`layers.0.weight`).
    public func namedParameters() -> [(name: String, parameter: Variable)] {
        var result = namedOwnParameters()
        for (prefix, child) in namedChildren() {
            result += child.namedParameters().map { ("\(prefix).\($0.name)", $0.parameter) }
        }
        return result
    }

    /// This module's own buffers: state that is saved with the model but not trained by gradients
    /// (``BatchNorm``'s running statistics), with their names. None unless a subclass overrides it.
    open func namedOwnBuffers() -> [(name: String, buffer: Variable)] { [] }

    /// Every buffer of this module and its descendants, depth first, named by dotted path
    /// (`layers.1.runningMean`).
    public func namedBuffers() -> [(name: String, buffer: Variable)] {
        var result = namedOwnBuffers()
        for (prefix, child) in namedChildren() {
            result += child.namedBuffers().map { ("\(prefix).\($0.name)", $0.buffer) }
        }
        return result
    }

    /// Every parameter, in the order of ``namedParameters()``.
    public func parameters() -> [Variable] { namedParameters().map(\.parameter) }

    /// Switches training mode on (`true`) or off for this module and all descendants.
    open func train(_ training: Bool = true) {
        isTraining = training
        for (_, child) in namedChildren() { child.train(training) }
    }

    /// Switches to inference mode (same as `train(false)`).
    public func eval() { train(false) }

    /// Clears the gradients of every parameter.
    public func zeroGrad() { for p in parameters() { p.zeroGrad() } }

    /// Stored properties, flattening arrays to `name.index`.
    private func reflectedMembers() -> [(String, Any)] {
        var members: [(String, Any)] = []
        var mirror: Mirror? = Mirror(reflecting: self)
        var chain: [Mirror] = []
        while let m = mirror { chain.insert(m, at: 0); mirror = m.superclassMirror }
        for m in chain {
            for child in m.children {
                guard let label = child.label.map(Module.cleanLabel) else { continue }
                if let array = child.value as? [Any] {
                    for (i, element) in array.enumerated() { members.append(("\(label).\(i)", element)) }
                } else {
                    members.append((label, child.value))
                }
            }
        }
        return members
    }

    /// `_weight` (a property wrapper's storage) and `$__lazy_storage_$_x` become `weight` and `x`.
    private static func cleanLabel(_ label: String) -> String {
        if label.hasPrefix("$__lazy_storage_$_") { return String(label.dropFirst("$__lazy_storage_$_".count)) }
        return label.hasPrefix("_") ? String(label.dropFirst()) : label
    }
}
