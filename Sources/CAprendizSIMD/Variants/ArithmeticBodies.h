// Element-wise arithmetic (a op b with broadcasting fast paths, and x·scale + shift), part of
// KernelBodies.h: compiled once per variant with its `vf`, `load`, `store`, `splat` and W.
//
// The tensor core's `+ − · /` ran as Swift SIMD8<Float> loops, whose width is the Swift module's
// target: SSE2 in a package that depends on Aprendiz (no `-target-cpu` there). Here they run at the
// CPU's width. Each result is the single IEEE operation, so the bits are those of the Swift loops;
// `affine` turns FP_CONTRACT off so x·scale + shift is never fused (Swift does not fuse either).
//
// Not a public header: it is included only by KernelBodies.h.

/// a op b, for vectors and for scalars alike (`op` a constant after inlining).
#define binary_lanes(op, a, b)                                                                                 \
    ((op) == aprendiz_binary_add        ? (a) + (b)                                                            \
     : (op) == aprendiz_binary_subtract ? (a) - (b)                                                            \
     : (op) == aprendiz_binary_multiply ? (a) * (b)                                                            \
                                        : (a) / (b))
#define binary_scalar binary_lanes

/// The loops of one operation (`op` a constant after inlining): both contiguous, b repeated,
/// a repeated, both repeated. Two vectors per step, as the Swift loops' unrolled form.
static inline __attribute__((always_inline)) void binary_loops(aprendiz_binary_op op, const float *a, long sa,
                                                               const float *b, long sb, float *out, long count) {
    long i = 0;
    if (sa == 1 && sb == 1) {
        for (; i + 2 * W <= count; i += 2 * W) {
            vf r0 = binary_lanes(op, load(a + i), load(b + i));
            vf r1 = binary_lanes(op, load(a + i + W), load(b + i + W));
            store(out + i, r0);
            store(out + i + W, r1);
        }
        for (; i + W <= count; i += W) store(out + i, binary_lanes(op, load(a + i), load(b + i)));
        for (; i < count; i++) out[i] = binary_scalar(op, a[i], b[i]);
    } else if (sa == 1) {
        float b0 = b[0];
        vf vb = splat(b0);
        for (; i + 2 * W <= count; i += 2 * W) {
            vf r0 = binary_lanes(op, load(a + i), vb);
            vf r1 = binary_lanes(op, load(a + i + W), vb);
            store(out + i, r0);
            store(out + i + W, r1);
        }
        for (; i + W <= count; i += W) store(out + i, binary_lanes(op, load(a + i), vb));
        for (; i < count; i++) out[i] = binary_scalar(op, a[i], b0);
    } else if (sb == 1) {
        float a0 = a[0];
        vf va = splat(a0);
        for (; i + 2 * W <= count; i += 2 * W) {
            vf r0 = binary_lanes(op, va, load(b + i));
            vf r1 = binary_lanes(op, va, load(b + i + W));
            store(out + i, r0);
            store(out + i + W, r1);
        }
        for (; i + W <= count; i += W) store(out + i, binary_lanes(op, va, load(b + i)));
        for (; i < count; i++) out[i] = binary_scalar(op, a0, b[i]);
    } else if (count > 0) {
        float value = binary_scalar(op, a[0], b[0]);
        for (; i < count; i++) out[i] = value;
    }
}

static void binary_array(aprendiz_binary_op op, const float *a, long sa, const float *b, long sb, float *out,
                         long count) {
    switch (op) {
    case aprendiz_binary_add: binary_loops(aprendiz_binary_add, a, sa, b, sb, out, count); break;
    case aprendiz_binary_subtract: binary_loops(aprendiz_binary_subtract, a, sa, b, sb, out, count); break;
    case aprendiz_binary_multiply: binary_loops(aprendiz_binary_multiply, a, sa, b, sb, out, count); break;
    default: binary_loops(aprendiz_binary_divide, a, sa, b, sb, out, count); break;
    }
}

/// y = x·scale + shift, the product rounded before the sum (FP_CONTRACT OFF: no fused multiply-add).
static void affine_array(const float *x, float *y, long count, float scale, float shift) {
#pragma STDC FP_CONTRACT OFF
    vf vs = splat(scale), vt = splat(shift);
    long i = 0;
    for (; i + 2 * W <= count; i += 2 * W) {
        vf r0 = load(x + i) * vs + vt;
        vf r1 = load(x + i + W) * vs + vt;
        store(y + i, r0);
        store(y + i + W, r1);
    }
    for (; i + W <= count; i += W) store(y + i, load(x + i) * vs + vt);
    for (; i < count; i++) y[i] = x[i] * scale + shift;
}
