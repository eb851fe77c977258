package dev.tegula.tgl.lossy;

/**
 * DC prediction (docs/format-lossy.md §7.3) from the block edges, after Lepton (Horn et al., "The
 * Design, Implementation, and Deployment of a System to Transparently Compress Hundreds of
 * Petabytes of Image Files", NSDI 2017): a block's AC coefficients, coded first, already fix how
 * its samples vary along its top and left edges; the neighbours above and to the left fix the
 * samples just across those edges. Choosing the DC that makes the two sides meet, each side
 * extrapolated linearly to the boundary from its two outermost rows, predicts the DC far better
 * than the neighbouring DC values alone (a median of those costs a quarter to a third more bits on
 * the dev photos). All sums are 32-bit integers in 1/4096 of an orthonormal DC unit.
 */
final class DcPredictor {
  /*
   * EDGE_v = round(4096 * 8 * a(0) * a(v) * (1.5 cos(v pi / 16) - 0.5 cos(3 v pi / 16))), a the
   * orthonormal DCT's scale: the weight of coefficient v (along the edge's normal) in the
   * boundary value of the edge row, linearly extrapolated from rows 0 and 1. Constants rather
   * than an array: a class without static state needs no initialization, and under TeaVM every
   * call into a class that does first checks it (an indirect call), six per block here.
   */
  private static final int EDGE_1 = 6114;
  private static final int EDGE_2 = 6919;
  private static final int EDGE_3 = 7790;
  private static final int EDGE_4 = 8192;
  private static final int EDGE_5 = 7668;
  private static final int EDGE_6 = 6001;
  private static final int EDGE_7 = 3304;

  private DcPredictor() {}

  /** Reconstructed DC (orthonormal units) of quantized value {@code q} at step16 {@code step}. */
  static int dequantize(int q, int step) {
    int dc = q * step;
    return (dc + (dc < 0 ? -8 : 8)) / 16;
  }

  /** The weights EDGE_v for v = 0..7 (EDGE_0 = 0), a fresh array. */
  static int[] edgeWeights() {
    return new int[] {0, EDGE_1, EDGE_2, EDGE_3, EDGE_4, EDGE_5, EDGE_6, EDGE_7};
  }

  /**
   * The AC part of a block's near edge (top with {@code stride} 8, left with 1) from its
   * dequantized coefficients {@code f} (natural order): sum of EDGE_v f[v * stride].
   */
  static int near(int[] f, int stride) {
    return even(f, stride) + odd(f, stride);
  }

  /** The far edge (bottom with stride 8, right with 1): the same with alternating signs. */
  static int far(int[] f, int stride) {
    return even(f, stride) - odd(f, stride);
  }

  /**
   * The even-v terms of {@link #near} (v = 2, 4, 6); with {@link #odd}, near = even + odd and
   * far = even - odd (32-bit sums, which wrap alike in any order).
   */
  static int even(int[] f, int stride) {
    return EDGE_2 * f[2 * stride] + EDGE_4 * f[4 * stride] + EDGE_6 * f[6 * stride];
  }

  /** The odd-v terms of {@link #near} (v = 1, 3, 5, 7). */
  static int odd(int[] f, int stride) {
    return EDGE_1 * f[stride] + EDGE_3 * f[3 * stride] + EDGE_5 * f[5 * stride]
        + EDGE_7 * f[7 * stride];
  }

  /**
   * The predicted DC in orthonormal units. {@code a} / {@code l}: the above / left neighbour's
   * far-edge value (its DC << 12 plus {@link #far}) minus this block's {@link #near} sum;
   * {@code hasA} / {@code hasL}: whether that neighbour exists.
   */
  static int predict(int a, boolean hasA, int l, boolean hasL) {
    if (hasA && hasL) {
      return (a + l + 4096) >> 13;
    }
    if (hasA) {
      return (a + 2048) >> 12;
    }
    return hasL ? (l + 2048) >> 12 : 0;
  }

  /** A prediction in orthonormal units converted to steps, rounded half away from zero. */
  static int predictQ(int p, int step) {
    p *= 16;
    int h = step >> 1;
    return p < 0 ? -((-p + h) / step) : (p + h) / step;
  }

  /** Context bucket: how much the two sides disagree, in steps; 4 / 5 with one / no neighbour. */
  static int bucket(int a, boolean hasA, int l, boolean hasL, int step) {
    if (!hasA || !hasL) {
      return hasA || hasL ? 4 : 5;
    }
    // g = d / step gives 0 for 0, 1 for 1-2, 2 for 3-6, 3 above (§7.3); g <= n exactly when
    // d < (n + 1) * step, so no division is needed.
    long d = Math.abs((long) a - l) >> 8;
    return d < step ? 0 : d < 3L * step ? 1 : d < 7L * step ? 2 : 3;
  }
}
