// The recurrent cells' fused gate passes (forward and backward of one step of one sequence), part of
// KernelBodies.h: compiled once per instruction set, W hidden units at a time, the last partial vector
// loaded and stored lane by lane (the rest 0). Formulas: `RecurrentCell` and
// `recurrentSequence` (AprendizNN/Recurrent), §23.2–§23.5 of the book; the same operations in the same
// order as the Swift SIMD8 loops they replace, so results agree to rounding (multiply-adds may fuse).
//
// Not a public header: it is included only by KernelBodies.h.

/// The first n (≤ W) floats at p, the other lanes 0.
static inline __attribute__((always_inline)) vf load_n(const float *p, long n) {
    if (n == W) return load(p);
    vf v = splat(0);
    for (long k = 0; k < n; k++) v[k] = p[k];
    return v;
}

/// Writes the first n (≤ W) lanes of v to p.
static inline __attribute__((always_inline)) void store_n(float *p, vf v, long n) {
    if (n == W) {
        store(p, v);
        return;
    }
    for (long k = 0; k < n; k++) p[k] = v[k];
}

/// p[0..<n], or 0 when p is NULL (no peepholes).
static inline __attribute__((always_inline)) vf load_or_zero(const float *p, long n) {
    return p == NULL ? splat(0) : load_n(p, n);
}

/// σ(x) = 1/(1 + e⁻ˣ).
static inline __attribute__((always_inline)) vf logistic_lanes(vf x) { return 1.0f / (1.0f + exp_lanes(-x)); }

/// tanh(x) = 2σ(2x) − 1.
static inline __attribute__((always_inline)) vf tanh_lanes(vf x) { return 2.0f / (1.0f + exp_lanes(-2.0f * x)) - 1.0f; }

/// One step of one sequence: reads z = a + r block by block and the previous state, writes the gates and
/// the new state (see aprendiz_recurrent_forward).
static void recurrent_forward(aprendiz_recurrent_cell cell, const aprendiz_recurrent_forward_step *s) {
    const long h = s->hidden;
    const float *a = s->projected, *r = s->recurrent, *p = s->peepholes;
    for (long j = 0; j < h; j += W) {
        const long n = h - j < W ? h - j : W;
        switch (cell) {
        case aprendiz_cell_elman: {
            vf state = tanh_lanes(load_n(a + j, n) + load_n(r + j, n));
            store_n(s->gates + j, state, n);
            store_n(s->state + j, state, n);
            break;
        }
        case aprendiz_cell_lstm: {
            vf c0 = load_n(s->cell_previous + j, n);
            vf i = logistic_lanes(load_n(a + j, n) + load_n(r + j, n) + (p ? load_n(p + j, n) * c0 : splat(0)));
            vf f = logistic_lanes(load_n(a + h + j, n) + load_n(r + h + j, n)
                                  + (p ? load_n(p + h + j, n) * c0 : splat(0)));
            vf g = tanh_lanes(load_n(a + 2 * h + j, n) + load_n(r + 2 * h + j, n));
            vf c = f * c0 + i * g;
            vf o = logistic_lanes(load_n(a + 3 * h + j, n) + load_n(r + 3 * h + j, n)
                                  + (p ? load_n(p + 2 * h + j, n) * c : splat(0)));
            store_n(s->gates + j, i, n);
            store_n(s->gates + h + j, f, n);
            store_n(s->gates + 2 * h + j, g, n);
            store_n(s->gates + 3 * h + j, o, n);
            store_n(s->cell + j, c, n);
            store_n(s->state + j, o * tanh_lanes(c), n);
            break;
        }
        case aprendiz_cell_gru: {
            vf reset = logistic_lanes(load_n(a + j, n) + load_n(r + j, n));
            vf update = logistic_lanes(load_n(a + h + j, n) + load_n(r + h + j, n));
            vf rn = load_n(r + 2 * h + j, n);
            vf candidate = tanh_lanes(load_n(a + 2 * h + j, n) + reset * rn);
            store_n(s->gates + j, reset, n);
            store_n(s->gates + h + j, update, n);
            store_n(s->gates + 2 * h + j, candidate, n);
            store_n(s->reset_input + j, rn, n);
            store_n(s->state + j, (1.0f - update) * candidate + update * load_n(s->state_previous + j, n), n);
            break;
        }
        }
    }
}

/// The pointwise derivative of one step of one sequence (see aprendiz_recurrent_backward).
static void recurrent_backward(aprendiz_recurrent_cell cell, const aprendiz_recurrent_backward_step *s) {
    const long h = s->hidden;
    const float *gate = s->gates, *p = s->peepholes;
    float *dr = s->d_recurrent, *da = s->d_projected, *db = s->d_bias;
    for (long j = 0; j < h; j += W) {
        const long n = h - j < W ? h - j : W;
        vf dh = load_n(s->dh + j, n) + load_n(s->upstream + j, n);
        switch (cell) {
        case aprendiz_cell_elman: {
            vf state = load_n(gate + j, n);
            vf dz = dh * (1.0f - state * state);
            store_n(dr + j, dz, n);
            store_n(da + j, dz, n);
            store_n(db + j, load_n(db + j, n) + dz, n);
            store_n(s->dh_previous + j, splat(0), n);
            break;
        }
        case aprendiz_cell_lstm: {
            vf i = load_n(gate + j, n), f = load_n(gate + h + j, n);
            vf g = load_n(gate + 2 * h + j, n), out = load_n(gate + 3 * h + j, n);
            vf c0 = load_n(s->cell_previous + j, n), c = load_n(s->cell + j, n);
            vf tc = tanh_lanes(c);
            vf dzo = dh * tc * out * (1.0f - out);
            vf dcc = load_n(s->dc + j, n) + dh * out * (1.0f - tc * tc) + dzo * load_or_zero(p ? p + 2 * h + j : NULL, n);
            vf dzi = dcc * g * i * (1.0f - i), dzf = dcc * c0 * f * (1.0f - f), dzg = dcc * i * (1.0f - g * g);
            vf blocks[4] = {dzi, dzf, dzg, dzo};
            for (int k = 0; k < 4; k++) {
                store_n(dr + k * h + j, blocks[k], n);
                store_n(da + k * h + j, blocks[k], n);
                store_n(db + k * h + j, load_n(db + k * h + j, n) + blocks[k], n);
            }
            store_n(s->dc_previous + j,
                    dcc * f + dzi * load_or_zero(p ? p + j : NULL, n) + dzf * load_or_zero(p ? p + h + j : NULL, n), n);
            store_n(s->dh_previous + j, splat(0), n);
            if (s->d_peepholes) {
                float *dp = s->d_peepholes;
                store_n(dp + j, load_n(dp + j, n) + dzi * c0, n);
                store_n(dp + h + j, load_n(dp + h + j, n) + dzf * c0, n);
                store_n(dp + 2 * h + j, load_n(dp + 2 * h + j, n) + dzo * c, n);
            }
            break;
        }
        case aprendiz_cell_gru: {
            vf reset = load_n(gate + j, n), z = load_n(gate + h + j, n), candidate = load_n(gate + 2 * h + j, n);
            vf dzn = dh * (1.0f - z) * (1.0f - candidate * candidate);
            vf dzr = dzn * load_n(s->reset_input + j, n) * reset * (1.0f - reset);
            vf dzz = dh * (load_n(s->state_previous + j, n) - candidate) * z * (1.0f - z);
            vf dRn = dzn * reset;  // ∂L/∂r_n = ∂L/∂z_n ⊙ r, while ∂L/∂a_n = ∂L/∂z_n
            store_n(dr + j, dzr, n);
            store_n(dr + h + j, dzz, n);
            store_n(dr + 2 * h + j, dRn, n);
            store_n(da + j, dzr, n);
            store_n(da + h + j, dzz, n);
            store_n(da + 2 * h + j, dzn, n);
            store_n(db + j, load_n(db + j, n) + dzr, n);
            store_n(db + h + j, load_n(db + h + j, n) + dzz, n);
            store_n(db + 2 * h + j, load_n(db + 2 * h + j, n) + dRn, n);
            store_n(s->dh_previous + j, dh * z, n);
            break;
        }
        }
    }
}
