package dev.tegula.tgl.lossless;

/**
 * Normalized least-mean-squares filter in fixed point (format-lossless.md §4.7): a linear
 * combination of the caller's inputs whose weights move after every sample by
 * mu · error · input / (1 + |inputs|²). Used twice per plane: to refine the weighted prediction and
 * to estimate the size of the next residual.
 *
 * <p>Weights are Q24 ints; the sums are longs and cannot overflow for inputs below 2^20 (samples
 * are at most 17 bits after the colour transform). Products that could only overflow for absurd
 * (damaged) inputs wrap identically on the JVM and in WebAssembly.
 */
final class Nlms {
  static final int SHIFT = 24;

  /** RECIPROCAL[m - 128] = 2^15 / m for m = 128..255, rounded: 8 significant bits. */
  private static final int[] RECIPROCAL = new int[128];

  static {
    for (int m = 128; m < 256; m++) {
      RECIPROCAL[m - 128] = ((1 << 16) / m + 1) >> 1;
    }
  }
  private static final int WEIGHT_LIMIT = 1 << 30;

  /** The inputs of the next prediction, filled by the caller. */
  final int[] in;
  private final int[] weights;
  private final int muNumerator;
  private final int initialWeight;
  private long sum;
  private long norm;

  /**
   * @param size number of inputs
   * @param initialWeight every weight's starting value (Q24)
   * @param muNumerator step size mu = muNumerator / 4096
   */
  Nlms(int size, int initialWeight, int muNumerator) {
    this.in = new int[size];
    this.weights = new int[size];
    this.muNumerator = muNumerator;
    this.initialWeight = initialWeight;
    reset();
  }

  /** Back to the starting weights, for the next plane. */
  void reset() {
    java.util.Arrays.fill(weights, initialWeight);
  }

  /** The weighted sum of the current inputs, Q24. */
  long predict() {
    int[] x = in;
    int[] w = weights;
    long s = 0;
    long n = 1;
    for (int j = 0; j < x.length; j++) {
      int v = x[j];
      s += (long) w[j] * v;
      n += (long) v * v;
    }
    sum = s;
    norm = n;
    return s;
  }

  /** Moves the weights towards {@code target} (Q24) for the inputs of the last prediction. */
  void update(long target) {
    // g = (target - sum) · mu / norm, with 1/norm from an 8-bit reciprocal table instead of a
    // 64-bit division (slow on both runtimes); the step size is off by under 0.8%.
    long n = norm;
    int log = 63 - Long.numberOfLeadingZeros(n);
    int top = log >= 7 ? (int) (n >>> (log - 7)) : (int) (n << (7 - log));
    int shift = log + 8;
    long g = shift > 62 ? 0 : ((target - sum) * muNumerator * RECIPROCAL[top - 128]) >> shift;
    int[] x = in;
    int[] w = weights;
    for (int j = 0; j < x.length; j++) {
      long v = w[j] + ((g * x[j]) >> 12);
      w[j] = v > WEIGHT_LIMIT ? WEIGHT_LIMIT : (v < -WEIGHT_LIMIT ? -WEIGHT_LIMIT : (int) v);
    }
  }
}
