package dev.tegula.transform;

/**
 * The filter taps of one axis, computed once per resize: for each output sample, the first input
 * sample it reads, how many it reads and their weights in fixed point ({@link #ONE} = 1.0). The
 * weights of every output sample add up to exactly {@link #ONE}, so that a constant input stays
 * constant.
 *
 * <p>The placement follows Pillow's {@code precompute_coeffs} (libImaging/Resample.c): output
 * sample {@code i} is centred on input coordinate {@code (i + 0.5) * in / out}; when shrinking,
 * the kernel is stretched by the scale so that it averages over the whole footprint.
 */
final class ResampleWeights {
  static final int BITS = 14;
  static final int ONE = 1 << BITS;
  /** Lanczos-3: the kernel reaches three lobes either side. */
  static final double LANCZOS_SUPPORT = 3.0;

  final int outSize;
  final int taps;
  final int[] start;
  final int[] count;
  /** {@code taps} weights per output sample, the unused ones zero. */
  final int[] weights;

  private ResampleWeights(int outSize, int taps) {
    this.outSize = outSize;
    this.taps = taps;
    this.start = new int[outSize];
    this.count = new int[outSize];
    this.weights = new int[Math.multiplyExact(outSize, taps)];
  }

  /** Lanczos-3 taps mapping {@code inSize} samples onto {@code outSize}. */
  static ResampleWeights lanczos3(int inSize, int outSize) {
    return lanczos3(inSize, inSize, outSize);
  }

  /**
   * Lanczos-3 taps mapping the first {@code extent} samples' worth of {@code inSize} (extent at
   * most inSize: the last sample may stand for less than a whole one) onto {@code outSize}.
   */
  static ResampleWeights lanczos3(int inSize, double extent, int outSize) {
    double scale = extent / outSize;
    double filterScale = Math.max(scale, 1.0);
    double support = LANCZOS_SUPPORT * filterScale;
    int taps = Math.min(inSize, (int) Math.ceil(support) * 2 + 1);
    ResampleWeights w = new ResampleWeights(outSize, taps);
    double[] k = new double[taps];
    for (int i = 0; i < outSize; i++) {
      double center = (i + 0.5) * scale;
      // (int) truncates toward zero as Pillow's C cast does; both ends are clamped to the image
      int lo = Math.max(0, (int) (center - support + 0.5));
      int hi = Math.min(inSize, (int) (center + support + 0.5));
      int n = Math.min(taps, hi - lo);
      double sum = 0;
      for (int t = 0; t < n; t++) {
        k[t] = lanczos3((t + lo - center + 0.5) / filterScale);
        sum += k[t];
      }
      w.start[i] = lo;
      w.count[i] = n;
      quantize(k, n, sum, w.weights, i * taps);
    }
    return w;
  }

  /**
   * Normalizes and rounds to fixed point; the rounding error goes to the largest tap so that the
   * taps sum to exactly ONE.
   */
  private static void quantize(double[] k, int n, double sum, int[] out, int off) {
    if (n == 0 || sum == 0) {
      out[off] = ONE;
      return;
    }
    int total = 0;
    int biggest = 0;
    for (int t = 0; t < n; t++) {
      double v = k[t] / sum * ONE;
      int q = (int) (v < 0 ? v - 0.5 : v + 0.5);
      out[off + t] = q;
      total += q;
      if (q > out[off + biggest]) {
        biggest = t;
      }
    }
    out[off + biggest] += ONE - total;
  }

  static double lanczos3(double x) {
    if (x <= -LANCZOS_SUPPORT || x >= LANCZOS_SUPPORT) {
      return 0;
    }
    return sinc(x) * sinc(x / LANCZOS_SUPPORT);
  }

  private static double sinc(double x) {
    if (x == 0) {
      return 1;
    }
    double px = Math.PI * x;
    return Math.sin(px) / px;
  }
}
