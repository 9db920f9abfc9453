import AprendizTensor

/// Particle swarm optimisation (§11.2; Kennedy & Eberhart 1995), with Shi & Eberhart's inertia
/// weight (1998), Clerc & Kennedy's constriction factor (2002), global-best or ring (local-best)
/// neighbourhoods, velocity clamping and bounds handling.
///
/// ```
/// xᵢ ~ U(box),  vᵢ = 0,  pᵢ = xᵢ                     (personal bests);  score
/// repeat until the budget is spent (t = 1, 2, …, T):
///     gᵢ = best p in i's neighbourhood              (global: the whole swarm; ring(k): i−k … i+k)
///     inertia:       v ← w(t)·v + c₁r₁⊙(pᵢ − x) + c₂r₂⊙(gᵢ − x)        r₁, r₂ ~ U[0,1)ⁿ
///                    w(t) = w  or  w_start − (w_start − w_end)·t/T      (linearly decreasing)
///     constriction:  v ← χ·(v + φ₁r₁⊙(pᵢ − x) + φ₂r₂⊙(gᵢ − x)),  φ = φ₁ + φ₂ > 4,
///                    χ = 2/|2 − φ − √(φ² − 4φ)|        (φ₁ = φ₂ = 2.05: χ ≈ 0.7298)
///     vⱼ ← clamp(vⱼ, ±v_max·(upperⱼ − lowerⱼ))          (velocity clamping)
///     x ← x + v;  outside the box: absorb (xⱼ ← bound, vⱼ ← 0) or reflect (xⱼ ← 2·bound − xⱼ, vⱼ ← −vⱼ)
///     score the swarm (one batch);  pᵢ ← x where f(x) < f(pᵢ)
/// ```
/// Defaults: 40 particles, global best, inertia w = 0.7298 with c₁ = c₂ = 1.49618 (the constant-w
/// form of Clerc's constriction; Eberhart & Shi 2000), v_max = 0.5 of the interval, absorbing
/// bounds. The reference for the benchmark is pyswarms' `GlobalBestPSO` with the same settings.
public struct ParticleSwarm: PopulationMinimizer {
    /// Who a particle learns from.
    public enum Topology: Sendable, Equatable {
        /// The best position of the whole swarm (gbest).
        case global
        /// The best among the `neighbors` particles on each side on a ring of indices (lbest).
        case ring(neighbors: Int)
    }

    /// How the velocity is updated.
    public enum VelocityRule: Sendable, Equatable {
        /// Constant inertia weight w with cognitive and social coefficients c₁, c₂.
        case inertia(weight: Float, cognitive: Float, social: Float)
        /// Inertia falling linearly from `start` to `end` over the run (Shi & Eberhart 1998: 0.9 → 0.4).
        case linearInertia(start: Float, end: Float, cognitive: Float, social: Float)
        /// Clerc's constriction factor χ from φ₁ (cognitive) and φ₂ (social), φ₁ + φ₂ > 4.
        case constriction(cognitive: Float, social: Float)
    }

    /// What happens to a particle that leaves the box.
    public enum BoundaryHandling: String, Sendable, CaseIterable {
        /// Stop at the bound, velocity component set to 0.
        case absorb
        /// Mirror back into the box, velocity component reversed.
        case reflect
    }

    public var name: String { "pso" }
    /// The number of particles.
    public let swarmSize: Int
    /// gbest or ring lbest.
    public let topology: Topology
    /// The velocity update.
    public let velocityRule: VelocityRule
    /// v_max as a fraction of each interval (nil: no clamping).
    public let velocityClamp: Float?
    /// Absorbing or reflecting bounds.
    public let boundaryHandling: BoundaryHandling

    /// A particle swarm with these settings; a bad value stops with a message naming it.
    public init(swarmSize: Int = 40, topology: Topology = .global,
                velocityRule: VelocityRule = .inertia(weight: 0.7298, cognitive: 1.49618, social: 1.49618),
                velocityClamp: Float? = 0.5, boundaryHandling: BoundaryHandling = .absorb) {
        require(swarmSize >= 2, "ParticleSwarm: invalid swarm size \(swarmSize) (expected ≥ 2)")
        if case .ring(let k) = topology {
            require(k >= 1 && 2 * k < swarmSize, "ParticleSwarm: invalid ring neighbourhood \(k) (expected 1 ≤ k < swarm size/2)")
        }
        switch velocityRule {
        case .inertia(let w, let c1, let c2):
            require(w >= 0 && w < 1.5 && c1 >= 0 && c2 >= 0, "ParticleSwarm: invalid inertia rule w \(w), c₁ \(c1), c₂ \(c2) (expected 0 ≤ w < 1.5, c ≥ 0)")
        case .linearInertia(let start, let end, let c1, let c2):
            require(start >= 0 && end >= 0 && start < 1.5 && end < 1.5 && c1 >= 0 && c2 >= 0,
                    "ParticleSwarm: invalid linear inertia \(start) → \(end), c₁ \(c1), c₂ \(c2) (expected weights in 0…1.5, c ≥ 0)")
        case .constriction(let phi1, let phi2):
            require(phi1 >= 0 && phi2 >= 0 && phi1 + phi2 > 4,
                    "ParticleSwarm: invalid constriction φ₁ \(phi1) + φ₂ \(phi2) = \(phi1 + phi2) (expected > 4)")
        }
        if let velocityClamp {
            require(velocityClamp > 0 && velocityClamp.isFinite, "ParticleSwarm: invalid velocity clamp \(velocityClamp) (expected > 0)")
        }
        self.swarmSize = swarmSize
        self.topology = topology
        self.velocityRule = velocityRule
        self.velocityClamp = velocityClamp
        self.boundaryHandling = boundaryHandling
    }

    /// χ = 2/|2 − φ − √(φ² − 4φ)| for φ = φ₁ + φ₂ (Clerc & Kennedy 2002, eq. 4.15).
    public static func constrictionFactor(_ phi: Float) -> Float {
        require(phi > 4, "ParticleSwarm.constrictionFactor: φ \(phi) must exceed 4")
        return 2 / abs(2 - phi - (phi * phi - 4 * phi).squareRoot())
    }

    public func minimize(_ objective: BatchObjective, bounds: SearchBounds, budget: SearchBudget, seed: UInt64,
                         observer: PopulationObserver?) -> SearchResult {
        var loop = SearchLoop("ParticleSwarm", objective: objective, bounds: bounds, budget: budget,
                              populationSize: swarmSize, observer: observer)
        var generator = RandomGenerator(seed: seed)
        let n = bounds.dimensions
        var positions = bounds.uniformPopulation(swarmSize, using: &generator)
        var velocities = [Float](repeating: 0, count: swarmSize * n)
        var bests = positions
        var bestValues = loop.evaluate(positions, count: swarmSize)
        loop.record(positions, values: bestValues)
        let total = budget.generations(initial: swarmSize, perGeneration: swarmSize)
        let (lower, upper) = (bounds.lower, bounds.upper)
        let limits = (0..<n).map { j in velocityClamp.map { $0 * bounds.width(j) } ?? .infinity }
        var t = 0
        while loop.allows(swarmSize) {
            t += 1
            let (w, c1, c2) = coefficients(step: t, of: total)
            let leaders = neighbourhoodBests(bestValues)
            // The arrays are read through buffers: element access on the bounds' arrays inside this
            // loop retained and released them per coordinate (measured 75 ns per coordinate update).
            lower.withUnsafeBufferPointer { lower in
                upper.withUnsafeBufferPointer { upper in
                    limits.withUnsafeBufferPointer { limits in
                        for i in 0..<swarmSize {
                            let leader = leaders[i]
                            for j in 0..<n {
                                let index = i * n + j, x = positions[index]
                                let pull = c1 * generator.nextUniform() * (bests[index] - x)
                                    + c2 * generator.nextUniform() * (bests[leader * n + j] - x)
                                let v = min(max((w.inertia * velocities[index] + pull) * w.constriction, -limits[j]), limits[j])
                                (positions[index], velocities[index]) = move(x, v, lower: lower[j], upper: upper[j])
                            }
                        }
                    }
                }
            }
            let values = loop.evaluate(positions, count: swarmSize)
            for i in 0..<swarmSize where values[i] < bestValues[i] {
                bestValues[i] = values[i]
                bests.replaceSubrange((i * n)..<((i + 1) * n), with: positions[(i * n)..<((i + 1) * n)])
            }
            loop.record(positions, values: values)
        }
        return loop.result()
    }

    /// (inertia, constriction χ) and the two acceleration coefficients at step t of T.
    private func coefficients(step t: Int, of total: Int) -> ((inertia: Float, constriction: Float), Float, Float) {
        switch velocityRule {
        case .inertia(let w, let c1, let c2):
            return ((w, 1), c1, c2)
        case .linearInertia(let start, let end, let c1, let c2):
            let fraction = total > 0 ? min(1, Float(t) / Float(total)) : 1
            return ((start - (start - end) * fraction, 1), c1, c2)
        case .constriction(let phi1, let phi2):
            return ((1, Self.constrictionFactor(phi1 + phi2)), phi1, phi2)
        }
    }

    /// For each particle, the index of the best personal best in its neighbourhood.
    private func neighbourhoodBests(_ values: [Float]) -> [Int] {
        switch topology {
        case .global:
            let best = values.indices.min { values[$0] < values[$1] }!
            return Array(repeating: best, count: values.count)
        case .ring(let k):
            let size = values.count
            return (0..<size).map { i in
                ((i - k)...(i + k)).map { ($0 % size + size) % size }.min { values[$0] < values[$1] }!
            }
        }
    }

    /// The new (position, velocity) of one coordinate after the move, kept inside [lower, upper].
    @inline(__always)
    private func move(_ x: Float, _ v: Float, lower: Float, upper: Float) -> (Float, Float) {
        let next = x + v
        if next >= lower && next <= upper { return (next, v) }
        switch boundaryHandling {
        case .absorb:
            return (min(max(next, lower), upper), 0)
        case .reflect:
            let mirrored = next < lower ? 2 * lower - next : 2 * upper - next
            return (min(max(mirrored, lower), upper), -v)
        }
    }
}
